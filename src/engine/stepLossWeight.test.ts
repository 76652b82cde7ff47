import { describe, expect, it } from 'vitest';
import { expectInputError } from './expectInputError';
import { klIsotropic } from './gaussian';
import { makeRng } from './rng';
import { makeSchedule } from './schedule';
import { stepLossConstant, stepLossWeight } from './stepLossWeight';

const schedule = makeSchedule({ kind: 'linear', T: 1000 });

describe('L_{t−1} as a weighted noise error (eq. 5.8)', () => {
  it('w‖ε − ε_θ‖² + C equals the Gaussian KL (eq. 5.7) between the exact and the learned step, for both variances', () => {
    const rng = makeRng(81);
    const d = 3;
    for (const i of [1, 2, 40, 500, 999]) {
      const beta = schedule.betas[i]!;
      const alpha = 1 - beta;
      const ab = schedule.alphaBars[i]!;
      const abPrev = schedule.alphaBars[i - 1]!;
      for (const variance of ['beta', 'posterior'] as const) {
        const x0 = Array.from(rng.normals(d));
        const eps = Array.from(rng.normals(d));
        const epsHat = Array.from(rng.normals(d), (v) => 0.3 * v);
        const xt = x0.map((v, k) => Math.sqrt(ab) * v + Math.sqrt(1 - ab) * eps[k]!);
        // eq. 4.4 and eq. 4.9, written out in float64.
        const muQ = xt.map((v, k) => (Math.sqrt(abPrev) * beta * x0[k]! + Math.sqrt(alpha) * (1 - abPrev) * v) / (1 - ab));
        const muP = xt.map((v, k) => (v - (beta / Math.sqrt(1 - ab)) * epsHat[k]!) / Math.sqrt(alpha));
        const vq = ((1 - abPrev) / (1 - ab)) * beta;
        const vp = variance === 'beta' ? beta : vq;
        const kl = klIsotropic(muQ, vq, muP, vp);
        const sq = eps.reduce((s, e, k) => s + (e - epsHat[k]!) ** 2, 0);
        const viaWeight = stepLossWeight(i, schedule, variance) * sq + stepLossConstant(i, schedule, variance, d);
        expect(viaWeight / kl).toBeCloseTo(1, 6);
      }
    }
  });

  it("has the page's sizes with σ² = β_t: 1/(2α_1) ≈ 1/2 for L_0, ≈ 0.27 for L_1, and ≈ β_T/2 ≈ 0.01 at t = T", () => {
    const b1 = 1e-4;
    const b2 = 1e-4 + 0.0199 / 999;
    const ab2 = (1 - b1) * (1 - b2);
    expect(stepLossWeight(0, schedule, 'beta')).toBeCloseTo(1 / (2 * (1 - b1)), 12);
    expect(stepLossWeight(1, schedule, 'beta')).toBeCloseTo(b2 / (2 * (1 - b2) * (1 - ab2)), 10);
    expect(stepLossWeight(1, schedule, 'beta')).toBeCloseTo(0.2727, 4);
    expect(stepLossWeight(999, schedule, 'beta')).toBeCloseTo(0.02 / (2 * 0.98 * (1 - schedule.alphaBars[999]!)), 10);
    expect(Math.abs(stepLossWeight(999, schedule, 'beta') - 0.01)).toBeLessThan(3e-4);
  });

  it('L_0 with the decoder N(μ_θ(x_1, 1), β_1 I) is ‖ε − ε_θ‖²/(2α_1) + (d/2) log(2π β_1)', () => {
    const beta1 = 1e-4;
    const [x0, eps, epsHat] = [[0.4, -1.2], [0.3, 0.9], [0.1, 0.5]];
    const x1 = x0.map((v, k) => Math.sqrt(1 - beta1) * v + Math.sqrt(beta1) * eps[k]!);
    const mu = x1.map((v, k) => (v - Math.sqrt(beta1) * epsHat[k]!) / Math.sqrt(1 - beta1));
    const nll = Math.log(2 * Math.PI * beta1) + x0.reduce((s, v, k) => s + (v - mu[k]!) ** 2, 0) / (2 * beta1);
    const sq = eps.reduce((s, e, k) => s + (e - epsHat[k]!) ** 2, 0);
    expect(stepLossWeight(0, schedule, 'posterior') * sq + Math.log(2 * Math.PI * beta1)).toBeCloseTo(nll, 8);
  });

  it('C_t is 0 for σ² = σ̃²_t and the positive variance mismatch for σ² = β_t', () => {
    expect(stepLossConstant(10, schedule, 'posterior', 2)).toBe(0);
    const b = schedule.betas[10]!;
    const v = schedule.posteriorVariance[10]!;
    expect(stepLossConstant(10, schedule, 'beta', 2)).toBeCloseTo(Math.log(b / v) + v / b - 1, 12);
    expect(stepLossConstant(10, schedule, 'beta', 2)).toBeGreaterThan(0);
    expectInputError(() => stepLossConstant(0, schedule, 'beta', 2), 'i');
    expectInputError(() => stepLossWeight(1000, schedule, 'beta'), 'i');
  });
});
