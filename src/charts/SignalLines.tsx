/**
 * Whole 1D signals drawn as lines against their sample index j (chapter 7's sine waves): one path
 * per signal, with axes, a zero line, and values outside the y range clipped at the frame.
 * D3 computes scales and paths; React renders the SVG.
 */
import { line, scaleLinear } from 'd3';
import { useId } from 'react';
import { useElementWidth } from './useElementWidth';

export interface SignalSeries {
  key: string;
  values: ArrayLike<number>;
  color: string;
  width?: number;
  dash?: string;
  opacity?: number;
}

interface Props {
  /** Accessible description of what the lines show. */
  description: string;
  series: SignalSeries[];
  yDomain?: [number, number];
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** Drawn in the middle of an empty chart (no series yet). */
  emptyText?: string;
}

const M = { top: 8, right: 10, bottom: 36, left: 40 };

export function SignalLines({ description, series, yDomain = [-3, 3], height = 170, xLabel = 'sample j', yLabel = 'value', emptyText }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(260);
  const titleId = useId();
  const clipId = `clip${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const innerW = Math.max(width - M.left - M.right, 40);
  const innerH = height - M.top - M.bottom;
  const length = series[0]?.values.length ?? 32;
  const x = scaleLinear().domain([0, Math.max(1, length - 1)]).range([0, innerW]);
  const y = scaleLinear().domain(yDomain).range([innerH, 0]);
  const toPath = (values: ArrayLike<number>): string =>
    line<number>()
      .x((j) => x(j))
      .y((j) => y(Math.max(yDomain[0] - 1, Math.min(yDomain[1] + 1, values[j]!))))
      .defined((j) => Number.isFinite(values[j]!))(Array.from({ length: values.length }, (_, j) => j)) ?? '';

  return (
    <div ref={ref} className="signal-lines">
      <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{description}</title>
        <defs>
          <clipPath id={clipId}>
            <rect width={innerW} height={innerH} />
          </clipPath>
        </defs>
        <g transform={`translate(${M.left},${M.top})`}>
          {y.ticks(5).map((v) => (
            <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
              <line x2={innerW} stroke={v === 0 ? 'var(--axis, #8c959f)' : 'var(--grid, #eaeef2)'} />
              <text x={-6} dy="0.32em" textAnchor="end" className="tick">{v}</text>
            </g>
          ))}
          {x.ticks(innerW < 200 ? 4 : 6).map((v) => (
            <g key={`x${v}`} transform={`translate(${x(v)},${innerH})`}>
              <line y2={5} stroke="var(--axis, #8c959f)" />
              <text y={17} textAnchor="middle" className="tick">{v}</text>
            </g>
          ))}
          <rect width={innerW} height={innerH} fill="none" stroke="var(--border, #d0d7de)" />
          <g clipPath={`url(#${clipId})`}>
            {series.map((s) => (
              <path key={s.key} d={toPath(s.values)} fill="none" stroke={s.color} strokeWidth={s.width ?? 1.75} strokeDasharray={s.dash} strokeOpacity={s.opacity ?? 1} strokeLinejoin="round" data-series={s.key} />
            ))}
          </g>
          {series.length === 0 && emptyText && (
            <text x={innerW / 2} y={innerH / 2} textAnchor="middle" dy="0.32em" className="signal-empty">{emptyText}</text>
          )}
          <text x={innerW / 2} y={innerH + 32} textAnchor="middle" className="axis-label">{xLabel}</text>
          <text transform={`translate(${-30},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}</text>
        </g>
      </svg>
    </div>
  );
}
