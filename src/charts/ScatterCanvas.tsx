/**
 * A scatter plot of many 2D points on a canvas (SVG would mean a DOM node per point), with axes
 * drawn by React in an SVG overlay. Redraws only when `points` changes.
 */
import { sizedContext2d } from './context2d';
import { drawPoints } from './drawPoints';
import { scaleLinear } from 'd3';
import { useEffect, useRef } from 'react';

interface Props {
  points: Float32Array;
  label: string;
  extent?: number;
  size?: number;
  color?: string;
}

const PAD = 28;
/** Room above and to the right of the plot, so the end tick labels are not cut off. */
const EDGE = 8;

export function ScatterCanvas({ points, label, extent = 3, size = 300, color = '#0072B2' }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const inner = size - PAD - EDGE;
  const x = scaleLinear().domain([-extent, extent]).range([PAD, PAD + inner]);
  const y = scaleLinear().domain([-extent, extent]).range([EDGE + inner, EDGE]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = sizedContext2d(canvas, size, size);
    if (!canvas || !ctx) return;
    ctx.save();
    ctx.beginPath();
    ctx.rect(PAD, EDGE, inner, inner); // points beyond ±extent stay out of the tick labels
    ctx.clip();
    ctx.fillStyle = color;
    ctx.globalAlpha = 0.7;
    drawPoints(ctx, points, x, y, 2.5);
    ctx.restore();
    canvas.dataset.points = String(points.length / 2);
  });

  const ticks = x.ticks(5);
  return (
    <div className="scatter" style={{ width: size, height: size }}>
      <canvas ref={ref} role="img" aria-label={label} style={{ width: size, height: size }} />
      <svg width={size} height={size} aria-hidden="true">
        <rect x={PAD} y={EDGE} width={inner} height={inner} fill="none" stroke="var(--border)" />
        {ticks.map((v) => (
          <g key={v} data-tick={v}>
            <line x1={x(v)} x2={x(v)} y1={EDGE + inner} y2={EDGE + inner + 3} stroke="var(--border)" />
            <line x1={PAD - 3} x2={PAD} y1={y(v)} y2={y(v)} stroke="var(--border)" />
            <text x={x(v)} y={EDGE + inner + 14} textAnchor="middle" className="tick">{v}</text>
            <text x={PAD - 5} y={y(v)} dy="0.32em" textAnchor="end" className="tick">{v}</text>
          </g>
        ))}
      </svg>
    </div>
  );
}
