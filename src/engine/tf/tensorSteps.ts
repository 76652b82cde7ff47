/**
 * The DDPM and DDIM reverse steps on tensors, so a sampling loop stays on the device.
 * They implement exactly the array versions in ../ddpmStep.ts and ../ddimStep.ts (a test
 * checks they agree); the per-step coefficients are plain numbers computed here in float64.
 */
import * as tf from '@tensorflow/tfjs';
import { alphaBarAt, ddimVariance } from '../ddimStep';
import { ddpmStepVariance, type DdpmVariance } from '../ddpmStep';
import type { Schedule } from '../schedule';

/** x̂_0 = (x_t − √(1 − ᾱ_t) ε)/√ᾱ_t (eq. 4.6), clipped to ±c when c is given. */
export function predictX0Tensor(xt: tf.Tensor2D, eps: tf.Tensor2D, i: number, schedule: Schedule, clipX0?: number): tf.Tensor2D {
  return tf.tidy((): tf.Tensor2D => {
    const ab = schedule.alphaBars[i]!;
    const x0 = xt.sub(eps.mul(Math.sqrt(1 - ab))).div(Math.sqrt(ab)) as tf.Tensor2D;
    return clipX0 === undefined ? x0 : (x0.clipByValue(-clipX0, clipX0) as tf.Tensor2D);
  });
}

/** DDPM step x_{t−1} = μ + σ_t z (eq. 6.1 with μ_θ from eq. 4.9, or eq. 4.4 with clipped x̂_0); `noise` is ignored at t = 1. */
export function ddpmStepTensor(xt: tf.Tensor2D, eps: tf.Tensor2D, i: number, schedule: Schedule, variance: DdpmVariance, noise: tf.Tensor2D, clipX0?: number): tf.Tensor2D {
  return tf.tidy((): tf.Tensor2D => {
    let mean: tf.Tensor2D;
    if (clipX0 === undefined) {
      const c = schedule.betas[i]! / Math.sqrt(1 - schedule.alphaBars[i]!);
      mean = xt.sub(eps.mul(c)).div(Math.sqrt(schedule.alphas[i]!));
    } else {
      const x0 = predictX0Tensor(xt, eps, i, schedule, clipX0);
      mean = x0.mul(schedule.posteriorMeanCoef1[i]!).add(xt.mul(schedule.posteriorMeanCoef2[i]!));
    }
    if (i === 0) return mean;
    return mean.add(noise.mul(Math.sqrt(ddpmStepVariance(i, schedule, variance)))) as tf.Tensor2D;
  });
}

/** DDIM step from index i to iPrev (−1: to x_0): √ᾱ_prev x̂_0 + √(1 − ᾱ_prev − σ²) ε + σ z, σ² = η² · ddimVariance. */
export function ddimStepTensor(xt: tf.Tensor2D, epsIn: tf.Tensor2D, i: number, iPrev: number, schedule: Schedule, eta: number, noise: tf.Tensor2D, clipX0?: number): tf.Tensor2D {
  return tf.tidy((): tf.Tensor2D => {
    const ab = schedule.alphaBars[i]!;
    const x0 = predictX0Tensor(xt, epsIn, i, schedule, clipX0);
    const eps = clipX0 === undefined ? epsIn : xt.sub(x0.mul(Math.sqrt(ab))).div(Math.sqrt(1 - ab));
    const abPrev = alphaBarAt(iPrev, schedule);
    const variance = eta * eta * ddimVariance(i, iPrev, schedule);
    const out = x0.mul(Math.sqrt(abPrev)).add(eps.mul(Math.sqrt(Math.max(0, 1 - abPrev - variance))));
    return (variance > 0 ? out.add(noise.mul(Math.sqrt(variance))) : out) as tf.Tensor2D;
  });
}
