/**
 * A synthetic image set: 16×16 greyscale pictures of six shapes with word labels, each at a random
 * position, size and stroke thickness from the seeded RNG. Pixels are anti-aliased by supersampling
 * (the share of s × s sub-pixel points inside the shape is the pixel's ink) and mapped to [−1, 1]:
 * −1 is blank paper, +1 full ink, x = 2·coverage − 1.
 */
import { requireInteger } from '../inputError';
import { makeRng } from '../rng';
import { validateCountAndSeed } from './toy2d';
import type { LabelledImages } from './digits';

export const SHAPE_CLASSES = ['circle', 'square', 'triangle', 'cross', 'ring', 'bar'] as const;
export type ShapeName = (typeof SHAPE_CLASSES)[number];
export const SHAPE_SIDE = 16;
/** Sub-pixel samples per side of a pixel (4 × 4 = 16 per pixel: 17 grey levels, as many as the digits have). */
export const SHAPE_SUPERSAMPLE = 4;

/** Where a shape is drawn, in pixel units (x right, y down; pixel (i, j) covers [i, i+1] × [j, j+1]). */
export interface ShapeParams {
  cx: number;
  cy: number;
  /** Half-extent: the radius of a circle or ring, half the side of a square, half the length of a bar or cross arm. */
  size: number;
  /** Stroke width of a ring, cross or bar. */
  thickness: number;
  /** Direction of a bar, radians in [0, π). */
  angle: number;
}

export interface ShapeSet extends LabelledImages {
  /** The class names, index = label. */
  names: readonly ShapeName[];
  params: ShapeParams[];
}

export const SHAPE_SIZE_RANGE = [3, 6] as const;
export const SHAPE_THICKNESS_RANGE = [1.5, 3] as const;

/** Whether the point (x, y) is inked by the shape. */
export function insideShape(kind: ShapeName, p: ShapeParams, x: number, y: number): boolean {
  const dx = x - p.cx;
  const dy = y - p.cy;
  const half = p.thickness / 2;
  switch (kind) {
    case 'circle':
      return dx * dx + dy * dy <= p.size * p.size;
    case 'ring': {
      const r2 = dx * dx + dy * dy;
      const inner = p.size - p.thickness;
      return r2 <= p.size * p.size && r2 >= inner * inner;
    }
    case 'square':
      return Math.abs(dx) <= p.size && Math.abs(dy) <= p.size;
    case 'triangle':
      // Apex (cx, cy − size), base corners (cx ± size, cy + size): below both slanted sides, above the base.
      return dy <= p.size && 2 * Math.abs(dx) <= dy + p.size;
    case 'cross':
      return (Math.abs(dx) <= p.size && Math.abs(dy) <= half) || (Math.abs(dy) <= p.size && Math.abs(dx) <= half);
    case 'bar': {
      const along = dx * Math.cos(p.angle) + dy * Math.sin(p.angle);
      const across = -dx * Math.sin(p.angle) + dy * Math.cos(p.angle);
      return Math.abs(along) <= p.size && Math.abs(across) <= half;
    }
  }
}

/** Renders one shape into `out` (side × side values in [−1, 1]) by s × s supersampling. */
export function drawShape(kind: ShapeName, p: ShapeParams, out = new Float32Array(SHAPE_SIDE * SHAPE_SIDE), side = SHAPE_SIDE, s = SHAPE_SUPERSAMPLE): Float32Array {
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      let hits = 0;
      for (let b = 0; b < s; b++) for (let a = 0; a < s; a++) if (insideShape(kind, p, i + (a + 0.5) / s, j + (b + 0.5) / s)) hits++;
      out[j * side + i] = (2 * hits) / (s * s) - 1;
    }
  }
  return out;
}

/** Random parameters that keep the whole shape inside the image (a margin of size + thickness/2 around the centre). */
function drawParams(kind: ShapeName, rng: ReturnType<typeof makeRng>): ShapeParams {
  const [s0, s1] = SHAPE_SIZE_RANGE;
  const [w0, w1] = SHAPE_THICKNESS_RANGE;
  const size = s0 + (s1 - s0) * rng.uniform();
  // A ring at most half as thick as its radius keeps a hole of radius ≥ 1.5 px (more than a pixel's diagonal).
  const thickness = Math.min(w0 + (w1 - w0) * rng.uniform(), kind === 'ring' ? size / 2 : Infinity);
  const margin = size + thickness / 2;
  const cx = margin + (SHAPE_SIDE - 2 * margin) * rng.uniform();
  const cy = margin + (SHAPE_SIDE - 2 * margin) * rng.uniform();
  const angle = Math.PI * rng.uniform();
  return { cx, cy, size, thickness, angle };
}

/** `n` shape images, classes in turn (label = k mod 6, so the set is balanced), parameters from `seed`. */
export function makeShapes(n: number, seed: number): ShapeSet {
  validateCountAndSeed(n, seed);
  requireInteger('n', n, SHAPE_CLASSES.length, 20000);
  const rng = makeRng(seed);
  const dim = SHAPE_SIDE * SHAPE_SIDE;
  const points = new Float32Array(n * dim);
  const labels = new Uint8Array(n);
  const params: ShapeParams[] = [];
  for (let k = 0; k < n; k++) {
    const label = k % SHAPE_CLASSES.length;
    const kind = SHAPE_CLASSES[label]!;
    const p = drawParams(kind, rng);
    drawShape(kind, p, points.subarray(k * dim, (k + 1) * dim));
    labels[k] = label;
    params.push(p);
  }
  return { points, labels, n, dim, width: SHAPE_SIDE, height: SHAPE_SIDE, classes: SHAPE_CLASSES.length, names: SHAPE_CLASSES, params };
}
