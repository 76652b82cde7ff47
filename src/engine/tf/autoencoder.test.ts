import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectInputError } from '../expectInputError';
import { makeRng } from '../rng';
import { Autoencoder, AutoencoderTrainer } from './autoencoder';
import { useTestBackend } from './testBackend';

beforeAll(async () => {
  await useTestBackend();
});

/** y = x W + b for one row, in plain numbers. */
function affine(x: number[], w: Float32Array, b: Float32Array): number[] {
  const out = Array.from(b);
  for (let i = 0; i < x.length; i++) for (let j = 0; j < out.length; j++) out[j]! += x[i]! * w[i * out.length + j]!;
  return out;
}

/** The network written out by hand from its weights: ReLU hidden layers, linear code, tanh image. */
async function forwardByHand(ae: Autoencoder, x: number[]): Promise<{ z: number[]; xHat: number[] }> {
  const w = await ae.getWeights();
  const layers = w.length / 2;
  const half = layers / 2;
  let h = x;
  let z: number[] = [];
  for (let k = 0; k < layers; k++) {
    const a = affine(h, w[2 * k]!.values, w[2 * k + 1]!.values);
    const last = k === half - 1 || k === layers - 1;
    h = last ? (k === layers - 1 ? a.map(Math.tanh) : a) : a.map((v) => Math.max(0, v));
    if (k === half - 1) z = h;
  }
  return { z, xHat: h };
}

describe('the autoencoder', () => {
  const config = { dim: 6, latentDim: 2, hidden: [5, 4] };

  it('encodes n × dim to n × d and decodes back to n × dim inside (−1, 1), as the layers written out by hand do', async () => {
    const ae = new Autoencoder(config, 3);
    expect(ae.parameterCount).toBe(6 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2 + (2 * 4 + 4 + 4 * 5 + 5 + 5 * 6 + 6));
    const x = makeRng(1).normals(3 * 6).map((v) => Math.tanh(v));
    const z = await ae.encode(x);
    expect(z.length).toBe(3 * 2);
    const big = await ae.decode(Float32Array.of(300, -300, 1, 2));
    expect(big.length).toBe(2 * 6);
    for (const v of big) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    const xHat = await ae.decode(z);
    for (let r = 0; r < 3; r++) {
      const ref = await forwardByHand(ae, Array.from(x.subarray(r * 6, r * 6 + 6)));
      ref.z.forEach((v, j) => expect(z[r * 2 + j]).toBeCloseTo(v, 4));
      ref.xHat.forEach((v, j) => expect(xHat[r * 6 + j]).toBeCloseTo(v, 4));
    }
    ae.dispose();
  });

  it('takes its first Adam step on L = (1/dim)‖x̂ − x‖² + λ(1/d)‖z‖², the loss computed by hand', async () => {
    const ae = new Autoencoder(config, 4);
    // Two equal rows: whichever the batch draws, every row of it is x.
    const x = [0.5, -0.25, 1, -1, 0, 0.75];
    const { z, xHat } = await forwardByHand(ae, x);
    const lambda = 0.5;
    const expected = xHat.reduce((a, v, j) => a + (v - x[j]!) ** 2, 0) / 6 + (lambda * z.reduce((a, v) => a + v * v, 0)) / 2;
    const trainer = new AutoencoderTrainer(ae, Float32Array.from([...x, ...x]), { batchSize: 4, latentPenalty: lambda, seed: 0 });
    trainer.train(1);
    expect(await trainer.readLoss()).toBeCloseTo(expected, 5);
    const after = await forwardByHand(ae, x);
    expect(after.xHat).not.toEqual(xHat); // the step moved the weights
    trainer.dispose();
    ae.dispose();
  });

  it('learns a set that has a 2-D code well below the mean image\'s error, reproducibly for a seed, holding no extra tensors', async () => {
    // x = 0.4 (u₁ a + u₂ b) with u ~ N(0, I): 6-pixel images on a plane, so a 2-D code can be exact.
    const rng = makeRng(5);
    const a = [1, 0.5, -0.5, 0, 1, -1];
    const b = [0, 1, 1, -1, 0.5, 0.5];
    const data = new Float32Array(40 * 6);
    for (let r = 0; r < 40; r++) {
      const [u1, u2] = [rng.normal(), rng.normal()];
      for (let j = 0; j < 6; j++) data[r * 6 + j] = 0.4 * (u1 * a[j]! + u2 * b[j]!);
    }
    // The error of the best constant image (each pixel's mean): the per-pixel variance of the set.
    let meanImageError = 0;
    for (let j = 0; j < 6; j++) {
      let m = 0;
      for (let r = 0; r < 40; r++) m += data[r * 6 + j]! / 40;
      for (let r = 0; r < 40; r++) meanImageError += (data[r * 6 + j]! - m) ** 2 / 240;
    }
    const run = async (): Promise<number[]> => {
      const ae = new Autoencoder({ ...config, hidden: [32, 16] }, 7);
      const trainer = new AutoencoderTrainer(ae, data, { batchSize: 16, learningRate: 1e-2, seed: 9 });
      trainer.train(5);
      const first = await trainer.readLoss();
      const tensors = tf.memory().numTensors;
      trainer.train(400);
      const last = await trainer.readLoss();
      expect(tf.memory().numTensors).toBe(tensors);
      trainer.dispose();
      ae.dispose();
      return [first, last];
    };
    const before = tf.memory().numTensors;
    const [first, last] = await run();
    expect(tf.memory().numTensors).toBe(before);
    expect(first).toBeGreaterThan(0.5 * meanImageError);
    expect(last).toBeLessThan(0.25 * meanImageError);
    expect(await run()).toEqual([first, last]);
  });

  it('sets and gets weights, refusing wrong shapes, and refuses bad shapes and options', async () => {
    const a = new Autoencoder(config, 1);
    const b = new Autoencoder(config, 2);
    b.setWeights(await a.getWeights());
    const x = Float32Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
    expect(Array.from(await b.decode(await b.encode(x)))).toEqual(Array.from(await a.decode(await a.encode(x))));
    const w = await a.getWeights();
    expectInputError(() => b.setWeights(w.slice(1)), 'weights');
    expectInputError(() => b.setWeights([{ shape: [6, 4], values: new Float32Array(24) }, ...w.slice(1)]), 'weight enc0/w');
    expectInputError(() => new Autoencoder({ ...config, latentDim: 0 }, 0), 'latentDim');
    expectInputError(() => new Autoencoder({ ...config, hidden: [] }, 0), 'hidden');
    expectInputError(() => new AutoencoderTrainer(a, new Float32Array(6), {}), 'images');
    expectInputError(() => new AutoencoderTrainer(a, new Float32Array(12), { latentPenalty: -1 }), 'latentPenalty');
    a.dispose();
    b.dispose();
  });
});
