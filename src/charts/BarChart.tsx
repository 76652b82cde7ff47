/**
 * Vertical bars for a few signed values, each labelled below and with its value printed at its
 * end. The y axis always includes 0, so negative bars hang below the baseline.
 * D3 computes the scales; React renders the SVG.
 */
import { scaleBand, scaleLinear } from 'd3';
import { useId, type ReactNode } from 'react';
import { useElementWidth } from './useElementWidth';

export interface Bar {
  key: string;
  /** SVG text content: a string, or tspans (e.g. a subscript with baselineShift="sub"). */
  label: ReactNode;
  value: number;
  color: string;
  /** Drawn hatched/outlined to set it apart (e.g. a total beside its parts). */
  outline?: boolean;
}

interface Props {
  description: string;
  yLabel: string;
  bars: Bar[];
  format: (v: number) => string;
  height?: number;
}

const M = { top: 18, right: 12, bottom: 40, left: 58 };

export function BarChart({ description, yLabel, bars, format, height = 240 }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(420);
  const titleId = useId();
  const innerW = Math.max(width - M.left - M.right, 80);
  const innerH = height - M.top - M.bottom;
  const values = bars.map((b) => (Number.isFinite(b.value) ? b.value : 0));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const y = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).nice().range([innerH, 0]);
  const x = scaleBand<string>().domain(bars.map((b) => b.key)).range([0, innerW]).padding(0.3);
  const ticks = y.ticks(5);
  const tickFormat = y.tickFormat(5);

  return (
    <div ref={ref} className="bar-chart">
      <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{description}</title>
        <g transform={`translate(${M.left},${M.top})`}>
          {ticks.map((v) => (
            <g key={v} transform={`translate(0,${y(v)})`}>
              <line x2={innerW} stroke="var(--border, #eaeef2)" strokeOpacity={0.7} />
              <text x={-6} dy="0.32em" textAnchor="end" className="tick">{tickFormat(v)}</text>
            </g>
          ))}
          {bars.map((b, k) => {
            const v = values[k]!;
            const top = Math.min(y(v), y(0));
            const h = Math.max(Math.abs(y(v) - y(0)), 1);
            const cx = (x(b.key) ?? 0) + x.bandwidth() / 2;
            return (
              <g key={b.key} data-bar={b.key} data-value={b.value}>
                <rect
                  x={x(b.key)}
                  width={x.bandwidth()}
                  y={top}
                  height={h}
                  fill={b.outline ? 'none' : b.color}
                  stroke={b.color}
                  strokeWidth={b.outline ? 2 : 0}
                />
                <text x={cx} y={v >= 0 ? top - 4 : top + h + 12} textAnchor="middle" className="bar-value" style={{ fontSize: 11, fill: 'var(--fg, #24292f)' }}>
                  {format(b.value)}
                </text>
                <text x={cx} y={innerH + 16} textAnchor="middle" className="axis-label">{b.label}</text>
              </g>
            );
          })}
          <line x2={innerW} y1={y(0)} y2={y(0)} stroke="var(--axis)" />
          <line y2={innerH} stroke="var(--axis)" />
          <text transform={`translate(${-46},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">{yLabel}</text>
        </g>
      </svg>
    </div>
  );
}
