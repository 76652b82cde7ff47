/**
 * One panel of a line chart: y against timestep t = 1 … T, one path per series.
 * D3 computes scales, paths and ticks; React renders every SVG element.
 */
import { useId, type ReactNode } from 'react';
import { extent, format, line, max, min, scaleLinear, scaleLog } from 'd3';
import { formatPowerOfTen, powerOfTen } from './scheduleSeries';
import { useElementWidth } from './useElementWidth';

export interface LineSeries {
  key: string;
  values: ArrayLike<number>;
  color: string;
  dash: string | undefined;
}

interface LinePanelProps {
  /** The SVG <title>, and the visible caption unless `caption` is given. */
  title: string;
  /** Visible caption with markup (e.g. subscripts); defaults to `title`. */
  caption?: ReactNode;
  /** Longer text for screen readers (aria-label and <desc>). */
  description: string;
  xLabel: string;
  yLabel: string;
  yScale: 'linear' | 'log';
  series: LineSeries[];
  /** Key of the emphasised series, or null. */
  highlighted: string | null;
  height?: number;
}

const M = { top: 12, right: 16, bottom: 46, left: 58 };

export function LinePanel({ title, caption, description, xLabel, yLabel, yScale, series, highlighted, height = 300 }: LinePanelProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(480);
  const descId = useId();
  const innerW = Math.max(width - M.left - M.right, 40);
  const innerH = height - M.top - M.bottom;

  const T = max(series, (s) => s.values.length) ?? 1;
  const x = scaleLinear().domain([1, T]).range([0, innerW]);
  const xTicks = x.ticks(innerW < 300 ? 4 : 6).filter(Number.isInteger);

  const lo = min(series, (s) => min(Array.from(s.values))) ?? 0;
  const hi = max(series, (s) => max(Array.from(s.values))) ?? 1;
  let y: (v: number) => number;
  let yTicks: { value: number; label: string }[];
  if (yScale === 'log') {
    const s = scaleLog().domain([lo, hi]).range([innerH, 0]).nice();
    y = s;
    const powers = s.ticks().flatMap((v) => {
      const k = powerOfTen(v);
      return k === null ? [] : [{ value: v, label: formatPowerOfTen(k) }];
    });
    yTicks = powers.length >= 2 ? powers : s.ticks(4).map((v) => ({ value: v, label: format('.1~e')(v) }));
  } else {
    const [a = 0, b = 1] = extent([0, lo, hi]);
    const s = scaleLinear().domain([a, b]).range([innerH, 0]).nice();
    y = s;
    yTicks = s.ticks(5).map((v) => ({ value: v, label: format('~g')(v) }));
  }

  const path = line<number>()
    .x((_, i) => x(i + 1))
    .y((v) => y(v));
  // Draw the highlighted line last so it sits on top.
  const ordered = [...series].sort((a, b) => Number(a.key === highlighted) - Number(b.key === highlighted));

  return (
    <figure className="line-panel">
      <figcaption className="line-panel-title">{caption ?? title}</figcaption>
      <div ref={ref} className="line-panel-plot">
        <svg
          role="img"
          aria-label={`${title}. ${description}`}
          aria-describedby={descId}
          width="100%"
          height={height}
          viewBox={`0 0 ${width} ${height}`}
        >
          <title>{title}</title>
          <desc id={descId}>{description}</desc>
          <g transform={`translate(${M.left},${M.top})`}>
            <g className="grid">
              {yTicks.map((t) => (
                <line key={t.value} x1={0} x2={innerW} y1={y(t.value)} y2={y(t.value)} />
              ))}
            </g>
            <g className="axis axis-y">
              <line x1={0} x2={0} y1={0} y2={innerH} />
              {yTicks.map((t) => (
                <g key={t.value} transform={`translate(0,${y(t.value)})`}>
                  <line x1={-5} x2={0} />
                  <text x={-8} dy="0.32em" textAnchor="end">
                    {t.label}
                  </text>
                </g>
              ))}
              <text className="axis-label" transform={`translate(${-M.left + 14},${innerH / 2}) rotate(-90)`} textAnchor="middle">
                {yLabel}
              </text>
            </g>
            <g className="axis axis-x" transform={`translate(0,${innerH})`}>
              <line x1={0} x2={innerW} />
              {xTicks.map((t) => (
                <g key={t} transform={`translate(${x(t)},0)`}>
                  <line y1={0} y2={5} />
                  <text y={18} textAnchor="middle">
                    {format('~d')(t)}
                  </text>
                </g>
              ))}
              <text className="axis-label" x={innerW / 2} y={M.bottom - 6} textAnchor="middle">
                {xLabel}
              </text>
            </g>
            <g className="lines" fill="none">
              {ordered.map((s) => (
                <path
                  key={s.key}
                  d={path(Array.from(s.values)) ?? ''}
                  data-kind={s.key}
                  data-points={s.values.length}
                  stroke={s.color}
                  strokeDasharray={s.dash}
                  strokeWidth={s.key === highlighted ? 3.5 : 2}
                  strokeOpacity={highlighted === null || s.key === highlighted ? 1 : 0.2}
                  strokeLinejoin="round"
                />
              ))}
            </g>
          </g>
        </svg>
      </div>
    </figure>
  );
}
