import { describe, expect, it } from 'vitest';
import { chainVariance, forwardStep, forwardStepMoments, mergedNoiseVariances, naiveWalkStep, naiveWalkVariance, qMoments, qSample } from './forward';
import { makeRng } from './rng';
import { makeSchedule } from './schedule';
import { moments, seMean, seVariance } from './sampleStats';

const N = 20000;

describe('forward process', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });

  it('the closed form q(x_t | x_0) and the step-by-step chain agree in mean and variance', () => {
    const rng = makeRng(1);
    const x0 = new Float32Array(N).fill(1.5);
    const checkpoints = new Set([0, 9, 99, 499, 999]);
    let chain: Float32Array = x0;
    for (let i = 0; i < 1000; i++) {
      chain = forwardStep(chain, rng.normals(N), i, schedule);
      if (!checkpoints.has(i)) continue;
      const closed = qSample(x0, rng.normals(N), i, schedule);
      const { meanCoef, variance } = qMoments(i, schedule);
      for (const sample of [chain, closed]) {
        const m = moments(sample);
        // Tolerance: 5 standard errors of the sample mean / sample variance.
        expect(Math.abs(m.mean - meanCoef * 1.5)).toBeLessThan(5 * seMean(variance, N) + 1e-6);
        expect(Math.abs(m.variance - variance)).toBeLessThan(5 * seVariance(variance, N) + 1e-6);
      }
    }
  });

  it('qSample with ε = 0 returns √ᾱ_t x_0 exactly; with x_0 = 0 it returns √(1 − ᾱ_t) ε', () => {
    const x0 = Float32Array.from([1, -2]);
    const eps = Float32Array.from([0.5, 3]);
    const i = 249;
    const ab = schedule.alphaBars[i]!;
    expect(qSample(x0, new Float32Array(2), i, schedule)[1]).toBeCloseTo(-2 * Math.sqrt(ab), 6);
    expect(qSample(new Float32Array(2), eps, i, schedule)[1]).toBeCloseTo(3 * Math.sqrt(1 - ab), 6);
  });

  it("the naive walk's variance grows linearly in t while the DDPM chain's settles near 1", () => {
    const rng = makeRng(2);
    const s = 0.1;
    let naive: Float32Array = rng.normals(N);
    let ddpm: Float32Array = Float32Array.from(naive);
    for (let i = 0; i < 1000; i++) {
      naive = naiveWalkStep(naive, rng.normals(N), s);
      ddpm = forwardStep(ddpm, rng.normals(N), i, schedule);
      if ((i + 1) % 250 !== 0) continue;
      const t = i + 1;
      const vn = naiveWalkVariance(t, s, 1);
      expect(vn).toBeCloseTo(1 + t * 0.01, 12);
      expect(Math.abs(moments(naive).variance - vn)).toBeLessThan(5 * seVariance(vn, N));
      const vd = chainVariance(i, schedule, 1);
      expect(vd).toBeCloseTo(1, 12); // a unit-variance start stays at unit variance
      expect(Math.abs(moments(ddpm).variance - 1)).toBeLessThan(5 * seVariance(1, N));
    }
    // After 1000 steps the walk has spread to variance 11, the chain is still at 1.
    expect(moments(naive).variance).toBeGreaterThan(9);
  });

  it('chainVariance tends to 1 from any starting variance', () => {
    expect(chainVariance(999, schedule, 25)).toBeCloseTo(1, 2);
    expect(chainVariance(999, schedule, 0)).toBeCloseTo(1, 3);
  });
});

describe('one step as a distribution (eq. 3.2) and the induction step (eq. 3.6)', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });

  it('q(x_t | x_{t−1}) has mean coefficient √(1 − β_t) and variance β_t: at t = 1, √0.9999 and 10⁻⁴', () => {
    expect(forwardStepMoments(0, schedule).meanCoef).toBeCloseTo(Math.sqrt(0.9999), 14);
    expect(forwardStepMoments(0, schedule).variance).toBeCloseTo(1e-4, 15);
    const last = forwardStepMoments(999, schedule);
    expect(last.variance).toBeCloseTo(0.02, 15);
    expect(last.meanCoef ** 2 + last.variance).toBeCloseTo(1, 14); // variance-preserving
  });

  it('regressing forwardStep outputs on x_{t−1} recovers slope √(1 − β_t) and residual variance β_t', () => {
    const rng = makeRng(41);
    const i = 699;
    const xPrev = rng.normals(N);
    const xt = forwardStep(xPrev, rng.normals(N), i, schedule);
    let sxy = 0;
    let sxx = 0;
    for (let k = 0; k < N; k++) {
      sxy += xPrev[k]! * xt[k]!;
      sxx += xPrev[k]! * xPrev[k]!;
    }
    const slope = sxy / sxx;
    const { meanCoef, variance } = forwardStepMoments(i, schedule);
    const resid = Float32Array.from(xt, (v, k) => v - slope * xPrev[k]!);
    expect(Math.abs(slope - meanCoef)).toBeLessThan(5 * Math.sqrt(variance / sxx));
    expect(Math.abs(moments(resid).variance - variance)).toBeLessThan(5 * seVariance(variance, N));
  });

  it('a step applied to the closed form at t − 1 is √ᾱ_t x_0 + √(α_t − ᾱ_t) ε′ + √(1 − α_t) ε_t exactly', () => {
    for (const i of [1, 50, 999]) {
      const x0 = Float32Array.of(1.3, -0.4);
      const epsPrev = Float32Array.of(0.7, 2.1);
      const epsT = Float32Array.of(-1.1, 0.25);
      const viaChain = forwardStep(qSample(x0, epsPrev, i - 1, schedule), epsT, i, schedule);
      const { carried, fresh, total } = mergedNoiseVariances(i, schedule);
      const alpha = 1 - schedule.betas[i]!;
      // α_t − ᾱ_t = α_t (1 − ᾱ_{t−1}): the shrunk noise of x_{t−1}.
      expect(carried).toBeCloseTo(alpha * (1 - schedule.alphaBars[i - 1]!), 14);
      expect(fresh).toBeCloseTo(schedule.betas[i]!, 14);
      expect(total).toBeCloseTo(1 - schedule.alphaBars[i]!, 14);
      for (let k = 0; k < 2; k++) {
        const byHand = Math.sqrt(schedule.alphaBars[i]!) * x0[k]! + Math.sqrt(carried) * epsPrev[k]! + Math.sqrt(fresh) * epsT[k]!;
        expect(viaChain[k]).toBeCloseTo(byHand, 5);
      }
    }
  });

  it('the two noises merge into one of variance 1 − ᾱ_t (by eq. 2.3), checked on samples', () => {
    const rng = makeRng(42);
    const i = 299;
    const { carried, fresh, total } = mergedNoiseVariances(i, schedule);
    const merged = Float32Array.from(rng.normals(N), (e) => Math.sqrt(carried) * e);
    const fresh2 = rng.normals(N);
    for (let k = 0; k < N; k++) merged[k] = merged[k]! + Math.sqrt(fresh) * fresh2[k]!;
    expect(Math.abs(moments(merged).variance - total)).toBeLessThan(5 * seVariance(total, N));
    expect(mergedNoiseVariances(0, schedule).carried).toBeCloseTo(0, 15); // t = 1: x_0 carries no noise
  });
});
