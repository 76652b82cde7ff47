import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../datasets';
import { elboTerms } from '../elbo';
import { EngineInputError } from '../inputError';
import { energyDistance } from '../metrics';
import { makeRng } from '../rng';
import { makeSchedule } from '../schedule';
import { Denoiser } from './denoiser';
import { resolveDenoiserConfig } from './denoiserConfig';
import { DEFAULT_SAMPLE, sample } from './sampler';
import { useTestBackend } from './testBackend';
import { Trainer } from './trainer';

beforeAll(async () => {
  await useTestBackend();
});

/** Energy distance of samples to held-out data, relative to that of N(0, I) samples (lower is better; 0 is perfect). */
function edRatio(samples: Float32Array, heldOut: Float32Array, gaussian: Float32Array): number {
  return energyDistance(samples, heldOut, 2) / energyDistance(gaussian, heldOut, 2);
}

describe('training (Algorithm 1) on two moons, then sampling (Algorithm 2)', () => {
  // The default model and schedule. 800 steps at batch 256 take ~45 s on WASM on a 2-core machine.
  const STEPS = 800;
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });
  const config = resolveDenoiserConfig({ dim: 2, T: 1000 });
  const train = makeDataset('twoMoons', 8000, 1).points;
  const heldOut = makeDataset('twoMoons', 2000, 2).points;
  const gaussian = makeRng(3).normals(4000);
  const sampleOptions = { ...DEFAULT_SAMPLE, method: 'ddpm' as const, n: 2000, seed: 4 };

  it('2000 samples come within an energy-distance ratio of 0.25 of held-out data, far better than untrained', async () => {
    const model = new Denoiser(config, 0);
    const untrained = edRatio((await sample(model, schedule, sampleOptions)).points, heldOut, gaussian);

    const trainer = new Trainer(model, schedule, train, { seed: 0 });
    trainer.train(1); // Adam creates its moment estimates on the first step
    const tensorsAtStart = tf.memory().numTensors;
    const first = await trainer.readStats();
    trainer.train(STEPS - 1);
    const last = await trainer.readStats();
    expect(tf.memory().numTensors).toBe(tensorsAtStart);
    expect(last.step).toBe(STEPS);
    expect(last.loss).toBeLessThan(first.loss);

    const beforeSampling = tf.memory().numTensors;
    const trained = edRatio((await sample(trainer.sampler, schedule, sampleOptions)).points, heldOut, gaussian);
    expect(tf.memory().numTensors).toBe(beforeSampling);
    expect(trained).toBeLessThanOrEqual(0.25);
    expect(trained).toBeLessThan(untrained / 2);

    // For ε-prediction the loss falls with t: at small t, ε is nearly invisible in x_t.
    trainer.train(50);
    const { bucketLoss } = await trainer.readStats();
    expect(bucketLoss[0]).toBeGreaterThan(bucketLoss[bucketLoss.length - 1]!);

    // The trained model also bounds the likelihood of held-out points better (−ELBO, eq. 5.5).
    const x0 = heldOut.subarray(0, 2 * 64);
    const epsFn = (xt: Float32Array, i: number) => trainer.sampler.predictEpsArray(xt, i, schedule);
    const elbo = await elboTerms({ x0, dim: 2, schedule, epsFn, rng: makeRng(5), variance: 'beta' });
    const fresh = new Denoiser(config, 0);
    const elboUntrained = await elboTerms({ x0, dim: 2, schedule, epsFn: (xt, i) => fresh.predictEpsArray(xt, i, schedule), rng: makeRng(5), variance: 'beta' });
    expect(elbo.total).toBeLessThan(elboUntrained.total);
    fresh.dispose();
    trainer.dispose();
    model.dispose();
  }, 240_000);
});

