/**
 * A few measured (x, y) points joined by a line, each with a marker (so a single measurement
 * shows), and labelled horizontal reference lines. D3 computes the scales; React renders the SVG.
 */
import { line, scaleLinear, scaleLog } from 'd3';
import { useId } from 'react';
import { useElementWidth } from './useElementWidth';

export interface ReferenceLine {
  y: number;
  label: string;
  color: string;
}

interface Props {
  description: string;
  xLabel: string;
  yLabel: string;
  points: ReadonlyArray<{ x: number; y: number }>;
  color: string;
  references?: ReferenceLine[];
  xDomain: [number, number];
  yDomain: [number, number];
  /** A log y axis (the domain must be positive), for values spanning several powers of ten. */
  yLog?: boolean;
  height?: number;
}

const M = { top: 12, right: 16, bottom: 42, left: 52 };

/** Powers of ten in [lo, hi]; with fewer than three of them, also their 2× and 5× multiples. */
function logTicks(lo: number, hi: number): number[] {
  const powers: number[] = [];
  for (let e = Math.ceil(Math.log10(lo)); 10 ** e <= hi * (1 + 1e-9); e++) powers.push(10 ** e);
  if (powers.length >= 3) return powers;
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); 10 ** e <= hi; e++) for (const m of [1, 2, 5]) if (m * 10 ** e >= lo && m * 10 ** e <= hi) out.push(m * 10 ** e);
  return out;
}

export function PointLineChart({ description, xLabel, yLabel, points, color, references = [], xDomain, yDomain, yLog = false, height = 240 }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(420);
  const titleId = useId();
  const innerW = Math.max(width - M.left - M.right, 40);
  const innerH = height - M.top - M.bottom;
  const x = scaleLinear().domain(xDomain).range([0, innerW]);
  const y = (yLog ? scaleLog() : scaleLinear()).domain(yDomain).range([innerH, 0]).nice();
  const [y0, y1] = y.domain() as [number, number];
  const yTicks = yLog ? logTicks(y0, y1) : y.ticks(5);
  const path = line<{ x: number; y: number }>().x((p) => x(p.x)).y((p) => y(p.y))(points.filter((p) => Number.isFinite(p.y) && (!yLog || p.y > 0))) ?? '';

  return (
    <div ref={ref} className="xy-chart">
      <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{description}</title>
        <g transform={`translate(${M.left},${M.top})`}>
          {yTicks.map((v) => (
            <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
              <line x2={innerW} stroke="var(--border, #eaeef2)" strokeOpacity={0.7} />
              <text x={-6} dy="0.32em" textAnchor="end" className="tick">{String(+v.toPrecision(3))}</text>
            </g>
          ))}
          {x.ticks(innerW < 300 ? 4 : 7).map((v) => (
            <g key={`x${v}`} transform={`translate(${x(v)},${innerH})`}>
              <line y2={5} stroke="var(--axis)" />
              <text y={18} textAnchor="middle" className="tick">{v}</text>
            </g>
          ))}
          <line y1={innerH} y2={innerH} x2={innerW} stroke="var(--axis)" />
          <line y2={innerH} stroke="var(--axis)" />
          {references.map((r) => (
            <g key={r.label} data-reference={r.y}>
              <line x2={innerW} y1={y(r.y)} y2={y(r.y)} stroke={r.color} strokeWidth={1.5} strokeDasharray="5 4" />
              <text x={innerW - 4} y={y(r.y) - 5} textAnchor="end" className="tick" style={{ fill: r.color }}>{r.label}</text>
            </g>
          ))}
          <path d={path} fill="none" stroke={color} strokeWidth={2} />
          {points.map((p) => (
            <circle key={p.x} cx={x(p.x)} cy={y(Math.min(Math.max(p.y, y0), y1))} r={3.5} fill={color} stroke="var(--card, #fff)" strokeWidth={1} data-x={p.x} data-y={p.y}>
              <title>{`${xLabel} ${p.x}: ${p.y.toFixed(3)}`}</title>
            </circle>
          ))}
          <text x={innerW / 2} y={innerH + 36} textAnchor="middle" className="axis-label">{xLabel}</text>
          <text transform={`translate(${-40},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}</text>
        </g>
      </svg>
    </div>
  );
}
