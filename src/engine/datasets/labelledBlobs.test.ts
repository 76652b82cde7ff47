import { describe, expect, it } from 'vitest';
import { expectInputError } from '../expectInputError';
import { BLOB_CLASSES, BLOB_RADIUS, BLOB_STD, blobCentres, blobPosterior, classPurity, labelledBlobs } from './labelledBlobs';

/**
 * P(the nearest centre of x is c | x ~ N(c_c, s² I)) by integrating the density on a fine grid,
 * with centres built here from the raw geometry (standardising is a similarity, so raw units do).
 */
function nearestCentreMass(s: number): number {
  const centres = [0, 1, 2].map((k) => [BLOB_RADIUS * Math.cos(Math.PI / 2 + (2 * Math.PI * k) / 3), BLOB_RADIUS * Math.sin(Math.PI / 2 + (2 * Math.PI * k) / 3)] as const);
  const [cx, cy] = centres[0]!;
  const h = s / 40;
  let mass = 0;
  for (let x = cx - 7 * s; x <= cx + 7 * s; x += h) {
    for (let y = cy - 7 * s; y <= cy + 7 * s; y += h) {
      const d = centres.map(([ux, uy]) => (x - ux) ** 2 + (y - uy) ** 2);
      if (d[0]! <= d[1]! && d[0]! <= d[2]!) mass += Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * s * s)) * h * h;
    }
  }
  return mass / (2 * Math.PI * s * s);
}

describe('labelled blobs', () => {
  const n = 30000;
  const set = labelledBlobs(n, 7);

  it('has three equally likely classes around the triangle centres, each with the blob spread', () => {
    const centres = blobCentres();
    const scale = set.std[0]!;
    expect(set.std[1]).toBe(scale);
    for (let k = 0; k < BLOB_CLASSES; k++) {
      let count = 0, mx = 0, my = 0, sq = 0;
      for (let i = 0; i < n; i++) {
        if (set.labels[i] !== k) continue;
        count++;
        mx += set.points[2 * i]!;
        my += set.points[2 * i + 1]!;
      }
      mx /= count;
      my /= count;
      for (let i = 0; i < n; i++) if (set.labels[i] === k) sq += (set.points[2 * i]! - mx) ** 2 + (set.points[2 * i + 1]! - my) ** 2;
      const std = Math.sqrt(sq / (2 * count));
      // Binomial SE of a third: √(1/3 · 2/3 / n) ≈ 0.0027; mean SE ≈ 0.7/√10000 = 0.007.
      expect(Math.abs(count / n - 1 / 3)).toBeLessThan(0.012);
      // Centres in raw units: r (cos θ_k, sin θ_k), θ_k = π/2 + 2πk/3; std in raw units is s.
      expect(Math.abs(mx * scale - BLOB_RADIUS * Math.cos(Math.PI / 2 + (2 * Math.PI * k) / 3))).toBeLessThan(0.03);
      expect(Math.abs(my * scale - BLOB_RADIUS * Math.sin(Math.PI / 2 + (2 * Math.PI * k) / 3))).toBeLessThan(0.03);
      expect(Math.abs(mx - centres[2 * k]!)).toBeLessThan(0.03);
      expect(Math.abs(std * scale - BLOB_STD)).toBeLessThan(0.02);
    }
  });

  it('is standardised: mean 0 and variance 1 per axis', () => {
    for (const axis of [0, 1]) {
      let m = 0, v = 0;
      for (let i = 0; i < n; i++) m += set.points[2 * i + axis]! / n;
      for (let i = 0; i < n; i++) v += (set.points[2 * i + axis]! - m) ** 2 / n;
      expect(Math.abs(m)).toBeLessThan(0.03);
      expect(Math.abs(v - 1)).toBeLessThan(0.04);
    }
  });

  it('the Bayes posterior is a softmax that favours the nearest centre', () => {
    const centres = blobCentres();
    const post = blobPosterior(centres);
    for (let k = 0; k < BLOB_CLASSES; k++) {
      const row = Array.from(post.subarray(k * 3, k * 3 + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      expect(row.indexOf(Math.max(...row))).toBe(k);
    }
    // Midway between centres 0 and 1 those two tie; the origin is equidistant from all three.
    const mid = Float32Array.of((centres[0]! + centres[2]!) / 2, (centres[1]! + centres[3]!) / 2, 0, 0);
    const p = blobPosterior(mid);
    expect(p[0]).toBeCloseTo(p[1]!, 5);
    expect(p[2]).toBeLessThan(p[0]!);
    for (let k = 0; k < 3; k++) expect(p[3 + k]).toBeCloseTo(1 / 3, 5);
  });

  it("a class's own points land in its Bayes region as often as the integral of its density says", () => {
    const expected = nearestCentreMass(BLOB_STD); // ≈ 1 − 2Φ(−√3) ≈ 0.92
    expect(expected).toBeGreaterThan(0.85);
    expect(expected).toBeLessThan(0.95);
    for (let k = 0; k < BLOB_CLASSES; k++) {
      const own = set.points.filter((_, j) => set.labels[Math.floor(j / 2)] === k);
      expect(Math.abs(classPurity(own, k) - expected)).toBeLessThan(0.015);
    }
  });

  it('is reproducible from its seed and checks its inputs', () => {
    const again = labelledBlobs(100, 7);
    expect(Array.from(again.points)).toEqual(Array.from(labelledBlobs(100, 7).points));
    expect(Array.from(again.labels)).toEqual(Array.from(labelledBlobs(100, 7).labels));
    expectInputError(() => labelledBlobs(1, 0), 'n');
    expectInputError(() => labelledBlobs(10, Number.NaN), 'seed');
    expectInputError(() => blobPosterior([1, 2, 3]), 'points');
  });
});
