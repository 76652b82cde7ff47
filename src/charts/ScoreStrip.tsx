/**
 * A strip plot of one score: a dot per held-out digit along a horizontal axis (spread up and down
 * by a fixed pattern so ties stay visible), with the drawn image's score as a marked vertical
 * line. The axis stretches to take the drawn score in, however far from the digits it falls.
 */
import { extent, scaleLinear } from 'd3';
import { PALETTE } from './palette';
import { useElementWidth } from './useElementWidth';

interface Props {
  reference: readonly number[];
  /** The drawn image's score, or null before one is scored. */
  value: number | null;
  /** The axis title, with units. */
  axisLabel: string;
  label: string;
  format: (v: number) => string;
  testId?: string;
}

const HEIGHT = 104;
const M = { top: 20, right: 14, bottom: 34, left: 14 };
/** A fixed vertical spread in [0, 1) per dot (golden-ratio sequence): the same picture every time. */
const jitter = (i: number): number => (i * 0.6180339887) % 1;
const minus = (s: string): string => s.replace(/^-/, '−');

export function ScoreStrip({ reference, value, axisLabel, label, format, testId }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(300);
  const innerW = Math.max(80, width - M.left - M.right);
  const innerH = HEIGHT - M.top - M.bottom;
  const [lo, hi] = extent(value === null ? [...reference] : [...reference, value]) as [number, number];
  const pad = Math.max(1e-6, (hi - lo) * 0.04);
  const x = scaleLinear().domain([lo - pad, hi + pad]).range([0, innerW]).nice();
  const ticks = x.ticks(Math.max(3, Math.floor(innerW / 70)));
  const vx = value === null ? 0 : x(value);
  // The marker's label sits on whichever side of the line has room.
  const labelEnd = vx > innerW * 0.6;
  return (
    <div ref={ref} className="score-strip" data-testid={testId}>
      <svg width={innerW + M.left + M.right} height={HEIGHT} role="img" aria-label={label}>
        <title>{label}</title>
        <g transform={`translate(${M.left},${M.top})`}>
          {reference.map((r, i) => (
            <circle key={i} cx={x(r)} cy={4 + jitter(i) * (innerH - 8)} r={3} fill={PALETTE.blue} fillOpacity={0.55} />
          ))}
          {value !== null && (
            <g className="score-strip-drawn">
              <line x1={vx} x2={vx} y1={-6} y2={innerH} stroke={PALETTE.vermillion} strokeWidth={2.5} />
              <text x={labelEnd ? vx - 5 : vx + 5} y={-8} textAnchor={labelEnd ? 'end' : 'start'} className="score-strip-value" fill="var(--fg)">
                your image {minus(format(value))}
              </text>
            </g>
          )}
          <line y1={innerH} y2={innerH} x2={innerW} stroke="var(--axis)" />
          {ticks.map((t) => (
            <g key={t}>
              <line x1={x(t)} x2={x(t)} y1={innerH} y2={innerH + 4} stroke="var(--axis)" />
              <text x={x(t)} y={innerH + 15} textAnchor="middle" className="tick">{minus(String(t))}</text>
            </g>
          ))}
          <text x={innerW} y={innerH + 30} textAnchor="end" className="axis-label">{axisLabel}</text>
        </g>
      </svg>
    </div>
  );
}
