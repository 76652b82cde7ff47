import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOB_CLASSES, BLOB_STD_STANDARDIZED, blobCentres, classPurity, labelledBlobs } from '../datasets/labelledBlobs';
import { expectInputError } from '../expectInputError';
import { guidedEps } from '../guidance';
import { makeRng } from '../rng';
import { makeSchedule, type Schedule } from '../schedule';
import { guidedEpsModel, guidedEpsTensor, type LabelledEpsModel } from './guidedSampler';
import { DEFAULT_SAMPLE, sample } from './sampler';
import { useTestBackend } from './testBackend';

// Guidance checked against an exact mixture, with the oracle read row by row.
beforeAll(async () => {
  await useTestBackend();
});

const schedule = makeSchedule({ kind: 'linear', T: 200 });

/**
 * The exact ε for the blob mixture. Given class k, x_t ~ N(√ᾱ μ_k, v I) with v = ᾱ s² + 1 − ᾱ, so
 * E[ε | x_t, k] = √(1 − ᾱ)(x_t − √ᾱ μ_k)/v; without a label, E[ε | x_t] = Σ_k p(k | x_t) E[ε | x_t, k]
 * with p(k | x_t) = softmax_k(−‖x_t − √ᾱ μ_k‖² / 2v) (equal weights).
 */
function mixtureOracle(s: Schedule): LabelledEpsModel {
  const mu = tf.tensor2d(blobCentres(), [BLOB_CLASSES, 2]);
  const ab = tf.tensor1d(Float32Array.from(s.alphaBars));
  const v2 = BLOB_STD_STANDARDIZED ** 2;
  return {
    config: { dim: 2, classes: BLOB_CLASSES },
    predictEps: (xt, i, _schedule, labels) =>
      tf.tidy(() => {
        const n = xt.shape[0];
        const t = tf.fill([n], i, 'int32') as tf.Tensor1D;
        const c = labels ? tf.tensor1d(labels, 'int32') : (tf.fill([n], BLOB_CLASSES, 'int32') as tf.Tensor1D);
        const a = tf.gather(ab, t).reshape([n, 1, 1]);
        const v = a.mul(v2).add(tf.scalar(1).sub(a));
        const diff = xt.reshape([n, 1, 2]).sub(mu.reshape([1, BLOB_CLASSES, 2]).mul(a.sqrt())); // n × K × 2
        const epsK = diff.mul(tf.scalar(1).sub(a).sqrt()).div(v);
        const post = tf.softmax(diff.square().sum(2).neg().div(v.reshape([n, 1]).mul(2))); // n × K
        const uncond = epsK.mul(post.reshape([n, BLOB_CLASSES, 1])).sum(1);
        const oneHot = tf.oneHot(tf.minimum(c, tf.scalar(BLOB_CLASSES - 1, 'int32')) as tf.Tensor1D, BLOB_CLASSES).toFloat().reshape([n, BLOB_CLASSES, 1]);
        const cond = epsK.mul(oneHot).sum(1);
        const isNull = c.equal(tf.scalar(BLOB_CLASSES, 'int32')).toFloat().reshape([n, 1]);
        return cond.mul(tf.scalar(1).sub(isNull)).add(uncond.mul(isNull)) as tf.Tensor2D;
      }),
  };
}

describe('classifier-free guidance on tensors', () => {
  it('guidedEpsTensor matches the array formula of eq. 7.4', () => {
    const rng = makeRng(1);
    const c = rng.normals(40);
    const u = rng.normals(40);
    for (const w of [0, 1.5, 4]) {
      const got = tf.tidy(() => guidedEpsTensor(tf.tensor2d(c, [20, 2]), tf.tensor2d(u, [20, 2]), w).dataSync());
      const want = guidedEps(c, u, w);
      got.forEach((g, k) => expect(g).toBeCloseTo(want[k]!, 5));
    }
  });

  it('with the exact mixture ε, w = 0 samples class c as the data do, w = −1 the whole mixture, w = 3 sharpens it', async () => {
    const oracle = mixtureOracle(schedule);
    const n = 1500;
    const purityAt = async (w: number): Promise<number> => classPurity((await sample(guidedEpsModel(oracle, 0, w), schedule, { ...DEFAULT_SAMPLE, n, seed: 5 })).points, 0);
    // Reference: the share of real class-0 points in class 0's Bayes region (≈ 0.92), from the data alone.
    const data = labelledBlobs(20000, 3);
    const reference = classPurity(data.points.filter((_, j) => data.labels[Math.floor(j / 2)] === 0), 0);
    const se = Math.sqrt((reference * (1 - reference)) / n);
    expect(Math.abs((await purityAt(0)) - reference)).toBeLessThan(4 * se + 0.01);
    expect(Math.abs((await purityAt(-1)) - 1 / 3)).toBeLessThan(4 * Math.sqrt(2 / 9 / n) + 0.02);
    expect(await purityAt(3)).toBeGreaterThan(0.99);
  });

  it('checks the class and the weight', () => {
    const oracle = mixtureOracle(schedule);
    expectInputError(() => guidedEpsModel(oracle, 3, 1), 'class');
    expectInputError(() => guidedEpsModel(oracle, 0, 25), 'w');
  });
});
