import { describe, expect, it } from 'vitest';
import { affineModelLogLikelihood, affineModelMarginal, type AffineEps } from './affineLikelihood';
import { ddpmStep } from './ddpmStep';
import { expectInputError } from './expectInputError';
import { modelPathLogPdf } from './pathDensity';
import { makeRng } from './rng';
import { moments, seMean, seVariance } from './sampleStats';
import { makeSchedule, type Schedule } from './schedule';

const affine = (slope: number[], intercept: number[]): AffineEps => ({ slope, intercept });

describe('log p_θ(x_0) = log ∫ p_θ(x_{0:T}) dx_{1:T} for an affine ε_θ (eq. 5.2)', () => {
  it('for N(0, 1) data, its exact denoiser ε = √(1 − ᾱ_t) x_t and σ² = β_t, p_θ(x_0) is exactly N(0, 1)', () => {
    const s = makeSchedule({ kind: 'cosine', T: 200 });
    const slope = Array.from(s.alphaBars, (ab) => Math.sqrt(1 - ab));
    const { mean, variance } = affineModelMarginal(s, affine(slope, new Array(200).fill(0)), 'beta');
    expect(mean).toBe(0);
    expect(variance).toBeCloseTo(1, 12);
    expect(affineModelLogLikelihood(0.5, s, affine(slope, new Array(200).fill(0)), 'beta')).toBeCloseTo(-0.5 * Math.log(2 * Math.PI) - 0.125, 12);
  });

  it('with T = 2 it equals the integral of the joint of eq. 5.1 over (x_1, x_2), done on a grid', () => {
    const s = makeSchedule({ kind: 'linear', T: 2, betaStart: 0.0002, betaEnd: 0.0006 }); // β = 0.1, 0.3
    const eps = affine([0.3, 0.7], [0.2, -0.5]);
    const epsFn = (xt: Float32Array | Float64Array, i: number): Float64Array => Float64Array.from(xt, (v) => eps.slope[i]! * v + eps.intercept[i]!);
    for (const variance of ['beta', 'posterior'] as const) {
      for (const x0 of [-0.6, 0.4, 1.8]) {
        // The trapezoid rule on a Gaussian of sd σ errs by ≈ exp(−2π²σ²/h²): with σ ≥ 0.28 and
        // h = 0.1 that is far below 1e-12, so a coarse grid is exact to rounding.
        const h = 0.1;
        let integral = 0;
        for (let x2 = -8; x2 <= 8; x2 += h) {
          for (let x1 = -8; x1 <= 8; x1 += h) {
            integral += Math.exp(modelPathLogPdf([Float64Array.of(x0), Float64Array.of(x1), Float64Array.of(x2)], epsFn, s, variance)) * h * h;
          }
        }
        expect(affineModelLogLikelihood(x0, s, eps, variance)).toBeCloseTo(Math.log(integral), 6);
      }
    }
  });

  it("matches the moments of x_0 from running the sampler's own steps (eq. 6.1) plus the decoder noise √β_1 z", () => {
    const s: Schedule = makeSchedule({ kind: 'linear', T: 20 });
    const slope = Array.from({ length: 20 }, (_, i) => 0.5 + 0.02 * i);
    const intercept = Array.from({ length: 20 }, (_, i) => 0.3 - 0.01 * i);
    const n = 40000;
    const rng = makeRng(91);
    for (const variance of ['beta', 'posterior'] as const) {
      let x = rng.normals(n);
      for (let i = 19; i >= 0; i--) {
        const eps = Float32Array.from(x, (v) => slope[i]! * v + intercept[i]!);
        x = ddpmStep({ xt: x, eps, i, schedule: s, variance, noise: rng.normals(n) });
      }
      const z = rng.normals(n);
      const x0 = Float32Array.from(x, (v, k) => v + Math.sqrt(s.betas[0]!) * z[k]!);
      const { mean, variance: v } = affineModelMarginal(s, affine(slope, intercept), variance);
      const m = moments(x0);
      expect(Math.abs(m.mean - mean)).toBeLessThan(5 * seMean(v, n));
      expect(Math.abs(m.variance - v)).toBeLessThan(5 * seVariance(v, n));
    }
  });

  it('rejects coefficient lists that are not T long', () => {
    const s = makeSchedule({ kind: 'linear', T: 3 });
    expectInputError(() => affineModelMarginal(s, affine([1, 1], [0, 0]), 'beta'), 'eps');
  });
});
