/**
 * The histogram of a set of pixel values as a density (bars), with two curves over it: the exact
 * density p_t(u) of eq. 8.2 (a mixture, one bump per clean grey level) and N(0, 1), where the
 * forward process is heading. Sized to its container; curves clipped to the plot.
 */
import { line, scaleLinear } from 'd3';
import { useId } from 'react';
import type { DensityHistogram } from '../engine/pixelHistogram';
import { PALETTE } from './palette';
import { useElementWidth } from './useElementWidth';

interface Props {
  histogram: DensityHistogram;
  /** u values and p_t(u) at them (eq. 8.2), or null where it is not drawn (t = 0: spikes). */
  mixture: { u: ArrayLike<number>; density: ArrayLike<number> } | null;
  normal: { u: ArrayLike<number>; density: ArrayLike<number> };
  label: string;
  height?: number;
}

/** The y axis stops here: at t = 0 the background spike at −1 would flatten everything else. */
const Y_CAP = 1.2;

export function PixelHistogram({ histogram, mixture, normal, label, height = 170 }: Props) {
  const clip = useId();
  const [ref, width] = useElementWidth<HTMLDivElement>(300);
  const M = { top: 8, right: 12, bottom: 30, left: 12 };
  const innerW = Math.max(60, width - M.left - M.right);
  const innerH = height - M.top - M.bottom;
  const { lo, hi, density } = histogram;
  const x = scaleLinear().domain([lo, hi]).range([0, innerW]);
  const y = scaleLinear().domain([0, Math.min(Y_CAP, Math.max(0.45, ...density))]).range([innerH, 0]).clamp(true);
  const bw = (hi - lo) / density.length;
  const path = (c: { u: ArrayLike<number>; density: ArrayLike<number> }): string =>
    line<number>().x((k) => x(c.u[k]!)).y((k) => y(c.density[k]!))(Array.from({ length: c.u.length }, (_, k) => k)) ?? '';
  return (
    <div ref={ref} className="pixel-histogram">
      <svg width={innerW + M.left + M.right} height={height} role="img" aria-label={label}>
        <title>{label}</title>
        <defs>
          <clipPath id={clip}>
            <rect width={innerW} height={innerH} />
          </clipPath>
        </defs>
        <g transform={`translate(${M.left},${M.top})`}>
          {Array.from(density, (d, k) => (
            <rect key={k} x={x(lo + k * bw)} width={Math.max(0, x(lo + (k + 1) * bw) - x(lo + k * bw) - 1)} y={y(d)} height={innerH - y(d)} fill="var(--data-faint, #c2cad3)" />
          ))}
          <g clipPath={`url(#${clip})`}>
            {mixture && <path d={path(mixture)} fill="none" stroke={PALETTE.blue} strokeWidth={2} />}
            <path d={path(normal)} fill="none" stroke={PALETTE.vermillion} strokeWidth={2} strokeDasharray="5 3" />
          </g>
          <line y1={innerH} y2={innerH} x2={innerW} stroke="var(--axis)" />
          {x.ticks(8).map((v) => (
            <text key={v} x={x(v)} y={innerH + 14} textAnchor="middle" className="tick">{v < 0 ? `−${-v}` : v}</text>
          ))}
          <text x={innerW} y={innerH + 27} textAnchor="end" className="axis-label">pixel value u</text>
        </g>
      </svg>
    </div>
  );
}
