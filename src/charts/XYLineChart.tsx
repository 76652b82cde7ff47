/**
 * A line chart of y against a continuous x, one path per series, with axes and a legend.
 * D3 computes scales, ticks and paths; React renders the SVG.
 */
import { line, scaleLinear } from 'd3';
import { useId } from 'react';
import { useElementWidth } from './useElementWidth';

export interface XYSeries {
  key: string;
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  color: string;
  dash?: string;
}

interface Props {
  description: string;
  xLabel: string;
  yLabel: string;
  series: XYSeries[];
  xDomain: [number, number];
  yDomain: [number, number];
  height?: number;
}

const M = { top: 10, right: 16, bottom: 42, left: 52 };

export function XYLineChart({ description, xLabel, yLabel, series, xDomain, yDomain, height = 240 }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(420);
  const titleId = useId();
  const innerW = Math.max(width - M.left - M.right, 40);
  const innerH = height - M.top - M.bottom;
  const x = scaleLinear().domain(xDomain).range([0, innerW]);
  const y = scaleLinear().domain(yDomain).range([innerH, 0]).nice();
  const toPath = (s: XYSeries): string =>
    line<number>()
      .x((i) => x(s.x[i]!))
      .y((i) => y(s.y[i]!))
      .defined((i) => Number.isFinite(s.y[i]!))(Array.from({ length: s.x.length }, (_, i) => i)) ?? '';

  return (
    <div ref={ref} className="xy-chart">
      <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{description}</title>
        <g transform={`translate(${M.left},${M.top})`}>
          {y.ticks(5).map((v) => (
            <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
              <line x2={innerW} stroke="var(--grid)" />
              <text x={-6} dy="0.32em" textAnchor="end" className="tick">{v}</text>
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
          {series.map((s) => (
            <path key={s.key} d={toPath(s)} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} data-series={s.key} data-points={s.x.length} />
          ))}
          <text x={innerW / 2} y={innerH + 36} textAnchor="middle" className="axis-label">{xLabel}</text>
          <text transform={`translate(${-40},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}</text>
        </g>
      </svg>
      {series.length > 1 && (
        <ul className="xy-legend" aria-label="legend">
          {series.map((s) => (
            <li key={s.key}>
              <svg width="24" height="10" aria-hidden="true"><line x1="0" x2="24" y1="5" y2="5" stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} /></svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
