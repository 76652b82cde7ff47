/**
 * A square drawing surface over [−extent, extent]²: Pointer Events (mouse, pen, touch, with
 * `touch-action: none` so a finger draws instead of scrolling) report data coordinates; the drawn
 * points, any samples and a keyboard cursor are drawn on a canvas, the axes in an SVG overlay.
 */
import { sizedContext2d } from './context2d';
import { scaleLinear } from 'd3';
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { FitWidth } from './FitWidth';
import { PALETTE } from './palette';

interface Props {
  points: ArrayLike<number>;
  samples: Float32Array | null;
  cursor: { x: number; y: number } | null;
  onDown: (x: number, y: number) => void;
  onMove: (x: number, y: number) => void;
  onUp: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLCanvasElement>) => void;
  onFocusChange: (focused: boolean) => void;
  label: string;
  extent: number;
  size?: number;
}

const PAD = 28;
/** Room above and to the right of the plot, so the end tick labels are not cut off. */
const EDGE = 8;

export function DrawPad({ points, samples, cursor, onDown, onMove, onUp, onKeyDown, onFocusChange, label, extent, size = 340 }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const inner = size - PAD;
  const x = scaleLinear().domain([-extent, extent]).range([0, inner]);
  const y = scaleLinear().domain([-extent, extent]).range([inner, 0]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = sizedContext2d(canvas, inner, inner);
    if (!canvas || !ctx) return;
    const dots = (pts: ArrayLike<number>, color: string, r: number, alpha: number): void => {
      ctx.fillStyle = color;
      ctx.globalAlpha = alpha;
      for (let k = 0; k + 1 < pts.length; k += 2) {
        ctx.beginPath();
        ctx.arc(x(pts[k]!), y(pts[k + 1]!), r, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    };
    dots(points, PALETTE.blue, 2.6, 0.9);
    if (samples) dots(samples, PALETTE.orange, 2, 0.75);
    if (cursor) {
      ctx.strokeStyle = PALETTE.vermillion;
      ctx.lineWidth = 2;
      const cx = x(cursor.x);
      const cy = y(cursor.y);
      ctx.beginPath();
      ctx.moveTo(cx - 9, cy);
      ctx.lineTo(cx + 9, cy);
      ctx.moveTo(cx, cy - 9);
      ctx.lineTo(cx, cy + 9);
      ctx.stroke();
    }
    canvas.dataset.points = String(Math.floor(points.length / 2));
    canvas.dataset.samples = String(samples ? samples.length / 2 : 0);
  });

  const toData = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const rect = e.currentTarget.getBoundingClientRect();
    return [x.invert(((e.clientX - rect.left) / rect.width) * inner), y.invert(((e.clientY - rect.top) / rect.height) * inner)];
  };

  const ticks = x.ticks(5);
  return (
    <FitWidth width={size + EDGE}>
    <div style={{ position: 'relative', width: size + EDGE, height: size + EDGE }}>
      <canvas
        ref={ref}
        role="img"
        tabIndex={0}
        aria-label={label}
        style={{ position: 'absolute', left: PAD, top: EDGE, width: inner, height: inner, touchAction: 'none', cursor: 'crosshair', background: 'var(--card, #fff)', borderRadius: 4 }}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drawing.current = true;
          onDown(...toData(e));
        }}
        onPointerMove={(e) => drawing.current && onMove(...toData(e))}
        onPointerUp={() => {
          if (drawing.current) onUp();
          drawing.current = false;
        }}
        onPointerCancel={() => {
          if (drawing.current) onUp();
          drawing.current = false;
        }}
        onKeyDown={onKeyDown}
        onFocus={() => onFocusChange(true)}
        onBlur={() => onFocusChange(false)}
      />
      <svg width={size + EDGE} height={size + EDGE} aria-hidden="true" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
        <g transform={`translate(0,${EDGE})`}>
        <rect x={PAD} y={0} width={inner} height={inner} fill="none" stroke="var(--border, #d0d7de)" />
        {ticks.map((v) => (
          <g key={v}>
            <text x={PAD + x(v)} y={inner + 14} textAnchor="middle" className="tick">{v}</text>
            <text x={PAD - 5} y={y(v)} dy="0.32em" textAnchor="end" className="tick">{v}</text>
          </g>
        ))}
        <text x={PAD + inner / 2} y={size - 2} textAnchor="middle" className="axis-label">x₁</text>
        <text x={8} y={inner / 2} textAnchor="middle" className="axis-label">x₂</text>
        </g>
      </svg>
    </div>
    </FitWidth>
  );
}
