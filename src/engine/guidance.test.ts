import { describe, expect, it } from 'vitest';
import { expectInputError } from './expectInputError';
import { guidanceScale, guidedEps } from './guidance';

describe('classifier-free guidance (eq. 7.4)', () => {
  it('combines the two predictions as (1 + w) ε_c − w ε_∅', () => {
    // (1 + 2)·1 − 2·0.5 = 2 and (1 + 2)·(−1) − 2·1 = −5, by hand.
    expect(Array.from(guidedEps([1, -1], [0.5, 1], 2))).toEqual([2, -5]);
  });

  it('w = 0 is conditional, w = −1 unconditional, and s = 1 + w matches the other convention', () => {
    const c = [0.3, -1.2, 2.5];
    const u = [-0.7, 0.4, 1.5];
    expect(Array.from(guidedEps(c, u, 0))).toEqual(Array.from(Float32Array.from(c)));
    expect(Array.from(guidedEps(c, u, -1))).toEqual(Array.from(Float32Array.from(u)));
    const w = 3.5;
    const s = guidanceScale(w);
    const otherConvention = u.map((uk, k) => uk + s * (c[k]! - uk));
    guidedEps(c, u, w).forEach((v, k) => expect(v).toBeCloseTo(otherConvention[k]!, 5));
  });

  it('is the noise prediction of the tilted density p(x | c)^(1+w) p(x)^(−w) for Gaussians', () => {
    // At one timestep let p_t(x | c) = N(a, u) and p_t(x) = N(b, v); ε*(x) = −√(1 − ᾱ) d/dx log p_t(x).
    const alphaBar = 0.6;
    const k = Math.sqrt(1 - alphaBar);
    const [a, u, b, v] = [1.2, 0.3, 0.1, 1.1];
    const epsOf = (mean: number, variance: number) => (x: number) => (k * (x - mean)) / variance;
    for (const w of [0, 0.5, 2, 4]) {
      const xs = [-2, -0.5, 0, 0.7, 1.9];
      const guided = guidedEps(xs.map(epsOf(a, u)), xs.map(epsOf(b, v)), w);
      // Independent route: differentiate the log of the tilted density numerically.
      const logTilted = (x: number) => -(1 + w) * (x - a) ** 2 / (2 * u) + (w * (x - b) ** 2) / (2 * v);
      const h = 1e-5;
      xs.forEach((x, j) => {
        const score = (logTilted(x + h) - logTilted(x - h)) / (2 * h);
        expect(guided[j]).toBeCloseTo(-k * score, 4);
      });
      // and in closed form: precision P = (1 + w)/u − w/v > 0, mean M = ((1 + w) a/u − w b/v)/P.
      const P = (1 + w) / u - w / v;
      const M = ((1 + w) * a / u - (w * b) / v) / P;
      xs.forEach((x, j) => expect(guided[j]).toBeCloseTo(k * P * (x - M), 4));
      // Guidance pulls the mode past the conditional mean, away from the unconditional one.
      if (w > 0) expect(M).toBeGreaterThan(a);
    }
  });

  it('rejects mismatched arrays and weights outside [−1, 20]', () => {
    expectInputError(() => guidedEps([1, 2], [1], 1), 'epsUncond');
    expectInputError(() => guidedEps([1], [1], -2), 'w');
    expectInputError(() => guidedEps([1], [1], Number.NaN), 'w');
    expectInputError(() => guidedEps([1], [1], 21), 'w');
  });
});
