import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../rng';
import { Denoiser } from './denoiser';
import { resolveDenoiserConfig } from './denoiserConfig';
import { lossAndGrads } from './denoiserGrad';
import { useTestBackend } from './testBackend';

// The hand-written backward pass must give what tfjs's automatic differentiation gives for the
// same loss, L = mean over the batch of the per-sample mean square error.
describe('hand-written gradient of the denoiser loss', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  for (const [dim, depth] of [[2, 2], [3, 0]] as const) {
    for (const explicit of [true, false]) {
      it(`matches tf.variableGrads (dim ${dim}, depth ${depth}, ${explicit ? 'explicit transposes' : 'transpose flags'})`, () => {
        const config = resolveDenoiserConfig({ dim, T: 50, width: 16, depth, timeEmbedDim: 8, inputEmbedDim: 4 });
        const model = new Denoiser(config, 7);
        const rng = makeRng(11);
        const n = 40;
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          // Non-zero biases, so every term of the backward pass matters.
          model.variables.forEach((v) => v.assign(v.add(tf.tensor(rng.normals(v.size), v.shape).mul(0.1))));
          const xt = tf.tensor2d(rng.normals(n * dim), [n, dim]);
          const t = tf.tensor1d(Int32Array.from({ length: n }, () => rng.int(50)), 'int32');
          const target = tf.tensor2d(rng.normals(n * dim), [n, dim]);
          const input = model.features(xt, t);
          const reference = tf.variableGrads(() => model.apply(xt, t).sub(target).square().mean(1).mean() as tf.Scalar, model.variables);
          const mine = lossAndGrads(model.variables, input, target, depth, explicit ? (input.transpose() as tf.Tensor2D) : undefined, explicit);
          expect(mine.perSample.mean().dataSync()[0]).toBeCloseTo(reference.value.dataSync()[0]!, 5);
          model.variables.forEach((v, k) => {
            const want = reference.grads[v.name]!.dataSync();
            const got = mine.grads[k]!.dataSync();
            expect(mine.grads[k]!.shape).toEqual(v.shape);
            const scale = Math.max(...Array.from(want, Math.abs), 1e-6);
            for (let j = 0; j < want.length; j++) expect(Math.abs(got[j]! - want[j]!)).toBeLessThan(1e-4 * scale);
          });
        });
        expect(tf.memory().numTensors).toBe(before);
        model.dispose();
      });
    }
  }
});
