import { describe, expect, it } from 'vitest';
import { expectInputError } from '../expectInputError';
import { makeSineWaves } from './sineWaves';

// The sine-wave dataset of chapter 7 (eq. 7.1): x_0[j] = A sin(2π f j / L + φ), A ~ U(0.5, 1.5),
// f ~ U(1, 3) cycles per window, φ ~ U(0, 2π), then one global standardisation.

/** Population mean and variance of each axis, in float64. */
function axisStats(points: ArrayLike<number>, n: number, dim: number): { mean: number[]; variance: number[] } {
  const mean = new Array<number>(dim).fill(0);
  const variance = new Array<number>(dim).fill(0);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k]! += points[i * dim + k]! / n;
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) variance[k]! += (points[i * dim + k]! - mean[k]!) ** 2 / n;
  return { mean, variance };
}

/** Element-wise equality (vitest's deep equality is slow on large typed arrays). */
function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe('makeSineWaves (eq. 7.1)', () => {
  const n = 2000;
  const L = 100;
  const set = makeSineWaves(n, 5, L);

  it('has shape n × length, finite, reproducible', () => {
    expect(set.dim).toBe(L);
    expect(set.points.length).toBe(n * L);
    expect(set.points.every(Number.isFinite)).toBe(true);
    expect(sameValues(makeSineWaves(n, 5, L).points, set.points)).toBe(true);
    expect(sameValues(makeSineWaves(n, 6, L).points, set.points)).toBe(false);
    expect(makeSineWaves(3, 1).dim).toBe(32); // the page's eq. 7.1: 32 samples per signal
  });

  it('is standardised globally and each coordinate has mean ≈ 0, variance ≈ 1', () => {
    const { mean, variance } = axisStats(set.points, n * L, 1);
    expect(Math.abs(mean[0]!)).toBeLessThan(1e-6); // exact up to float32 storage
    expect(Math.abs(variance[0]! - 1)).toBeLessThan(1e-5);
    // Raw E x² = E A²/2 = (1 + 1/12)/2 for every coordinate (uniform phase), E x = 0.
    expect(set.std[0]).toBeCloseTo(Math.sqrt(13 / 24), 1);
    const perCoord = axisStats(set.points, n, L);
    for (let j = 0; j < L; j++) {
      // sd of a coordinate's mean ≈ 1/√n; of its variance ≈ √(Var x²/n)/E x² ≈ 0.022; 5σ bands.
      expect(Math.abs(perCoord.mean[j]!)).toBeLessThan(5 / Math.sqrt(n));
      expect(Math.abs(perCoord.variance[j]! - 1)).toBeLessThan(0.11);
    }
  });

  it('each row is a sinusoid with f in [1, 3] cycles and A in [0.5, 1.5]', () => {
    // A sin(ωj + φ) satisfies x[j+1] + x[j−1] = 2cos(ω)·x[j] and x[j]² − x[j−1]x[j+1] = A² sin²ω.
    let fSum = 0;
    let aSum = 0;
    let worst = 0;
    const fRange = [Infinity, -Infinity];
    const aRange = [Infinity, -Infinity];
    for (let k = 0; k < n; k++) {
      const x = Array.from({ length: L }, (_, j) => set.points[k * L + j]! * set.std[0]! + set.mean[0]!);
      let num = 0;
      let den = 0;
      for (let j = 1; j < L - 1; j++) {
        num += x[j]! * (x[j + 1]! + x[j - 1]!);
        den += 2 * x[j]! * x[j]!;
      }
      const c = num / den;
      let a2 = 0;
      for (let j = 1; j < L - 1; j++) {
        worst = Math.max(worst, Math.abs(x[j + 1]! + x[j - 1]! - 2 * c * x[j]!));
        a2 += (x[j]! * x[j]! - x[j - 1]! * x[j + 1]!) / (L - 2);
      }
      const omega = Math.acos(c);
      const f = (omega * L) / (2 * Math.PI);
      const A = Math.sqrt(a2) / Math.sin(omega);
      fRange[0] = Math.min(fRange[0]!, f);
      fRange[1] = Math.max(fRange[1]!, f);
      aRange[0] = Math.min(aRange[0]!, A);
      aRange[1] = Math.max(aRange[1]!, A);
      fSum += f;
      aSum += A;
    }
    expect(worst).toBeLessThan(1e-5); // float32 storage error is ~1e-7 per value
    expect(fRange[0]).toBeGreaterThan(1 - 1e-3);
    expect(fRange[1]).toBeLessThan(3 + 1e-3);
    expect(aRange[0]).toBeGreaterThan(0.5 - 1e-3);
    expect(aRange[1]).toBeLessThan(1.5 + 1e-3);
    // Uniform ranges: means 2 and 1, sds 2/√12 and 1/√12, so 5σ/√n bands.
    expect(Math.abs(fSum / n - 2)).toBeLessThan((5 * (2 / Math.sqrt(12))) / Math.sqrt(n));
    expect(Math.abs(aSum / n - 1)).toBeLessThan((5 * (1 / Math.sqrt(12))) / Math.sqrt(n));
  });

  it('rejects bad input', () => {
    expectInputError(() => makeSineWaves(1, 0), 'n');
    expectInputError(() => makeSineWaves(2.5, 0), 'n');
    expectInputError(() => makeSineWaves(10, 0, 7), 'length');
    expectInputError(() => makeSineWaves(10, 0, 8.5), 'length');
    expectInputError(() => makeSineWaves(10, 0, 4097), 'length');
    expectInputError(() => makeSineWaves(100000, 0, 4096), 'n'); // 4·10⁸ values: over the memory cap
    expectInputError(() => makeSineWaves(10, Number.NaN), 'seed');
  });
});
