/**
 * A histogram of one coordinate of a point cloud, normalised to a density, with the standard
 * normal N(0, 1) drawn over it: where the forward process is heading.
 */
import { bin, line, scaleLinear } from 'd3';
import { gaussianPdf } from '../engine/gaussian';
import { linspace } from '../engine/schedule';

interface Props {
  values: Float32Array;
  label: string;
  width?: number;
  height?: number;
  extent?: number;
}

const XS = Array.from(linspace(-4, 4, 121));

export function MarginalHistogram({ values, label, width = 300, height = 120, extent = 4 }: Props) {
  const M = { top: 6, right: 8, bottom: 28, left: 8 };
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;
  const x = scaleLinear().domain([-extent, extent]).range([0, innerW]);
  const bins = bin().domain([-extent, extent]).thresholds(x.ticks(40))(Array.from(values));
  const n = values.length || 1;
  const densities = bins.map((b) => b.length / n / ((b.x1 ?? 0) - (b.x0 ?? 0) || 1));
  const y = scaleLinear().domain([0, Math.max(0.5, ...densities)]).range([innerH, 0]);
  const normal = line<number>().x((v) => x(v)).y((v) => y(gaussianPdf(v, 0, 1)))(XS) ?? '';
  return (
    <svg width={width} height={height} role="img" aria-label={label} className="marginal">
      <title>{label}</title>
      <g transform={`translate(${M.left},${M.top})`}>
        {bins.map((b, k) => (
          <rect key={k} x={x(b.x0 ?? 0)} width={Math.max(0, x(b.x1 ?? 0) - x(b.x0 ?? 0) - 1)} y={y(densities[k]!)} height={innerH - y(densities[k]!)} fill="#9ecae1" />
        ))}
        <path d={normal} fill="none" stroke="#D55E00" strokeWidth={2} />
        <line y1={innerH} y2={innerH} x2={innerW} stroke="var(--axis)" />
        {x.ticks(8).map((v) => (
          <text key={v} x={x(v)} y={innerH + 14} textAnchor="middle" className="tick">{v}</text>
        ))}
        <text x={innerW} y={innerH + 26} textAnchor="end" className="axis-label">{label}</text>
      </g>
    </svg>
  );
}
