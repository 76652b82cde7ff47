/**
 * A strip plot of nearest-training distances (eq. 8.4) on one axis, two rows: the held-out digits'
 * distances (faint dots, their quartile box and median), then the samples' (one dot each), with the
 * held-out median drawn across both as the yardstick for "close". Sized to its container.
 */
import { scaleLinear } from 'd3';
import type { FiveNumbers } from '../engine/images/copyCheck';
import { PALETTE } from './palette';
import { useElementWidth } from './useElementWidth';

interface Props {
  /** The samples' distances, any order. */
  samples: ArrayLike<number>;
  /** The held-out digits' distances and their five numbers. */
  heldOut: ArrayLike<number>;
  heldOutSummary: FiveNumbers;
  label: string;
}

const M = { top: 20, right: 14, bottom: 34, left: 10 };
/** Each row: a caption line, then a band of dots. */
const ROW = { caption: 12, band: 26, gap: 10 };
const HEIGHT = M.top + 2 * (ROW.caption + ROW.band) + ROW.gap + M.bottom;

/** A fixed spread within a band (golden-ratio steps), so dots at one distance do not hide each other. */
const jitter = (k: number): number => (k * 0.618034) % 1;

const fmt = (v: number): string => v.toFixed(2);

export function DistanceStrip({ samples, heldOut, heldOutSummary: h, label }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(320);
  const innerW = Math.max(120, width - M.left - M.right);
  const innerH = HEIGHT - M.top - M.bottom;
  let top = 0;
  for (let k = 0; k < samples.length; k++) top = Math.max(top, samples[k]!);
  const x = scaleLinear().domain([0, Math.max(top, h.max) * 1.04]).range([0, innerW]).nice();
  const heldBand = ROW.caption;
  const sampleBand = 2 * ROW.caption + ROW.band + ROW.gap;
  const medianX = x(h.median);
  // The median's label sits on the side of its line with room for it.
  const labelAnchor = medianX > innerW * 0.6 ? 'end' : 'start';
  const labelDx = labelAnchor === 'end' ? -4 : 4;
  return (
    <div ref={ref} className="distance-strip">
      <svg width={innerW + M.left + M.right} height={HEIGHT} role="img" aria-label={label}>
        <title>{label}</title>
        <g transform={`translate(${M.left},${M.top})`}>
          {/* The yardstick first: row captions (with a halo) and dots are drawn over it. */}
          <line x1={medianX} x2={medianX} y1={-6} y2={innerH} stroke={PALETTE.vermillion} strokeWidth={2} strokeDasharray="5 3" />
          <text x={0} y={heldBand - 3} className="strip-caption">held-out digits ({h.n}, never trained on)</text>
          {Array.from(heldOut, (d, k) => (
            <circle key={k} cx={x(d)} cy={heldBand + 3 + jitter(k) * (ROW.band - 6)} r={2} fill="var(--data-faint, #c2cad3)" />
          ))}
          <rect x={x(h.q1)} width={Math.max(1, x(h.q3) - x(h.q1))} y={heldBand} height={ROW.band} fill="none" stroke="var(--muted, #57606a)" strokeWidth={1.5} />
          <line x1={x(h.min)} x2={x(h.q1)} y1={heldBand + ROW.band / 2} y2={heldBand + ROW.band / 2} stroke="var(--muted, #57606a)" />
          <line x1={x(h.q3)} x2={x(h.max)} y1={heldBand + ROW.band / 2} y2={heldBand + ROW.band / 2} stroke="var(--muted, #57606a)" />
          <text x={0} y={sampleBand - 3} className="strip-caption">samples ({samples.length})</text>
          {Array.from(samples, (d, k) => (
            <circle key={k} cx={x(d)} cy={sampleBand + 5 + jitter(k) * (ROW.band - 10)} r={4} fill="var(--accent, #0072b2)" fillOpacity={0.85} stroke="var(--panel, #fff)" strokeWidth={0.75} />
          ))}
          <text x={medianX + labelDx} y={-8} textAnchor={labelAnchor} className="strip-median">held-out median {fmt(h.median)}</text>
          <line y1={innerH} y2={innerH} x2={innerW} stroke="var(--axis)" />
          {x.ticks(Math.max(3, Math.floor(innerW / 60))).map((v) => (
            <g key={v}>
              <line x1={x(v)} x2={x(v)} y1={innerH} y2={innerH + 4} stroke="var(--axis)" />
              <text x={x(v)} y={innerH + 15} textAnchor="middle" className="tick">{v}</text>
            </g>
          ))}
          <text x={innerW} y={innerH + 29} textAnchor="end" className="axis-label">d(x): distance to the nearest training image</text>
        </g>
      </svg>
    </div>
  );
}
