import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineInputError } from '../inputError';
import { makeRng } from '../rng';
import { makeSchedule } from '../schedule';
import { Denoiser } from './denoiser';
import { inputSize, resolveDenoiserConfig } from './denoiserConfig';
import { sample } from './sampler';
import { timeEmbeddingTable } from './sinusoidalEmbedding';
import { useTestBackend } from './testBackend';
import { Trainer } from './trainer';

/** g(x_t, t, y): a denoiser with a continuous condition y beside x_t (issue 15's upsampler). */
describe('conditioned denoiser g(x_t, t, y)', () => {
  beforeAll(async () => {
    expect(await useTestBackend()).toBe('wasm');
  });
  const schedule = makeSchedule({ kind: 'cosine', T: 100 });

  it('puts y after x_t and before the time embedding in the input row', () => {
    const config = resolveDenoiserConfig({ dim: 3, T: 100, width: 8, depth: 1, timeEmbedDim: 4, inputEmbedDim: 0, condDim: 2 });
    expect(inputSize(config)).toBe(3 + 2 + 4);
    const net = new Denoiser(config, 1);
    const u = tf.tidy(() => net.features(tf.tensor2d([[1, 2, 3]]), tf.tensor1d([9], 'int32'), undefined, tf.tensor2d([[7, 8]])).arraySync()[0]!);
    const time = timeEmbeddingTable(100, 4).subarray(9 * 4, 10 * 4);
    expect(u.slice(0, 5)).toEqual([1, 2, 3, 7, 8]);
    for (let k = 0; k < 4; k++) expect(u[5 + k]).toBeCloseTo(time[k]!, 6);
    net.dispose();
  });

  it('on WASM the SIMD forward pass with y equals the tfjs one, and y changes the output', async () => {
    const net = new Denoiser(resolveDenoiserConfig({ dim: 4, T: 100, width: 16, depth: 2, timeEmbedDim: 8, inputEmbedDim: 0, condDim: 3 }), 2);
    const rng = makeRng(4);
    const x = rng.normals(5 * 4);
    const y = rng.normals(5 * 3);
    const simd = await net.outputArray(x, 30, undefined, y);
    const ref = tf.tidy(() => net.apply(tf.tensor2d(x, [5, 4]), tf.fill([5], 30, 'int32') as tf.Tensor1D, undefined, tf.tensor2d(y, [5, 3])).dataSync());
    for (let k = 0; k < simd.length; k++) expect(simd[k]).toBeCloseTo(ref[k]!, 4);
    const other = await net.outputArray(x, 30, undefined, y.map((v) => v + 1));
    expect(other.some((v, k) => Math.abs(v - simd[k]!) > 1e-3)).toBe(true);
    expect(() => net.predictEps(tf.tensor2d(x, [5, 4]), 30, schedule)).toThrow(/condition/);
    net.dispose();
  });

  it('the trainer needs one y per point', () => {
    const net = new Denoiser(resolveDenoiserConfig({ dim: 2, T: 100, width: 8, depth: 1, condDim: 2 }), 3);
    expect(() => new Trainer(net, schedule, new Float32Array(8))).toThrow(EngineInputError);
    expect(() => new Trainer(net, schedule, { points: new Float32Array(8), conds: new Float32Array(6) })).toThrow(/conds/);
    net.dispose();
  });

  // x_0 = y exactly: a network that reads y samples x ≈ y, one that ignores it spreads over the data
  // (y uniform on [−1, 1]², mean |x − y| = 2/3 per coordinate for two independent uniforms).
  // Width 16 trains on the SIMD kernels, width 12 on tfjs ops (the kernels need a multiple of 8).
  for (const width of [16, 12]) {
    it(`learns to use y (width ${width}): samples land near their condition`, async () => {
      const rng = makeRng(5);
      const conds = Float32Array.from({ length: 2 * 512 }, () => 2 * rng.uniform() - 1);
      const net = new Denoiser(resolveDenoiserConfig({ dim: 2, T: 100, width, depth: 1, timeEmbedDim: 8, inputEmbedDim: 0, condDim: 2, prediction: 'x0' }), 6);
      const trainer = new Trainer(net, schedule, { points: conds, conds }, { batchSize: 64, learningRate: 1e-2, seed: 7, emaDecay: 0 });
      expect(trainer.engine).toBe(width % 8 === 0 ? 'simd' : 'tfjs');
      trainer.train(400);
      const asked = conds.subarray(0, 2 * 64);
      const model = { config: { dim: 2 }, predictEps: (xt: tf.Tensor2D, i: number) => net.predictEps(xt, i, schedule, undefined, asked) };
      const { points } = await sample(model, schedule, { method: 'ddim', steps: 20, eta: 0, variance: 'beta', spacing: 'trailing', n: 64, seed: 8 });
      const err = points.reduce((a, v, k) => a + Math.abs(v - asked[k]!), 0) / points.length;
      expect(err).toBeLessThan(0.15);
      trainer.dispose();
      net.dispose();
    });
  }
});
