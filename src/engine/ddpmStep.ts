/**
 * One reverse step of DDPM ancestral sampling (Algorithm 2, corrected) on plain arrays: a draw
 * from p_θ(x_{t−1} | x_t) (eq. 4.8), x_{t−1} = μ_θ(x_t, t) + σ_t z (eq. 6.1).
 * `i` is the 0-indexed timestep (t = i + 1); the step maps x_t to x_{t−1}.
 */
import { clipInPlace } from './clip';
import { isotropicLogPdf } from './gaussian';
import { requireOneOf } from './inputError';
import { posteriorMean, predictX0FromEps, reverseMeanFromEps } from './posterior';
import type { Schedule } from './schedule';

type Vec = Float32Array | Float64Array;

export const DDPM_VARIANCES = ['beta', 'posterior'] as const;
/** `beta`: σ²_t = β_t, as Algorithm 2 writes it. `posterior`: σ²_t = σ̃²_t of eq. 4.5. */
export type DdpmVariance = (typeof DDPM_VARIANCES)[number];

export interface DdpmStepInput {
  xt: Float32Array;
  /** The network's ε prediction at (x_t, t). */
  eps: Float32Array;
  i: number;
  schedule: Schedule;
  variance: DdpmVariance;
  /** Standard normal noise z, same length as x_t; ignored at the last step (t = 1). */
  noise: Float32Array;
  /** If set, x̂_0 is clamped to [−c, c] and the mean is rebuilt from it with eq. 4.4. */
  clipX0?: number;
}

/** σ_t² used by the DDPM step: β_t or σ̃²_t (eq. 6.2). */
export function ddpmStepVariance(i: number, schedule: Schedule, variance: DdpmVariance): number {
  return variance === 'beta' ? schedule.betas[i]! : schedule.posteriorVariance[i]!;
}

/** x_{t−1} = μ_θ(x_t, t) + σ_t z (eq. 6.1) with μ_θ from eq. 4.9 (or eq. 4.4 with a clipped x̂_0); no noise when t = 1. */
export function ddpmStep(input: DdpmStepInput): Float32Array {
  const { xt, eps, i, schedule, variance, noise, clipX0 } = input;
  requireOneOf('variance', variance, DDPM_VARIANCES);
  const mean =
    clipX0 === undefined
      ? reverseMeanFromEps(xt, eps, i, schedule)
      : posteriorMean(clipInPlace(predictX0FromEps(xt, eps, i, schedule), clipX0), xt, i, schedule);
  if (i === 0) return mean;
  const sigma = Math.sqrt(ddpmStepVariance(i, schedule, variance));
  for (let k = 0; k < mean.length; k++) mean[k] = mean[k]! + sigma * noise[k]!;
  return mean;
}

/**
 * log p_θ(x_{t−1} | x_t) = log N(x_{t−1}; μ_θ(x_t, t), σ_t² I) (eq. 4.8), with μ_θ from eq. 4.9 and
 * σ_t² from eq. 6.2. At t = 1 the variance is β_1 whichever choice is made: that is the decoder
 * p_θ(x_0 | x_1) of chapter 5 (the sampler itself adds no noise there, and σ̃²_1 = 0 has no density).
 */
export function reverseStepLogPdf(xPrev: Vec, xt: Vec, eps: Vec, i: number, schedule: Schedule, variance: DdpmVariance): number {
  requireOneOf('variance', variance, DDPM_VARIANCES);
  const v = i === 0 ? schedule.betas[0]! : ddpmStepVariance(i, schedule, variance);
  const a = 1 / Math.sqrt(schedule.alphas[i]!);
  const s = schedule.betas[i]! / Math.sqrt(1 - schedule.alphaBars[i]!);
  const mean = Float64Array.from(xt, (x, k) => a * (x - s * eps[k]!)); // μ_θ of eq. 4.9, kept in float64
  return isotropicLogPdf(xPrev, mean, v);
}
