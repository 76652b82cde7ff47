import { describe, expect, it } from 'vitest';
import { timestepsAtNoise } from './anomalyScore';
import type { EpsFn } from './elbo';
import { denoisingScoresPerPixel } from './imageAnomaly';
import { makeRng } from './rng';
import { makeSchedule } from './schedule';

// For data ~ N(0, I) the optimal ε̂(x_t) = √(1 − ᾱ_t) x_t, and with x_t = √ᾱ x + √(1 − ᾱ) ε the error
// per pixel is √(1 − ᾱ)√ᾱ x_k − ᾱ ε_k: E‖ε − ε̂‖² = ᾱ(1 − ᾱ)‖x‖² + D ᾱ² (derived in anomalyScore.test.ts).
describe('denoising-error anomaly score per pixel (eq. 7.5 over D = 64 pixels)', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });
  const D = 64;
  const timesteps = timestepsAtNoise(schedule, [0.1, 0.3, 0.6]);

  it('matches [ᾱ(1 − ᾱ)‖x‖² + Dᾱ²]/D averaged over t, for 8×8 images near and far from N(0, I) data', async () => {
    const typical = Float32Array.from({ length: D }, (_, k) => Math.sin(k)); // ‖x‖²/D ≈ 0.5
    const far = Float32Array.from({ length: D }, (_, k) => (k % 2 ? 3 : -3)); // ‖x‖²/D = 9
    const points = new Float32Array(2 * D);
    points.set(typical, 0);
    points.set(far, D);
    const epsFn: EpsFn = (xt, i) => xt.map((v) => Math.sqrt(1 - schedule.alphaBars[i]!) * v);
    const got = await denoisingScoresPerPixel({ points, dim: D, schedule, timesteps, draws: 400, rng: makeRng(21), epsFn });
    [typical, far].forEach((x, p) => {
      const sq = x.reduce((s, v) => s + v * v, 0);
      const exact = timesteps.reduce((s, i) => {
        const ab = schedule.alphaBars[i]!;
        return s + (ab * (1 - ab) * sq + D * ab * ab) / D;
      }, 0) / timesteps.length;
      expect(got[p], `image ${p}`).toBeCloseTo(exact, 1);
      expect(Math.abs(got[p]! - exact) / exact).toBeLessThan(0.02);
    });
    expect(got[1]).toBeGreaterThan(got[0]!);
  });

  it('a network that answers ε̂ = 0 scores 1 per pixel on any image', async () => {
    const zero: EpsFn = (xt) => new Float32Array(xt.length);
    const points = Float32Array.from({ length: 3 * D }, (_, k) => (k % 5) - 2);
    const got = await denoisingScoresPerPixel({ points, dim: D, schedule, timesteps, draws: 300, rng: makeRng(22), epsFn: zero });
    // s/D is a mean of 3 · 300 · 64 squares of N(0, 1): standard error √(2/57600) ≈ 0.006.
    for (const s of got) expect(Math.abs(s - 1)).toBeLessThan(0.03);
  });
});
