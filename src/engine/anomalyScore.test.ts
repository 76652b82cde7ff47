import { describe, expect, it } from 'vitest';
import { addMeanSquaredErrors, denoisingScores, noisedBatch, percentileOf, timestepsAtNoise } from './anomalyScore';
import type { EpsFn } from './elbo';
import { expectInputError } from './expectInputError';
import { makeRng } from './rng';
import { makeSchedule, type Schedule } from './schedule';

/** Data ~ N(0, I): x_t ~ N(0, I) for every t, and the optimal ε̂(x_t) = E[ε | x_t] = √(1 − ᾱ_t) x_t. */
function gaussianDataDenoiser(schedule: Schedule): EpsFn {
  return (xt, i) => xt.map((v) => Math.sqrt(1 - schedule.alphaBars[i]!) * v);
}

// With a = √ᾱ, s = √(1 − ᾱ) and x_t = a x + s ε, the Gaussian denoiser's error is
//   ε̂ − ε = s(a x + s ε) − ε = s a x − (1 − s²) ε = s a x − ᾱ ε,
// so per coordinate e = c − ᾱ ε with c = s a x_k, and (ε has mean 0, E ε² = 1, E ε³ = 0, E ε⁴ = 3)
//   E e² = c² + ᾱ²,   Var e² = Var(ᾱ² ε² − 2 c ᾱ ε) = 2 ᾱ⁴ + 4 c² ᾱ².
// Summed over the d coordinates: E‖ε̂ − ε‖² = ᾱ (1 − ᾱ) ‖x‖² + d ᾱ².
function exactMoments(x: number[], ab: number): { mean: number; variance: number } {
  let mean = 0;
  let variance = 0;
  for (const xk of x) {
    const c2 = (1 - ab) * ab * xk * xk;
    mean += c2 + ab * ab;
    variance += 2 * ab ** 4 + 4 * c2 * ab * ab;
  }
  return { mean, variance };
}

describe('denoising-error anomaly score (eq. 7.5)', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });

  it('builds x_t = √ᾱ x + √(1 − ᾱ) ε for every draw, draw-major', () => {
    const points = Float32Array.of(1, 2, -3, 0.5);
    const eps = Float32Array.of(0.1, 0.2, 0.3, 0.4, -1, -2, -3, -4);
    const xt = noisedBatch(points, eps, 2, 2, 0.64); // √ᾱ = 0.8, √(1 − ᾱ) = 0.6
    const expected = [0.86, 1.72, -2.22, 0.64, 0.2, 0.4, -4.2, -2];
    expected.forEach((v, k) => expect(xt[k]).toBeCloseTo(v, 6));
  });

  it('averages ‖ε − ε̂‖² over draws for each point', () => {
    const into = Float64Array.of(10, 0);
    // point 0: errors (1, 0) and (0, 2) → 1 and 4 → mean 2.5; point 1: (3, 4) and (0, 0) → 25 and 0 → 12.5
    addMeanSquaredErrors(into, Float32Array.of(1, 0, 3, 4, 0, 2, 0, 0), new Float32Array(8), 2, 2);
    expect(Array.from(into)).toEqual([12.5, 12.5]);
  });

  it('for N(0, I) data and its optimal denoiser, matches ᾱ(1 − ᾱ)‖x‖² + dᾱ² averaged over t', async () => {
    const locations = [[0, 0], [1, -0.5], [2.5, 2.5], [-4, 1]];
    const points = Float32Array.from(locations.flat());
    const timesteps = timestepsAtNoise(schedule, [0.05, 0.2, 0.5]);
    const draws = 20000;
    const calls: number[] = [];
    const exact = gaussianDataDenoiser(schedule);
    const epsFn: EpsFn = (xt, i) => {
      calls.push(xt.length);
      return exact(xt, i);
    };
    const scores = await denoisingScores({ points, dim: 2, schedule, timesteps, draws, rng: makeRng(5), epsFn });
    // One network call per timestep, each with the whole batch (every point × every draw).
    expect(calls).toEqual(timesteps.map(() => locations.length * draws * 2));
    locations.forEach((x, p) => {
      let mean = 0;
      let variance = 0;
      for (const i of timesteps) {
        const m = exactMoments(x, schedule.alphaBars[i]!);
        mean += m.mean / timesteps.length;
        variance += m.variance / (timesteps.length ** 2 * draws);
      }
      expect(Math.abs(scores[p]! - mean)).toBeLessThan(5 * Math.sqrt(variance));
    });
    // The closed form grows with ‖x‖: a far point scores higher than the centre of the data.
    expect(scores[2]!).toBeGreaterThan(scores[0]! + 0.1);
  });

  it('picks the first timestep whose noise variance 1 − ᾱ_t reaches each level', () => {
    const levels = [0.01, 0.1, 0.5];
    const picked = timestepsAtNoise(schedule, levels);
    picked.forEach((i, k) => {
      expect(1 - schedule.alphaBars[i]!).toBeGreaterThanOrEqual(levels[k]!);
      expect(1 - schedule.alphaBars[i - 1]!).toBeLessThan(levels[k]!);
    });
    expect(timestepsAtNoise(makeSchedule({ kind: 'linear', T: 2 }), [0.9])).toEqual([1]);
  });

  it('gives the fraction of reference scores at or below a value', () => {
    const reference = [1, 2, 3, 4];
    expect(percentileOf(0.5, reference)).toBe(0);
    expect(percentileOf(2, reference)).toBe(0.5);
    expect(percentileOf(10, reference)).toBe(1);
  });

  it('rejects bad input before calling the network', async () => {
    expectInputError(() => noisedBatch(Float32Array.of(1, 2, 3), new Float32Array(3), 1, 2, 0.5), 'points');
    expectInputError(() => noisedBatch(Float32Array.of(1, 2), new Float32Array(3), 1, 2, 0.5), 'eps');
    expectInputError(() => noisedBatch(Float32Array.of(1, 2), new Float32Array(2), 1, 2, 0), 'alphaBar');
    expectInputError(() => timestepsAtNoise(schedule, [1]), 'variances');
    expectInputError(() => percentileOf(1, []), 'reference');
    let called = false;
    const epsFn: EpsFn = (xt) => ((called = true), xt);
    await expect(denoisingScores({ points: Float32Array.of(0, 0), dim: 2, schedule, timesteps: [1000], draws: 1, rng: makeRng(1), epsFn })).rejects.toThrow(/timesteps/);
    await expect(denoisingScores({ points: Float32Array.of(0, 0), dim: 2, schedule, timesteps: [1], draws: 0, rng: makeRng(1), epsFn })).rejects.toThrow(/draws/);
    expect(called).toBe(false);
  });
});
