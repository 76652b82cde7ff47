import { describe, expect, it } from 'vitest';
import { expectInputError } from './expectInputError';
import { idealDenoiser } from './idealDenoiser';
import { makeRng } from './rng';

describe('the best one-shot denoiser f*(x̃) = E[x_0 | x̃] (eq. 7.3)', () => {
  it('for two points ±a in 1D it is a·tanh(√ᾱ a x̃ / (1 − ᾱ)) (the log-odds of the two origins are linear in x̃)', () => {
    const a = 1.3;
    for (const ab of [0.05, 0.5, 0.9]) {
      for (const x of [-2, -0.3, 0, 0.7, 3]) {
        const byHand = a * Math.tanh((Math.sqrt(ab) * a * x) / (1 - ab));
        expect(idealDenoiser([x], [a, -a], 1, ab)[0]).toBeCloseTo(byHand, 6);
      }
    }
  });

  it('returns the data mean for every input when x̃ is pure noise (ᾱ = 0), as the page says', () => {
    const data = [1, 2, -3, 0.5, 4, 4.5];
    const noisy = [10, -10, 0, 0, 0.3, -7];
    const out = idealDenoiser(noisy, data, 2, 0);
    for (let r = 0; r < 3; r++) {
      expect(out[2 * r]).toBeCloseTo((1 - 3 + 4) / 3, 6);
      expect(out[2 * r + 1]).toBeCloseTo((2 + 0.5 + 4.5) / 3, 6);
    }
  });

  it('snaps onto the nearest data point when almost no noise is added', () => {
    const data = [0, 0, 3, 1, -2, 2];
    const out = idealDenoiser([2.9, 1.1], data, 2, 0.999);
    expect(out[0]).toBeCloseTo(3, 4);
    expect(out[1]).toBeCloseTo(1, 4);
  });

  it('is the conditional mean: the error x_0 − f*(x̃) is uncorrelated with any function of x̃ (checked on samples)', () => {
    const rng = makeRng(101);
    const data = Array.from(rng.normals(10), (v) => 2 * v); // five points in 2D
    const ab = 0.3;
    const n = 40000;
    const x0 = new Float64Array(2 * n);
    const noisy = new Float64Array(2 * n);
    for (let p = 0; p < n; p++) {
      const k = rng.int(5);
      for (let c = 0; c < 2; c++) {
        x0[2 * p + c] = data[2 * k + c]!;
        noisy[2 * p + c] = Math.sqrt(ab) * data[2 * k + c]! + Math.sqrt(1 - ab) * rng.normal();
      }
    }
    const f = idealDenoiser(noisy, data, 2, ab);
    const tests = [(x: number): number => x, (x: number): number => Math.sin(2 * x), (x: number): number => x * x];
    for (let c = 0; c < 2; c++) {
      for (const h of tests) {
        let sum = 0;
        let sumSq = 0;
        for (let p = 0; p < n; p++) {
          const v = (x0[2 * p + c]! - f[2 * p + c]!) * h(noisy[2 * p + c]!);
          sum += v;
          sumSq += v * v;
        }
        const mean = sum / n;
        const se = Math.sqrt((sumSq / n - mean * mean) / n);
        expect(Math.abs(mean)).toBeLessThan(5 * se);
      }
    }
    // The check has power: a denoiser shifted by 0.1 leaves an error whose mean is many standard errors from 0.
    let sum = 0;
    let sumSq = 0;
    for (let p = 0; p < n; p++) {
      const v = x0[2 * p]! - (f[2 * p]! + 0.1);
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeGreaterThan(5 * Math.sqrt((sumSq / n - mean * mean) / n));
  });

  it('rejects ᾱ outside [0, 1) and ragged arrays', () => {
    expectInputError(() => idealDenoiser([0], [1], 1, 1), 'alphaBar');
    expectInputError(() => idealDenoiser([0, 1, 2], [1, 2], 2, 0.5), 'noisy');
    expectInputError(() => idealDenoiser([0, 1], [], 2, 0.5), 'data');
  });
});