describe('trainer mechanics', () => {
  const schedule = makeSchedule({ kind: 'cosine', T: 50 });
  const config = resolveDenoiserConfig({ dim: 2, T: 50, width: 32, depth: 1 });
  const data = makeDataset('eightGaussians', 512, 1).points;

  it('100 steps leave the tensor count unchanged, for Adam and AdamW with clipping, ε and x_0 targets, on both engines', async () => {
    for (const [optimizer, prediction, backend] of [['adam', 'eps', 'wasm'], ['adamw', 'x0', 'wasm'], ['adam', 'eps', 'cpu'], ['adamw', 'x0', 'cpu']] as const) {
      await tf.setBackend(backend);
      const model = new Denoiser({ ...config, prediction }, 1);
      const trainer = new Trainer(model, schedule, data, { optimizer, gradClip: 0.5, batchSize: 64 });
      trainer.train(1);
      const before = tf.memory().numTensors;
      const first = await trainer.readStats();
      trainer.train(100);
      const stats = await trainer.readStats();
      expect(tf.memory().numTensors).toBe(before);
      expect(Number.isFinite(stats.loss)).toBe(true);
      expect(stats.loss).toBeLessThan(first.loss);
      trainer.dispose();
      model.dispose();
    }
    await useTestBackend();
  });

  it('the same seed trains to the same weights', async () => {
    const run = async (): Promise<Float32Array> => {
      const model = new Denoiser(config, 2);
      const trainer = new Trainer(model, schedule, data, { seed: 9, batchSize: 32 });
      trainer.train(5);
      const w = (await model.getWeights())[0]!.values;
      trainer.dispose();
      model.dispose();
      return w;
    };
    expect(Array.from(await run())).toEqual(Array.from(await run()));
  });

  it('loss buckets average back to the loss: Σ_b mean_b · count_b / Σ_b count_b', async () => {
    const model = new Denoiser(config, 3);
    const trainer = new Trainer(model, schedule, data, { batchSize: 50, lossBuckets: 5 });
    trainer.train(3);
    const s = await trainer.readStats();
    const total = s.bucketCount.reduce((a, b) => a + b, 0);
    expect(total).toBe(150);
    const weighted = s.bucketLoss.reduce((a, l, b) => a + (s.bucketCount[b]! > 0 ? l * s.bucketCount[b]! : 0), 0) / total;
    expect(weighted).toBeCloseTo(s.loss, 5);
    trainer.dispose();
    model.dispose();
  });

  it('the SIMD engine (WASM backend) and the tfjs engine (CPU backend) take the same steps', async () => {
    const weightsAfter = async (backend: string, optimizer: 'adam' | 'adamw'): Promise<{ engine: string; w: Float32Array[]; ema: Float32Array[]; loss: number }> => {
      await tf.setBackend(backend);
      const model = new Denoiser({ ...config, width: 16 }, 5);
      const trainer = new Trainer(model, schedule, data, { seed: 4, batchSize: 40, optimizer, weightDecay: 0.05, gradClip: 0.5 });
      trainer.train(3);
      const { loss } = await trainer.readStats();
      const out = { engine: trainer.engine, w: (await model.getWeights()).map((x) => x.values), ema: (await trainer.sampler.getWeights()).map((x) => x.values), loss };
      trainer.dispose();
      model.dispose();
      return out;
    };
    for (const optimizer of ['adam', 'adamw'] as const) {
      const simd = await weightsAfter('wasm', optimizer);
      const plain = await weightsAfter('cpu', optimizer);
      expect([simd.engine, plain.engine]).toEqual(['simd', 'tfjs']);
      expect(simd.loss).toBeCloseTo(plain.loss, 4);
      for (const [a, b] of [[simd.w, plain.w], [simd.ema, plain.ema]] as const) {
        a.forEach((values, k) => values.forEach((v, j) => expect(Math.abs(v - b[k]![j]!)).toBeLessThan(1e-4)));
      }
    }
    await useTestBackend();
  });

  it('weights written into the model or the average from outside (a restored checkpoint) are what the next steps start from', async () => {
    const model = new Denoiser(config, 6);
    const start = await model.getWeights();
    const trainer = new Trainer(model, schedule, data, { seed: 2, batchSize: 32, learningRate: 1e-3 });
    trainer.train(20);
    const trained = await model.getWeights();
    const moved = (a: typeof start, b: typeof start) => Math.max(...a.map((w, k) => Math.max(...w.values.map((v, j) => Math.abs(v - b[k]!.values[j]!)))));
    expect(moved(trained, start)).toBeGreaterThan(5e-3); // 20 Adam steps of 1e-3 move some weight well away
    model.setWeights(start);
    trainer.ema!.setWeights(start);
    trainer.train(1);
    // one step of Adam moves each weight by at most about the learning rate
    expect(moved(await model.getWeights(), start)).toBeLessThan(1.5e-3);
    expect(moved(await trainer.sampler.getWeights(), start)).toBeLessThan(1.5e-3);
    trainer.dispose();
    model.dispose();
  });

  it('a learning rate set between steps is the one the next steps take, on both engines, for Adam and AdamW', async () => {
    const runOn = async (backend: string, optimizer: 'adam' | 'adamw'): Promise<{ first: number; w: Float32Array[] }> => {
      await tf.setBackend(backend);
      const model = new Denoiser(config, 7);
      const start = await model.getWeights();
      const trainer = new Trainer(model, schedule, data, { seed: 3, batchSize: 32, optimizer, weightDecay: 0.05, gradClip: 0, learningRate: 2e-3 });
      trainer.learningRate = 1e-5;
      expect(trainer.learningRate).toBe(1e-5);
      trainer.train(1);
      // Adam's first step is α ĝ/(|ĝ| + ε) with m̂ = g, v̂ = g² (bias-corrected): ≈ α on every weight whose gradient is not ~0.
      const after = await model.getWeights();
      const first = Math.max(...after.map((w, k) => Math.max(...w.values.map((v, j) => Math.abs(v - start[k]!.values[j]!)))));
      trainer.learningRate = 3e-3;
      trainer.train(3);
      trainer.learningRate = 2e-4;
      trainer.train(3);
      const w = (await model.getWeights()).map((x) => x.values);
      trainer.dispose();
      model.dispose();
      return { first, w };
    };
    for (const optimizer of ['adam', 'adamw'] as const) {
      const simd = await runOn('wasm', optimizer);
      const plain = await runOn('cpu', optimizer);
      for (const r of [simd, plain]) {
        expect(r.first).toBeGreaterThan(0.9e-5);
        expect(r.first).toBeLessThan(1.1e-5); // not the 2e-3 it was built with
      }
      // The two engines implement the step apart (our SIMD kernels, tfjs ops): the same rates give the same weights.
      simd.w.forEach((values, k) => values.forEach((v, j) => expect(Math.abs(v - plain.w[k]![j]!)).toBeLessThan(1e-4)));
    }
    await useTestBackend();
    const model = new Denoiser(config, 8);
    const trainer = new Trainer(model, schedule, data);
    for (const bad of [0, -1, Number.NaN]) expect(() => (trainer.learningRate = bad)).toThrow(expect.objectContaining({ param: 'learningRate' }));
    expect(trainer.learningRate).toBe(2e-3);
    trainer.dispose();
    model.dispose();
  });

  it('rejects bad options by name and creates nothing', () => {
    const model = new Denoiser(config, 4);
    const before = tf.memory().numTensors;
    const bad: Array<[object, string]> = [[{ batchSize: 0 }, 'batchSize'], [{ learningRate: -1 }, 'learningRate'], [{ optimizer: 'sgd' }, 'optimizer']];
    for (const [opts, param] of bad) expect(() => new Trainer(model, schedule, data, opts)).toThrow(expect.objectContaining({ param }));
    expect(() => new Trainer(model, schedule, Float32Array.of(1, 2))).toThrow(EngineInputError);
    expect(() => new Trainer(model, schedule, Float32Array.of(1, Number.NaN, 2, 3))).toThrow(expect.objectContaining({ param: 'data' }));
    expect(() => new Trainer(model, makeSchedule({ kind: 'cosine', T: 60 }), data)).toThrow(expect.objectContaining({ param: 'schedule.T' }));
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
