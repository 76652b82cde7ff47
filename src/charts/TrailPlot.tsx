/**
 * The paths of a few points through the reverse process, one colour per point: a polyline from
 * where each started (x_T, hollow) to where it is now (filled). SVG, since there are only a few.
 */
import { scaleLinear } from 'd3';
import { PALETTE } from './palette';

const COLORS = [PALETTE.blue, PALETTE.vermillion, PALETTE.green, PALETTE.purple, PALETTE.orange, PALETTE.sky];
const PAD = 30;

interface Props {
  /** Snapshots x_T, …, x_t, each n points row-major (n × 2). */
  trail: Float32Array[];
  n: number;
  label: string;
  /** Faint points drawn underneath (the data), or null. */
  background?: Float32Array | null;
  size?: number;
  extent?: number;
}

export function TrailPlot({ trail, n, label, background, size = 230, extent = 3.5 }: Props) {
  const inner = size - PAD;
  const x = scaleLinear().domain([-extent, extent]).range([PAD, size]);
  const y = scaleLinear().domain([-extent, extent]).range([inner, 0]);
  const cx = (v: number) => x(Math.max(-extent, Math.min(extent, v)));
  const cy = (v: number) => y(Math.max(-extent, Math.min(extent, v)));
  const first = trail[0];
  const last = trail[trail.length - 1];
  return (
    <svg width={size} height={size + 14} role="img" aria-label={label} className="trail-plot">
      <rect x={PAD} y={0} width={inner} height={inner} fill="none" stroke="var(--border)" />
      {x.ticks(5).map((v) => (
        <g key={v}>
          <text x={x(v)} y={inner + 13} textAnchor="middle" className="tick">{v}</text>
          <text x={PAD - 4} y={y(v)} dy="0.32em" textAnchor="end" className="tick">{v}</text>
        </g>
      ))}
      <text x={PAD + inner / 2} y={size + 12} textAnchor="middle" className="axis-label">first coordinate</text>
      <text transform={`translate(9,${inner / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">second coordinate</text>
      {background &&
        Array.from({ length: background.length / 2 }, (_, k) => <circle key={`d${k}`} cx={cx(background[2 * k]!)} cy={cy(background[2 * k + 1]!)} r={1.2} fill="var(--data-faint)" />)}
      {Array.from({ length: n }, (_, p) => {
        const color = COLORS[p % COLORS.length]!;
        const pts = trail.map((s) => `${cx(s[2 * p]!).toFixed(1)},${cy(s[2 * p + 1]!).toFixed(1)}`).join(' ');
        return (
          <g key={p} data-path={p}>
            <polyline points={pts} fill="none" stroke={color} strokeWidth={1} strokeOpacity={0.7} />
            {first && <circle cx={cx(first[2 * p]!)} cy={cy(first[2 * p + 1]!)} r={3.5} fill="none" stroke={color} strokeWidth={1.5} />}
            {last && <circle cx={cx(last[2 * p]!)} cy={cy(last[2 * p + 1]!)} r={4} fill={color} />}
          </g>
        );
      })}
    </svg>
  );
}
