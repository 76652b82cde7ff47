import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../rng';
import { PackedAdam } from './packedAdam';
import { useTestBackend } from './testBackend';

// The reference is tfjs's own optimizer (tf.train.adam): the packed update must take the same steps.
describe('Adam on a packed parameter vector', () => {
  beforeAll(async () => {
    await useTestBackend();
  });
  const size = 24;
  const rng = makeRng(5);
  const start = rng.normals(size);
  const a = rng.normals(size);
  const b = rng.normals(size);
  // L(θ) = Σ (a θ − b)²,  ∂L/∂θ = 2a(aθ − b)
  const grad = (theta: tf.Tensor1D): tf.Tensor1D => tf.tidy(() => tf.tensor1d(a).mul(2).mul(tf.tensor1d(a).mul(theta).sub(tf.tensor1d(b))) as tf.Tensor1D);

  const run = (clip: number, decay: number, mask: Float32Array, steps: number): [Float32Array, Float32Array] => {
    const lr = 0.05;
    const reference = tf.variable(tf.tensor1d(start));
    const opt = tf.train.adam(lr);
    const packed = new PackedAdam(size, { learningRate: lr, gradClip: clip, weightDecay: decay }, mask);
    let theta = tf.tensor1d(start);
    for (let s = 0; s < steps; s++) {
      tf.tidy(() => {
        let g = grad(reference as unknown as tf.Tensor1D);
        if (clip > 0) g = g.mul(Math.min(1, clip / g.norm().dataSync()[0]!));
        opt.applyGradients([{ name: reference.name, tensor: g }]);
        if (decay > 0) reference.assign(reference.sub(reference.mul(tf.tensor1d(mask).mul(lr * decay))));
      });
      const next = tf.tidy(() => packed.step(theta, grad(theta)));
      theta.dispose();
      theta = next;
    }
    const out: [Float32Array, Float32Array] = [Float32Array.from(theta.dataSync()), Float32Array.from(reference.dataSync())];
    tf.dispose([theta, reference]);
    opt.dispose();
    packed.dispose();
    return out;
  };

  it('matches tf.train.adam step for step, with no clipping or decay', () => {
    const [mine, ref] = run(0, 0, new Float32Array(size), 10);
    for (let k = 0; k < size; k++) expect(mine[k]).toBeCloseTo(ref[k]!, 5);
  });

  it('clips the gradient to norm c first (min(1, c/‖g‖)), as clipping then tf.train.adam does', () => {
    const [mine, ref] = run(0.3, 0, new Float32Array(size), 10);
    for (let k = 0; k < size; k++) expect(mine[k]).toBeCloseTo(ref[k]!, 5);
  });

  it('AdamW decays exactly the masked entries by lr·λ after the Adam step', () => {
    const mask = Float32Array.from({ length: size }, (_, k) => (k % 3 === 0 ? 1 : 0));
    const [mine, ref] = run(0, 0.5, mask, 10);
    for (let k = 0; k < size; k++) expect(mine[k]).toBeCloseTo(ref[k]!, 5);
    // and the decay does something: without it the masked entries end elsewhere
    const [plain] = run(0, 0, mask, 10);
    expect(Math.abs(mine[0]! - plain[0]!)).toBeGreaterThan(1e-3);
  });

  it('frees what it made', () => {
    const before = tf.memory().numTensors;
    const p = new PackedAdam(size, { learningRate: 0.1, gradClip: 1, weightDecay: 0.1 }, new Float32Array(size).fill(1));
    const theta = tf.tensor1d(start);
    tf.tidy(() => void p.step(theta, grad(theta)));
    p.dispose();
    theta.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
