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

  // classes > 0: a class-conditional network (one-hot of the class, ∅ included, in the input).
  for (const [dim, depth, classes] of [[2, 2, 0], [3, 0, 0], [2, 2, 3], [3, 1, 1]] as const) {
    for (const explicit of [true, false]) {
      it(`matches tf.variableGrads (dim ${dim}, depth ${depth}, ${classes} classes, ${explicit ? 'explicit transposes' : 'transpose flags'})`, () => {
        const config = resolveDenoiserConfig({ dim, T: 50, width: 16, depth, timeEmbedDim: 8, inputEmbedDim: 4, classes });
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
          // every class and ∅ (index `classes`) among the rows
          const c = classes > 0 ? tf.tensor1d(Int32Array.from({ length: n }, (_, r) => r % (classes + 1)), 'int32') : undefined;
          const input = model.features(xt, t, c);
          const reference = tf.variableGrads(() => model.apply(xt, t, c).sub(target).square().mean(1).mean() as tf.Scalar, model.variables);
          const mine = lossAndGrads(model.variables, input, target, depth, explicit ? (input.transpose() as tf.Tensor2D) : undefined, explicit);
          expect(mine.perSample.mean().dataSync()[0]).toBeCloseTo(reference.value.dataSync()[0]!, 5);
          model.variables.forEach((v, k) => {
            const want = reference.grads[v.name]!.dataSync();
            const got = mine.grads[k]!.dataSync();
            expect(mine.grads[k]!.shape).toEqual(v.shape);
            const scale = Math.max(...Array.from(want, Math.abs), 1e-6);
            for (let j = 0; j < want.length; j++) expect(Math.abs(got[j]! - want[j]!)).toBeLessThan(1e-4 * scale);
          });
          if (classes > 0) {
            // The class-embedding rows of W_0 (after x_t and its embedding) do get a gradient, one row per class and ∅.
            const w0 = reference.grads[model.variables[0]!.name]!;
            const rows = w0.slice([dim + dim * 4, 0], [classes + 1, 16]).abs().max(1).dataSync();
            rows.forEach((r) => expect(r).toBeGreaterThan(1e-6));
          }
        });
        expect(tf.memory().numTensors).toBe(before);
        model.dispose();
      });
    }
  }
});
