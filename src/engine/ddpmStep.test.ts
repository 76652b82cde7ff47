import { describe, expect, it } from 'vitest';
import { ddpmStep, ddpmStepVariance, reverseStepLogPdf } from './ddpmStep';
import { expectInputError } from './expectInputError';
import { makeRng } from './rng';
import { makeSchedule } from './schedule';
import { moments, seMean, seVariance } from './sampleStats';

const schedule = makeSchedule({ kind: 'linear', T: 1000 });

describe('DDPM step (Algorithm 2, eq. 6.1)', () => {
  it('x_{t−1} = (x_t − β_t/√(1−ᾱ_t) ε)/√α_t + σ z, by hand, for both variances', () => {
    const i = 99;
    const beta = schedule.betas[i]!;
    const ab = schedule.alphaBars[i]!;
    const mean = (1.2 - (beta / Math.sqrt(1 - ab)) * 0.4) / Math.sqrt(1 - beta);
    const args = { xt: Float32Array.of(1.2), eps: Float32Array.of(0.4), i, schedule, noise: Float32Array.of(-1.5) };
    expect(ddpmStep({ ...args, variance: 'beta' })[0]).toBeCloseTo(mean - 1.5 * Math.sqrt(beta), 5);
    const postVar = (beta * (1 - schedule.alphaBars[i - 1]!)) / (1 - ab);
    expect(ddpmStep({ ...args, variance: 'posterior' })[0]).toBeCloseTo(mean - 1.5 * Math.sqrt(postVar), 5);
  });

  it('adds no noise at the last step t = 1 (and evaluates t = 1, not t)', () => {
    const beta1 = schedule.betas[0]!;
    const out = ddpmStep({ xt: Float32Array.of(0.5), eps: Float32Array.of(0.2), i: 0, schedule, variance: 'beta', noise: Float32Array.of(9) });
    expect(out[0]).toBeCloseTo((0.5 - (beta1 / Math.sqrt(beta1)) * 0.2) / Math.sqrt(1 - beta1), 6);
  });

  it('rejects an unknown variance choice', () => {
    expect(() => ddpmStep({ xt: Float32Array.of(0), eps: Float32Array.of(0), i: 3, schedule, variance: 'big' as never, noise: Float32Array.of(0) })).toThrow(/variance must be one of beta, posterior/);
  });
});

describe('the two variance choices (eq. 6.2)', () => {
  it('β_t, or σ̃²_t = (1 − ᾱ_{t−1})/(1 − ᾱ_t) β_t: below β_t, 0 at t = 1, nearly equal at large t', () => {
    expect(ddpmStepVariance(0, schedule, 'beta')).toBeCloseTo(1e-4, 15);
    expect(ddpmStepVariance(0, schedule, 'posterior')).toBe(0);
    for (const i of [1, 10, 100, 999]) expect(ddpmStepVariance(i, schedule, 'posterior')).toBeLessThan(ddpmStepVariance(i, schedule, 'beta'));
    // t = 2 by hand: β_1 = 1e-4, β_2 = 1e-4 + 1.99e-2/999, ᾱ_1 = 1 − β_1, ᾱ_2 = ᾱ_1 (1 − β_2).
    const b1 = 1e-4;
    const b2 = 1e-4 + 0.0199 / 999;
    const ab1 = 1 - b1;
    const ab2 = ab1 * (1 - b2);
    expect(ddpmStepVariance(1, schedule, 'posterior')).toBeCloseTo(((1 - ab1) / (1 - ab2)) * b2, 15);
    expect(ddpmStepVariance(999, schedule, 'posterior') / ddpmStepVariance(999, schedule, 'beta')).toBeCloseTo(1, 4);
  });

  it('the spread of x_{t−1} over the noise z is σ_t² and its centre μ_θ (eq. 6.1), for both choices', () => {
    const rng = makeRng(61);
    const n = 20000;
    const i = 30;
    const xt = new Float32Array(n).fill(0.9);
    const eps = new Float32Array(n).fill(0.3);
    const mu = (0.9 - (schedule.betas[i]! / Math.sqrt(1 - schedule.alphaBars[i]!)) * 0.3) / Math.sqrt(schedule.alphas[i]!);
    for (const variance of ['beta', 'posterior'] as const) {
      const out = ddpmStep({ xt, eps, i, schedule, variance, noise: rng.normals(n) });
      const v = ddpmStepVariance(i, schedule, variance);
      const m = moments(out);
      expect(Math.abs(m.mean - mu)).toBeLessThan(5 * seMean(v, n));
      expect(Math.abs(m.variance - v)).toBeLessThan(5 * seVariance(v, n));
    }
  });
});

describe('the learned reverse step as a density (eq. 4.8)', () => {
  it('log N(x_{t−1}; μ_θ, σ_t² I) by hand, in 2D, for both variance choices', () => {
    const i = 99;
    const beta = schedule.betas[i]!;
    const ab = schedule.alphaBars[i]!;
    const xt = Float64Array.of(1.2, -0.3);
    const eps = Float64Array.of(0.4, 0.1);
    const xPrev = Float64Array.of(1.19, -0.29);
    const mu = [0, 1].map((k) => (xt[k]! - (beta / Math.sqrt(1 - ab)) * eps[k]!) / Math.sqrt(1 - beta));
    for (const variance of ['beta', 'posterior'] as const) {
      const v = variance === 'beta' ? beta : ((1 - schedule.alphaBars[i - 1]!) / (1 - ab)) * beta;
      const byHand = -Math.log(2 * Math.PI * v) - ((xPrev[0]! - mu[0]!) ** 2 + (xPrev[1]! - mu[1]!) ** 2) / (2 * v);
      expect(reverseStepLogPdf(xPrev, xt, eps, i, schedule, variance)).toBeCloseTo(byHand, 8);
    }
  });

  it('at t = 1 it is the decoder N(x_0; μ_θ(x_1, 1), β_1 I) whichever variance is chosen', () => {
    const beta1 = 1e-4;
    const xt = Float64Array.of(0.5);
    const eps = Float64Array.of(0.2);
    const mu = (0.5 - Math.sqrt(beta1) * 0.2) / Math.sqrt(1 - beta1); // β_1/√(1 − ᾱ_1) = √β_1
    const x0 = Float64Array.of(0.49);
    const byHand = -0.5 * Math.log(2 * Math.PI * beta1) - (0.49 - mu) ** 2 / (2 * beta1);
    expect(reverseStepLogPdf(x0, xt, eps, 0, schedule, 'beta')).toBeCloseTo(byHand, 8);
    expect(reverseStepLogPdf(x0, xt, eps, 0, schedule, 'posterior')).toBeCloseTo(byHand, 8);
    expectInputError(() => reverseStepLogPdf(x0, xt, eps, 3, schedule, 'big' as never), 'variance');
  });
});
