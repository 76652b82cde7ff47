/**
 * The "drawing 2000 points in a frame" case of the page budget, run on the bench page's main
 * thread: each animation frame clears a chart-sized canvas and draws 2000 points of two moons with
 * the charts' own context2d + drawPoints, then reads one pixel back so the rasteriser has to finish
 * the frame inside the timed span (a canvas 2D context records commands and rasterises lazily).
 */
import { scaleLinear } from 'd3';
import { context2d } from '../charts/context2d';
import { drawPoints } from '../charts/drawPoints';
import { makeDataset } from '../engine/datasets';
import { median, type PageResult } from './report';

const POINTS = 2000;
/** The training panel's point cloud: 320 CSS px square, axes at ±3. */
const SIZE = 320;
const EXTENT = 3;

const nextFrame = (): Promise<void> => new Promise((done) => requestAnimationFrame(() => done()));

export async function timePointDrawing(frames: number): Promise<PageResult> {
  const dpr = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE * dpr;
  const ctx = context2d(canvas);
  if (!ctx) return { case: 'draw', value: null, unit: 'ms', note: '', error: 'no 2D canvas context here' };
  const x = scaleLinear().domain([-EXTENT, EXTENT]).range([0, SIZE * dpr]);
  const y = scaleLinear().domain([-EXTENT, EXTENT]).range([SIZE * dpr, 0]);
  const points = makeDataset('twoMoons', POINTS, 1).points;
  const times: number[] = [];
  for (let f = 0; f < frames; f++) {
    await nextFrame();
    const start = performance.now();
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#0072B2';
    drawPoints(ctx, points, x, y, 3 * dpr);
    ctx.getImageData(0, 0, 1, 1);
    times.push(performance.now() - start);
  }
  const worst = Math.max(...times);
  return {
    case: 'draw',
    value: median(times),
    unit: 'ms',
    note: `median of ${frames} frames (worst ${worst.toFixed(1)} ms), ${SIZE}×${SIZE} px at ${dpr}× pixels`,
    detail: { frames, worstMs: worst, dpr },
  };
}
