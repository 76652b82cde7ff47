/**
 * A scatter of many points on a canvas (SVG would mean thousands of DOM nodes). It subscribes to
 * the run store directly and redraws in requestAnimationFrame, so streamed frames never cause a
 * React re-render. Axes are fixed to [−3, 3]², the range of standardised data, and drawn light,
 * with ticks at −2 … 2 labelled along the bottom and left edges.
 */
import { context2d } from './context2d';
import { drawPoints } from './drawPoints';
import { scaleLinear } from 'd3';
import { useEffect, useRef } from 'react';
import { runStore, type RunState } from '../state/runStore';
import { readThemeColors, useColorScheme, type ThemeColors } from './themeColors';

const EXTENT = 3;
const MIN_FRAME_MS = 33;
/** Labelled tick positions on both axes. */
const TICKS = [-2, -1, 0, 1, 2];

/**
 * Light axes under the points: the lines x = 0 and y = 0 across the plot, and tick marks with
 * labels along the bottom and left edges (inside the canvas, where samples of standardised data
 * rarely reach), in the theme's faint colours so the points stay the figure.
 */
function drawLightAxes(ctx: CanvasRenderingContext2D, x: (v: number) => number, y: (v: number) => number, dpr: number, theme: ThemeColors, font: string): void {
  const w = ctx.canvas.width;
  const h = ctx.canvas.height;
  ctx.lineWidth = dpr;
  ctx.strokeStyle = theme.border;
  ctx.beginPath();
  ctx.moveTo(x(0), 0);
  ctx.lineTo(x(0), h);
  ctx.moveTo(0, y(0));
  ctx.lineTo(w, y(0));
  const mark = 5 * dpr;
  for (const v of TICKS) {
    ctx.moveTo(x(v), h);
    ctx.lineTo(x(v), h - mark);
    ctx.moveTo(0, y(v));
    ctx.lineTo(mark, y(v));
  }
  ctx.stroke();
  ctx.fillStyle = theme.muted;
  ctx.font = `${10 * dpr}px ${font}`;
  for (const v of TICKS) {
    const label = v < 0 ? `−${-v}` : String(v);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    if (v !== 0) ctx.fillText(label, x(v), h - mark - 2 * dpr);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    if (v !== 0) ctx.fillText(label, mark + 2 * dpr, y(v));
  }
  // One 0 at the foot of the vertical axis line, beside it.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillText('0', x(0) + 3 * dpr, h - 2 * dpr);
}

interface Props {
  /** Which points to draw from the store. */
  select: (s: RunState) => Float32Array | null;
  label: string;
  color?: string;
  size?: number;
}

export function PointCloudCanvas({ select, label, color = '#0072B2', size = 320 }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  const scheme = useColorScheme();

  useEffect(() => {
    const canvas = ref.current;
    const ctx = context2d(canvas);
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = size * dpr;
    canvas.height = size * dpr;
    const x = scaleLinear().domain([-EXTENT, EXTENT]).range([0, size * dpr]);
    const y = scaleLinear().domain([-EXTENT, EXTENT]).range([size * dpr, 0]);
    const theme = readThemeColors(canvas);
    const font = getComputedStyle(canvas).fontFamily || 'sans-serif';
    canvas.dataset.ticks = TICKS.join(',');
    let frame = 0;
    let lastDraw = 0;
    let drawn: Float32Array | null | undefined;
    const draw = (now: number): void => {
      frame = 0;
      // At most ~30 redraws a second: each one also costs the compositor a repaint, and on a
      // software-rendered machine that competes with the page's own main thread.
      if (now - lastDraw < MIN_FRAME_MS) {
        frame = requestAnimationFrame(draw);
        return;
      }
      lastDraw = now;
      const points = select(runStore.getState());
      if (points === drawn) return;
      drawn = points;
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      drawLightAxes(ctx, x, y, dpr, theme, font);
      if (!points) return;
      ctx.fillStyle = color;
      drawPoints(ctx, points, x, y, 3 * dpr);
      canvas.dataset.points = String(points.length / 2);
    };
    draw(performance.now());
    const unsubscribe = runStore.subscribe(() => {
      if (!frame) frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [select, color, size, scheme]);

  return <canvas ref={ref} role="img" aria-label={label} style={{ width: size, maxWidth: '100%', height: 'auto', aspectRatio: '1' }} className="point-cloud" />;
}
