import { describe, expect, it } from 'vitest';
import { expectInputError } from '../expectInputError';
import { SHAPE_CLASSES, SHAPE_SIDE, SHAPE_SUPERSAMPLE, makeShapes, type ShapeName, type ShapeParams } from './shapes';

const DIM = SHAPE_SIDE * SHAPE_SIDE;

/** Area of each shape from geometry (pixel² units). */
function area(kind: ShapeName, p: ShapeParams): number {
  const r = p.size;
  const w = p.thickness;
  switch (kind) {
    case 'circle': return Math.PI * r * r;
    case 'ring': return Math.PI * (r * r - (r - w) * (r - w));
    case 'square': return 4 * r * r;
    case 'triangle': return 2 * r * r; // base 2r, height 2r
    case 'cross': return 2 * (2 * r * w) - w * w; // two bars, their overlap counted once
    case 'bar': return 2 * r * w;
  }
}

/** Perimeter of each shape (pixel units). */
function perimeter(kind: ShapeName, p: ShapeParams): number {
  const r = p.size;
  const w = p.thickness;
  switch (kind) {
    case 'circle': return 2 * Math.PI * r;
    case 'ring': return 2 * Math.PI * (2 * r - w);
    case 'square': return 8 * r;
    case 'triangle': return 2 * r + 2 * Math.sqrt(5) * r;
    case 'cross': return 8 * r; // 4 arm ends of w and 8 arm sides of r − w/2
    case 'bar': return 4 * r + 2 * w;
  }
}

/** Centroid from geometry: the centre for the point-symmetric shapes; a third of the height above the base for the triangle. */
function centroid(kind: ShapeName, p: ShapeParams): [number, number] {
  return kind === 'triangle' ? [p.cx, p.cy + p.size / 3] : [p.cx, p.cy];
}

/** Ink (coverage in [0, 1]) of each pixel, its total and its centre of mass (pixel centres at i + ½). */
function ink(img: Float32Array): { total: number; mx: number; my: number } {
  let total = 0;
  let mx = 0;
  let my = 0;
  for (let j = 0; j < SHAPE_SIDE; j++) {
    for (let i = 0; i < SHAPE_SIDE; i++) {
      const c = (img[j * SHAPE_SIDE + i]! + 1) / 2;
      total += c;
      mx += c * (i + 0.5);
      my += c * (j + 0.5);
    }
  }
  return { total, mx: mx / total, my: my / total };
}

const pixel = (img: Float32Array, x: number, y: number): number => img[Math.floor(y) * SHAPE_SIDE + Math.floor(x)]!;

describe('the shapes set', () => {
  const set = makeShapes(600, 7);

  it('is the same for the same seed and different for another', () => {
    const again = makeShapes(600, 7);
    expect(Array.from(again.points)).toEqual(Array.from(set.points));
    expect(again.params).toEqual(set.params);
    const other = makeShapes(600, 8);
    expect(other.points.some((v, i) => v !== set.points[i])).toBe(true);
  });

  it('draws every class equally often, 16×16 images, word labels', () => {
    expect(set.dim).toBe(256);
    expect([set.width, set.height, set.classes]).toEqual([16, 16, 6]);
    expect(set.names).toEqual(['circle', 'square', 'triangle', 'cross', 'ring', 'bar']);
    const counts = new Array<number>(6).fill(0);
    for (const c of set.labels) counts[c]! += 1;
    expect(counts).toEqual([100, 100, 100, 100, 100, 100]);
  });

  it('keeps pixels in [−1, 1] on the 17 anti-aliased levels 2k/16 − 1, with partial pixels at the edges', () => {
    let partial = 0;
    let offLevel = 0;
    for (const v of set.points) {
      const k = ((v + 1) / 2) * SHAPE_SUPERSAMPLE * SHAPE_SUPERSAMPLE;
      if (!(v >= -1 && v <= 1) || Math.abs(k - Math.round(k)) > 1e-5) offLevel++;
      if (v > -1 && v < 1) partial++;
    }
    expect(offLevel).toBe(0);
    expect(partial).toBeGreaterThan(set.n * 10); // anti-aliasing: every outline passes through many pixels
  });

  it("puts each shape's ink where its geometry says: area, centre of mass, a ring's hole, a square's full centre", () => {
    for (let k = 0; k < set.n; k++) {
      const kind = SHAPE_CLASSES[set.labels[k]!]!;
      const p = set.params[k]!;
      const img = set.points.subarray(k * DIM, (k + 1) * DIM);
      const { total, mx, my } = ink(img);
      // Sampling on a grid of spacing h = 1/4 px moves each stretch of outline by at most h/2 (to the
      // nearest sample row): the area is off by at most perimeter · h/2, the centre of mass by less than h.
      const h = 1 / SHAPE_SUPERSAMPLE;
      expect(Math.abs(total - area(kind, p)), `${kind} #${k} area`).toBeLessThan((perimeter(kind, p) * h) / 2);
      const [ex, ey] = centroid(kind, p);
      expect(Math.hypot(mx - ex, my - ey), `${kind} #${k} centroid`).toBeLessThan(h);
      if (kind === 'ring') expect(pixel(img, p.cx, p.cy), 'ring hole').toBe(-1);
      if (kind === 'square' || kind === 'circle') expect(pixel(img, p.cx, p.cy), `${kind} centre`).toBe(1);
      if (kind === 'cross') {
        // A pixel wholly inside one quadrant between the arms holds no ink.
        const half = p.thickness / 2;
        for (let j = 0; j < SHAPE_SIDE; j++) {
          for (let i = 0; i < SHAPE_SIDE; i++) {
            const offArms = Math.min(Math.abs(i - p.cx), Math.abs(i + 1 - p.cx)) > half && Math.min(Math.abs(j - p.cy), Math.abs(j + 1 - p.cy)) > half;
            const oneQuadrant = Math.sign(i - p.cx) === Math.sign(i + 1 - p.cx) && Math.sign(j - p.cy) === Math.sign(j + 1 - p.cy);
            if (offArms && oneQuadrant) expect(img[j * SHAPE_SIDE + i]).toBe(-1);
          }
        }
      }
    }
  });

  it('refuses too few images or a non-finite seed', () => {
    expectInputError(() => makeShapes(5, 1), 'n');
    expectInputError(() => makeShapes(60, Number.NaN), 'seed');
  });
});
