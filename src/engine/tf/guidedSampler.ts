/**
 * Sampling a class-conditional network: plain conditional sampling of class c, and classifier-free
 * guidance (Ho and Salimans 2022; chapter 7, eq. 7.4)
 *   ε̃ = (1 + w) ε_θ(x_t, t, c) − w ε_θ(x_t, t, ∅),
 * each wrapped as an EpsModel, so every sampler of ./sampler.ts runs them unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { MAX_GUIDANCE } from '../guidance';
import { requireClosedInterval, requireInteger } from '../inputError';
import type { Schedule } from '../schedule';
import type { EpsModel } from './sampler';

/**
 * Anything that predicts ε row by row with a class per row (`classes` is ∅; labels left out: ∅ for
 * every row): the conditional Denoiser (config.classes > 0), or an exact oracle in tests.
 */
export interface LabelledEpsModel {
  config: { dim: number; classes: number };
  predictEps(xt: tf.Tensor2D, i: number, schedule: Schedule, labels?: Int32Array): tf.Tensor2D;
}

/** ε̃ = (1 + w) ε_c − w ε_∅ on tensors (eq. 7.4; the array version is ../guidance.ts guidedEps). */
export function guidedEpsTensor(cond: tf.Tensor2D, uncond: tf.Tensor2D, w: number): tf.Tensor2D {
  return tf.tidy(() => cond.mul(1 + w).sub(uncond.mul(w)) as tf.Tensor2D);
}

/**
 * The guided noise prediction of eq. 7.4 for class c with weight w, as an EpsModel. Both predictions
 * come from one pass over the doubled batch; at w = 0 (ε̃ = ε_c) and w = −1 (ε̃ = ε_∅) only the one
 * that counts is computed.
 */
export function guidedEpsModel(model: LabelledEpsModel, c: number, w: number): EpsModel {
  const { dim, classes } = model.config;
  requireInteger('class', c, 0, classes - 1);
  requireClosedInterval('w', w, -1, MAX_GUIDANCE);
  const only = w === 0 ? c : w === -1 ? classes : null;
  return {
    config: { dim },
    predictEps: (xt: tf.Tensor2D, i: number, schedule: Schedule): tf.Tensor2D =>
      tf.tidy(() => {
        const n = xt.shape[0];
        if (only !== null) return model.predictEps(xt, i, schedule, new Int32Array(n).fill(only));
        const labels = new Int32Array(2 * n).fill(c, 0, n).fill(classes, n);
        const both = model.predictEps(tf.concat([xt, xt], 0) as tf.Tensor2D, i, schedule, labels);
        const [cond, uncond] = tf.split(both, 2, 0) as [tf.Tensor2D, tf.Tensor2D];
        return guidedEpsTensor(cond, uncond, w);
      }),
  };
}
