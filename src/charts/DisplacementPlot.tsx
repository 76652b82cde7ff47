/**
 * Small moves made visible: for paired clouds `from` and `to`, a dot at each `from` point and a
 * line to from + magnify·(to − from). The caller states the magnification in its title.
 */
import { scaleLinear } from 'd3';

const LEFT = 40;
const BOTTOM = 36;
const EDGE = 8;

interface Props {
  from: Float32Array;
  to: Float32Array;
  magnify: number;
  /** Draw only the first `count` pairs, so the lines stay readable. */
  count: number;
  label: string;
  color: string;
  size?: number;
  extent?: number;
}

export function DisplacementPlot({ from, to, magnify, count, label, color, size = 280, extent = 3 }: Props) {
  const inner = size - LEFT - EDGE;
  const x = scaleLinear().domain([-extent, extent]).range([LEFT, LEFT + inner]);
  const y = scaleLinear().domain([-extent, extent]).range([EDGE + inner, EDGE]);
  const clamp = (v: number) => Math.max(-extent, Math.min(extent, v));
  const n = Math.min(count, from.length / 2, to.length / 2);
  return (
    <svg width={size} height={EDGE + inner + BOTTOM} role="img" aria-label={label}>
      <rect x={LEFT} y={EDGE} width={inner} height={inner} fill="none" stroke="var(--border)" />
      {x.ticks(5).map((v) => (
        <g key={v}>
          <text x={x(v)} y={EDGE + inner + 14} textAnchor="middle" className="tick">{v}</text>
          <text x={LEFT - 5} y={y(v)} dy="0.32em" textAnchor="end" className="tick">{v}</text>
        </g>
      ))}
      <text x={LEFT + inner / 2} y={EDGE + inner + 32} textAnchor="middle" className="axis-label">first coordinate</text>
      <text transform={`translate(12,${EDGE + inner / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">second coordinate</text>
      {Array.from({ length: n }, (_, p) => {
        const fx = from[2 * p]!;
        const fy = from[2 * p + 1]!;
        if (Math.abs(fx) > extent || Math.abs(fy) > extent) return null;
        const tx = clamp(fx + magnify * (to[2 * p]! - fx));
        const ty = clamp(fy + magnify * (to[2 * p + 1]! - fy));
        return (
          <g key={p}>
            <line x1={x(fx)} y1={y(fy)} x2={x(tx)} y2={y(ty)} stroke={color} strokeWidth={1.2} data-move={p} />
            <circle cx={x(fx)} cy={y(fy)} r={1.6} fill="var(--axis)" />
          </g>
        );
      })}
    </svg>
  );
}
