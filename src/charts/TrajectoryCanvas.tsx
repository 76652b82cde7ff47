/**
 * A streamed reverse-process run on a canvas: the whole cloud at its latest t, plus the paths of
 * the first `nPaths` points as polylines that fade with age. It subscribes to the run store and
 * draws in requestAnimationFrame (at most ~30 times a second), so frames never re-render React.
 * Paths gain one vertex per frame the store shows; frames the store skipped are simply not drawn.
 */
import { sizedContext2d } from './context2d';
import { scaleLinear } from 'd3';
import { useEffect, useRef } from 'react';
import { runStore, type RunState } from '../state/runStore';
import { FitWidth } from './FitWidth';
import { PALETTE } from './palette';

const MIN_FRAME_MS = 33;
/** Each path is drawn in this many segments of rising opacity (one stroke each). */
const BANDS = 8;
const PAD = 28;
/** Room above and to the right of the plot for the outermost tick labels. */
const EDGE = 8;

export interface TraceView {
  t: number;
  points: Float32Array;
}

interface Props {
  /** The frame to draw, or null when the store's frame is not this chart's (it then keeps its picture). */
  select: (s: RunState) => TraceView | null;
  /** A new value starts a new run: paths are cleared. */
  runKey: number;
  nPaths: number;
  label: string;
  size?: number;
  extent?: number;
}

export function TrajectoryCanvas({ select, runKey, nPaths, label, size = 380, extent = 3 }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const readout = useRef<HTMLOutputElement>(null);
  const inner = size - PAD - EDGE;
  const x = scaleLinear().domain([-extent, extent]).range([PAD, size - EDGE]);
  const y = scaleLinear().domain([-extent, extent]).range([EDGE + inner, EDGE]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = sizedContext2d(canvas, size, size);
    if (!canvas || !ctx) return;
    const sx = scaleLinear().domain([-extent, extent]).range([PAD, size - EDGE]);
    const sy = scaleLinear().domain([-extent, extent]).range([size - PAD, EDGE]);
    const paths: number[][] = Array.from({ length: nPaths }, () => []);
    let last: TraceView | null = null;
    let frames = 0;
    let raf = 0;
    let lastDraw = 0;
    let dirty = false;

    const draw = (now: number): void => {
      raf = 0;
      if (now - lastDraw < MIN_FRAME_MS) {
        raf = requestAnimationFrame(draw);
        return;
      }
      lastDraw = now;
      if (!dirty || !last) return;
      dirty = false;
      const { points, t } = last;
      ctx.clearRect(0, 0, size, size);
      ctx.save();
      ctx.beginPath();
      ctx.rect(PAD, EDGE, size - PAD - EDGE, size - PAD - EDGE);
      ctx.clip();
      ctx.lineWidth = 1;
      ctx.strokeStyle = PALETTE.vermillion;
      for (const path of paths) {
        const m = path.length / 2;
        if (m < 2) continue;
        for (let b = 0; b < BANDS; b++) {
          const from = Math.floor((b * (m - 1)) / BANDS);
          const to = Math.floor(((b + 1) * (m - 1)) / BANDS);
          if (to <= from) continue;
          ctx.globalAlpha = 0.02 + 0.78 * ((b + 1) / BANDS) ** 3; // old parts nearly vanish
          ctx.beginPath();
          ctx.moveTo(sx(path[2 * from]!), sy(path[2 * from + 1]!));
          for (let q = from + 1; q <= to; q++) ctx.lineTo(sx(path[2 * q]!), sy(path[2 * q + 1]!));
          ctx.stroke();
        }
      }
      // The cloud over the paths, so the shape of the samples stays readable.
      ctx.fillStyle = PALETTE.blue;
      ctx.globalAlpha = 0.6;
      for (let k = 0; k + 1 < points.length; k += 2) ctx.fillRect(sx(points[k]!) - 1.25, sy(points[k + 1]!) - 1.25, 2.5, 2.5);
      ctx.globalAlpha = 1;
      ctx.fillStyle = PALETTE.vermillion;
      for (const path of paths) {
        const m = path.length / 2;
        if (m === 0) continue;
        ctx.beginPath();
        ctx.arc(sx(path[2 * m - 2]!), sy(path[2 * m - 1]!), 3, 0, 2 * Math.PI);
        ctx.fill();
      }
      ctx.restore();
      canvas.dataset.t = String(t);
      canvas.dataset.frames = String(frames);
      canvas.dataset.points = String(points.length / 2);
      if (readout.current) readout.current.textContent = `t = ${t}`;
    };

    const take = (s: RunState): void => {
      const frame = select(s);
      if (!frame || frame === last) return;
      // A frame at a larger t than the last one means a new run started: begin fresh paths.
      if (last && frame.t > last.t) for (const p of paths) p.length = 0;
      last = frame;
      frames++;
      for (let p = 0; p < nPaths && 2 * p + 1 < frame.points.length; p++) paths[p]!.push(frame.points[2 * p]!, frame.points[2 * p + 1]!);
      dirty = true;
      if (!raf) raf = requestAnimationFrame(draw);
    };
    const unsubscribe = runStore.subscribe(take);
    return () => {
      unsubscribe();
      if (raf) cancelAnimationFrame(raf);
    };
  }, [select, runKey, nPaths, size, extent]);

  const ticks = x.ticks(5);
  return (
    <div className="scatter-panel-plot">
      <span className="scatter-panel-ylabel" aria-hidden="true">second coordinate</span>
      <FitWidth width={size}>
        <div className="trajectory" style={{ width: size, height: size }}>
          <canvas ref={ref} role="img" aria-label={label} style={{ width: size, height: size }} data-testid="trajectory-canvas" />
          <svg width={size} height={size} aria-hidden="true">
            <rect x={PAD} y={EDGE} width={inner} height={inner} fill="none" stroke="var(--border)" />
            {ticks.map((v) => (
              <g key={v}>
                <text x={x(v)} y={EDGE + inner + 14} textAnchor="middle" className="tick">{v}</text>
                <text x={PAD - 5} y={y(v)} dy="0.32em" textAnchor="end" className="tick">{v}</text>
              </g>
            ))}
          </svg>
          <output ref={readout} className="trajectory-t" style={{ position: 'absolute', left: PAD + 6, top: EDGE + 2 }} aria-live="off" />
        </div>
        <div className="scatter-panel-xlabel" aria-hidden="true">first coordinate</div>
      </FitWidth>
    </div>
  );
}
