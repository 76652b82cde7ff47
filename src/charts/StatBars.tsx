/** A few labelled horizontal bars on one shared scale from 0, with their values printed: one statistic compared across sources. */
import { scaleLinear } from 'd3';
import { useId } from 'react';
import { useElementWidth } from './useElementWidth';

export interface StatBar {
  key: string;
  label: string;
  /** NaN draws no bar and prints "–". */
  value: number;
  color: string;
}

interface Props {
  description: string;
  bars: StatBar[];
  /** The scale's right end (at least the largest value). */
  max?: number;
  format?: (v: number) => string;
}

const LABEL_W = 120;
const VALUE_W = 48;
const ROW = 24;

export function StatBars({ description, bars, max, format = (v) => v.toFixed(2) }: Props) {
  const [ref, width] = useElementWidth<HTMLDivElement>(320);
  const titleId = useId();
  const top = Math.max(max ?? 0, ...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)), 1e-9);
  const x = scaleLinear().domain([0, top]).range([0, Math.max(40, width - LABEL_W - VALUE_W)]);
  const height = bars.length * ROW + 4;
  return (
    <div ref={ref} className="stat-bars">
      <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{description}</title>
        {bars.map((b, k) => (
          <g key={b.key} transform={`translate(0,${k * ROW + 2})`} data-bar={b.key} data-value={Number.isFinite(b.value) ? b.value : ''}>
            <text x={LABEL_W - 8} y={ROW / 2} dy="0.32em" textAnchor="end" className="stat-label">{b.label}</text>
            <rect x={LABEL_W} y={4} width={Number.isFinite(b.value) ? Math.max(1, x(Math.max(0, b.value))) : 0} height={ROW - 8} fill={b.color} rx={2} />
            <text x={LABEL_W + (Number.isFinite(b.value) ? x(Math.max(0, b.value)) : 0) + 6} y={ROW / 2} dy="0.32em" className="stat-value">{Number.isFinite(b.value) ? format(b.value) : '–'}</text>
          </g>
        ))}
      </svg>
    </div>
  );
}
