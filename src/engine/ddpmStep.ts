/**
 * One reverse step of DDPM ancestral sampling (Algorithm 2, corrected) on plain arrays.
 * `i` is the 0-indexed timestep (t = i + 1); the step maps x_t to x_{t−1}.
 */
import { clipInPlace } from './clip';
import { requireOneOf } from './inputError';
import { posteriorMean, predictX0FromEps, reverseMeanFromEps } from './posterior';
import type { Schedule } from './schedule';

export const DDPM_VARIANCES = ['beta', 'posterior'] as const;
/** `beta`: σ²_t = β_t, as Algorithm 2 writes it. `posterior`: σ²_t = σ̃²_t of eq. 3.6. */
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
  /** If set, x̂_0 is clamped to [−c, c] and the mean is rebuilt from it with eq. 3.5. */
  clipX0?: number;
}

/** σ_t² used by the DDPM step: β_t or σ̃²_t (eq. 3.6). */
export function ddpmStepVariance(i: number, schedule: Schedule, variance: DdpmVariance): number {
  return variance === 'beta' ? schedule.betas[i]! : schedule.posteriorVariance[i]!;
}

/** x_{t−1} = μ(x_t, t) + σ_t z with μ from eq. 3.11 (or eq. 3.5 with a clipped x̂_0); no noise when t = 1. */
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
