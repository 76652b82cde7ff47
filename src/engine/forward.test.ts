import { describe, expect, it } from 'vitest';
import { chainVariance, forwardStep, naiveWalkStep, naiveWalkVariance, qMoments, qSample } from './forward';
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
