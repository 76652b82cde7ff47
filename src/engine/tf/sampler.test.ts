import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineInputError } from '../inputError';
import { makeSchedule } from '../schedule';
import { moments, seMean, seVariance } from '../sampleStats';
import { gaussianOracle } from './gaussianOracle';
import { DEFAULT_SAMPLE, sample, type SampleOptions } from './sampler';
import { useTestBackend } from './testBackend';

// With the exact denoiser of N(m, s² I) data, every sampler must return samples of N(m, s² I):
// a check of the whole loop (Algorithm 2 and DDIM) that needs no training.
const m = [1.5, -0.5];
const s = 0.5;
const oracle = gaussianOracle(m, s);
const n = 4000;

function checkGaussian(points: Float32Array, varianceSlack: number): void {
  for (let axis = 0; axis < 2; axis++) {
    const st = moments(points, 2, axis);
    expect(Math.abs(st.mean - m[axis]!)).toBeLessThan(5 * seMean(s * s, n) + 0.01);
    expect(Math.abs(st.variance - s * s)).toBeLessThan(5 * seVariance(s * s, n) + varianceSlack);
  }
}

describe('sampling (Algorithm 2 and DDIM) with an exact denoiser', () => {
  beforeAll(async () => {
    await useTestBackend();
  });
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });
  const base: SampleOptions = { ...DEFAULT_SAMPLE, n, seed: 7 };

  it('DDPM with σ² = β_t and with σ² = σ̃²_t recovers N(m, s² I)', async () => {
    for (const variance of ['beta', 'posterior'] as const) {
      const { points } = await sample(oracle, schedule, { ...base, method: 'ddpm', variance });
      // σ² = β_t slightly overshoots the variance for data narrower than N(0, I); allow 0.02.
      checkGaussian(points, 0.02);
    }
  });

  it('DDIM η = 0 with 50 steps recovers N(m, s² I), and ignores the seed given the same x_T', async () => {
    const { points } = await sample(oracle, schedule, { ...base, method: 'ddim', steps: 50, eta: 0 });
    checkGaussian(points, 0.01);
    const xT = new Float32Array(20).fill(0.3);
    const a = await sample(oracle, schedule, { ...base, n: 10, method: 'ddim', steps: 20, eta: 0, seed: 1, xT });
    const b = await sample(oracle, schedule, { ...base, n: 10, method: 'ddim', steps: 20, eta: 0, seed: 2, xT });
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
  });

  it('DDIM η = 1 is stochastic and also recovers N(m, s² I)', async () => {
    const { points } = await sample(oracle, schedule, { ...base, method: 'ddim', steps: 100, eta: 1 });
    checkGaussian(points, 0.02);
    const xT = new Float32Array(20).fill(0.3);
    const a = await sample(oracle, schedule, { ...base, n: 10, method: 'ddim', steps: 20, eta: 1, seed: 1, xT });
    const b = await sample(oracle, schedule, { ...base, n: 10, method: 'ddim', steps: 20, eta: 1, seed: 2, xT });
    expect(Array.from(a.points)).not.toEqual(Array.from(b.points));
  });

  it('the same seed gives identical samples', async () => {
    const a = await sample(oracle, schedule, { ...base, n: 50, method: 'ddpm' });
    const b = await sample(oracle, schedule, { ...base, n: 50, method: 'ddpm' });
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
  });

  it('traces the chosen points every k steps, from t = T to t = 0, streaming each frame', async () => {
    const streamed: number[] = [];
    const res = await sample(oracle, schedule, {
      ...base, n: 100, method: 'ddim', steps: 50, trace: { indices: [3, 7, 99], every: 10 },
      onFrame: (f) => void streamed.push(f.t),
    });
    expect(res.frames.map((f) => f.t)).toEqual(streamed);
    // start, then after steps 10, 20, 30, 40, 50 (the last lands on x_0)
    expect(streamed.length).toBe(6);
    expect(streamed[0]).toBe(1000);
    expect(streamed[5]).toBe(0);
    for (const f of res.frames) expect(f.points.length).toBe(3 * 2);
    // the traced final frame holds exactly those points of the result
    expect(Array.from(res.frames[5]!.points)).toEqual([...res.points.subarray(6, 8), ...res.points.subarray(14, 16), ...res.points.subarray(198, 200)]);
  });

  it('stopAt = 1 returns x_1 of the same run: one more step with ε̂(x_1, 1) and no noise gives its x_0', async () => {
    const opts: SampleOptions = { ...base, n: 200, method: 'ddpm', variance: 'beta', trace: { indices: [0, 5], every: 100 } };
    const full = await sample(oracle, schedule, opts);
    const steps: number[] = [];
    const stopped = await sample(oracle, schedule, { ...opts, stopAt: 1, onStep: (done, total) => void steps.push(done, total) });
    expect(stopped.t).toBe(1);
    expect(full.t).toBe(0);
    // T − 1 steps take x_T to x_1, and the progress total says so.
    expect(steps.at(-2)).toBe(schedule.T - 1);
    expect(steps.at(-1)).toBe(schedule.T - 1);
    expect(stopped.frames.at(-1)!.t).toBe(1);
    // Algorithm 2's last line on x_1: x_0 = (x_1 − β_1/√(1 − ᾱ_1) ε̂(x_1, 1)) / √α_1 (eq. 4.9), computed here on plain arrays.
    const eps = await tf.tidy(() => oracle.predictEps(tf.tensor2d(stopped.points, [200, 2]), 0, schedule)).data();
    const b1 = schedule.betas[0]!;
    for (let k = 0; k < 400; k++) {
      const x0 = (stopped.points[k]! - (b1 / Math.sqrt(1 - schedule.alphaBars[0]!)) * eps[k]!) / Math.sqrt(1 - b1);
      expect(full.points[k]!).toBeCloseTo(x0, 5);
    }
  });

  it('stopAt = T returns the starting noise untouched, and DDIM stops at the first visited t ≤ stopAt', async () => {
    const xT = Float32Array.from({ length: 20 }, (_, k) => k / 10 - 1);
    const none = await sample(oracle, schedule, { ...base, n: 10, method: 'ddpm', xT, stopAt: schedule.T });
    expect(Array.from(none.points)).toEqual(Array.from(xT));
    expect(none.t).toBe(schedule.T);
    // 10 trailing DDIM steps visit t = 1000, 900, …, 100; stopping at 450 lands on the state at t = 400.
    const ddim = await sample(oracle, schedule, { ...base, n: 10, method: 'ddim', steps: 10, stopAt: 450 });
    expect(ddim.t).toBe(400);
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await sample(oracle, schedule, { ...base, n: 200, method: 'ddpm', trace: { indices: [0], every: 100 } });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops when cancelled and says so', async () => {
    let calls = 0;
    const res = await sample(oracle, schedule, { ...base, n: 10, method: 'ddpm', isCancelled: () => ++calls > 5 });
    expect(res.cancelled).toBe(true);
  });

  it('rejects bad options by name, before doing anything', async () => {
    const bad: Array<[Partial<SampleOptions>, string]> = [
      [{ n: 0 }, 'n'], [{ method: 'ddim', steps: 1001 }, 'steps'], [{ eta: 1.5 }, 'eta'],
      [{ method: 'euler' as never }, 'method'], [{ trace: { indices: [100], every: 1 }, n: 100 }, 'trace.indices'],
      [{ stopAt: 1001 }, 'stopAt'], [{ stopAt: 0.5 }, 'stopAt'],
    ];
    for (const [opts, param] of bad) {
      await expect(sample(oracle, schedule, { ...base, n: 10, ...opts })).rejects.toMatchObject({ name: 'EngineInputError', param });
    }
    await expect(sample(oracle, schedule, { ...base, n: 10, xT: new Float32Array(3) })).rejects.toBeInstanceOf(EngineInputError);
  });
});
