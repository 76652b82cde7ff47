import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineInputError } from '../inputError';
import { makeRng } from '../rng';
import { makeSchedule } from '../schedule';
import { Denoiser } from './denoiser';
import { resolveDenoiserConfig } from './denoiserConfig';
import { embeddingFrequencies, timeEmbeddingTable } from './sinusoidalEmbedding';
import { useTestBackend } from './testBackend';

describe('denoiser g(x_t, t)', () => {
  beforeAll(async () => {
    await useTestBackend();
  });
  const schedule = makeSchedule({ kind: 'linear', T: 100 });

  it('the time embedding row for t is [sin(t ω_k), cos(t ω_k)] with ω_0 = 1 and ω_{h−1} = 1e-4', () => {
    const f = embeddingFrequencies(8);
    expect(f[0]).toBeCloseTo(1, 12);
    expect(f[3]).toBeCloseTo(1e-4, 9);
    const table = timeEmbeddingTable(100, 8);
    expect(table[(37 - 1) * 8 + 0]).toBeCloseTo(Math.sin(37), 6);
    expect(table[(37 - 1) * 8 + 4]).toBeCloseTo(Math.cos(37), 6);
  });

  it('maps n × dim points to n × dim outputs, and the same seed gives the same network', () => {
    const config = resolveDenoiserConfig({ dim: 2, T: 100, width: 16, depth: 2 });
    const a = new Denoiser(config, 3);
    const b = new Denoiser(config, 3);
    const x = tf.tensor2d(makeRng(1).normals(10), [5, 2]);
    const t = tf.tensor1d([0, 10, 50, 98, 99], 'int32');
    const ya = a.apply(x, t);
    const yb = b.apply(x, t);
    expect(ya.shape).toEqual([5, 2]);
    expect(Array.from(ya.dataSync())).toEqual(Array.from(yb.dataSync()));
    tf.dispose([x, t, ya, yb]);
    a.dispose();
    b.dispose();
  });

  it('an x_0-predicting network reports ε = (x_t − √ᾱ_t x̂_0)/√(1 − ᾱ_t)', async () => {
    const model = new Denoiser(resolveDenoiserConfig({ dim: 2, T: 100, width: 8, depth: 1, prediction: 'x0' }), 4);
    const xt = makeRng(2).normals(6);
    const i = 40;
    const raw = tf.tidy(() => model.apply(tf.tensor2d(xt, [3, 2]), tf.fill([3], i, 'int32') as tf.Tensor1D).dataSync());
    const eps = await model.predictEpsArray(xt, i, schedule);
    const ab = schedule.alphaBars[i]!;
    for (let k = 0; k < 6; k++) expect(eps[k]).toBeCloseTo((xt[k]! - Math.sqrt(ab) * raw[k]!) / Math.sqrt(1 - ab), 4);
    model.dispose();
  });

  it('weights round-trip into a fresh model; wrong shapes are refused and change nothing', async () => {
    const config = resolveDenoiserConfig({ dim: 2, T: 100, width: 8, depth: 1 });
    const a = new Denoiser(config, 5);
    const b = new Denoiser(config, 6);
    const x = makeRng(3).normals(8);
    const before = await b.predictEpsArray(x, 7, schedule);
    const weights = await a.getWeights();
    const broken = weights.map((w, k) => (k === 2 ? { ...w, shape: [1, 1], values: new Float32Array(1) } : w));
    expect(() => b.setWeights(broken)).toThrow(/block0\/w/);
    expect(Array.from(await b.predictEpsArray(x, 7, schedule))).toEqual(Array.from(before));
    b.setWeights(weights);
    expect(Array.from(await b.predictEpsArray(x, 7, schedule))).toEqual(Array.from(await a.predictEpsArray(x, 7, schedule)));
    a.dispose();
    b.dispose();
  });

  it('disposing frees every tensor it made', () => {
    const before = tf.memory().numTensors;
    new Denoiser(resolveDenoiserConfig({ dim: 2, T: 100 }), 1).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects out-of-range settings by name', () => {
    const bad: Array<[object, string]> = [[{ width: 0 }, 'width'], [{ depth: 1.5 }, 'depth'], [{ timeEmbedDim: 7 }, 'timeEmbedDim'], [{ prediction: 'v' }, 'prediction'], [{ T: 1 }, 'T']];
    for (const [patch, param] of bad) {
      expect(() => resolveDenoiserConfig({ dim: 2, T: 100, ...patch })).toThrow(EngineInputError);
      try {
        resolveDenoiserConfig({ dim: 2, T: 100, ...patch });
      } catch (e) {
        expect((e as EngineInputError).param).toBe(param);
      }
    }
  });
});
