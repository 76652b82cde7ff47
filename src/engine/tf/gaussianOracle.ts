/**
 * An exact denoiser for Gaussian data x_0 ~ N(m, s² I), used to test samplers without training.
 * Then x_t ~ N(√ᾱ_t m, (ᾱ_t s² + 1 − ᾱ_t) I) and E[ε | x_t] = √(1 − ᾱ_t) (x_t − √ᾱ_t m) / (ᾱ_t s² + 1 − ᾱ_t).
 */
import * as tf from '@tensorflow/tfjs';
import type { Schedule } from '../schedule';
import type { EpsModel } from './sampler';

export function gaussianOracle(mean: number[], s: number): EpsModel {
  return {
    config: { dim: mean.length },
    predictEps(xt: tf.Tensor2D, i: number, schedule: Schedule): tf.Tensor2D {
      const ab = schedule.alphaBars[i]!;
      const varT = ab * s * s + 1 - ab;
      return tf.tidy(() => xt.sub(tf.tensor1d(mean).mul(Math.sqrt(ab))).mul(Math.sqrt(1 - ab) / varT) as tf.Tensor2D);
    },
  };
}
