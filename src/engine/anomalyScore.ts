/**
 * Anomaly scores from a trained denoiser: the denoising error of eq. 7.5, averaged over a few
 * timesteps 𝒯,
 *   s(x) = (1/|𝒯|) Σ_{t∈𝒯} E_ε ‖ε − ε_θ(√ᾱ_t x + √(1 − ᾱ_t) ε, t)‖²,
 * estimated with `draws` noise draws per point and timestep. The network enters only through an
 * `EpsFn` (as in elbo.ts), so tests can score with the exact denoiser of Gaussian data.
 */
import type { EpsFn } from './elbo';
import { EngineInputError, requireInteger } from './inputError';
import type { Rng } from './rng';
import type { Schedule } from './schedule';

function requirePoints(points: ArrayLike<number>, dim: number): number {
  requireInteger('dim', dim, 1);
  if (points.length === 0 || points.length % dim !== 0) {
    throw new EngineInputError('points', `a non-empty row-major array whose length is a multiple of dim = ${dim}`, points.length);
  }
  return points.length / dim;
}

/**
 * The noised batch of eq. 3.5 for every point and draw, draw-major: row r·n + p is
 * x_t = √ᾱ_t x_p + √(1 − ᾱ_t) ε_{r,p}, with ε_{r,p} read from the same row of `eps`.
 */
export function noisedBatch(points: ArrayLike<number>, eps: ArrayLike<number>, draws: number, dim: number, alphaBar: number): Float32Array {
  const n = requirePoints(points, dim);
  requireInteger('draws', draws, 1);
  if (eps.length !== draws * n * dim) throw new EngineInputError('eps', `an array of length draws · n · dim = ${draws * n * dim}`, eps.length);
  if (!(alphaBar > 0 && alphaBar <= 1)) throw new EngineInputError('alphaBar', 'a number in (0, 1]', alphaBar);
  const a = Math.sqrt(alphaBar);
  const s = Math.sqrt(1 - alphaBar);
  const out = new Float32Array(eps.length);
  const stride = n * dim;
  for (let r = 0; r < draws; r++) {
    for (let k = 0; k < stride; k++) out[r * stride + k] = a * points[k]! + s * eps[r * stride + k]!;
  }
  return out;
}

/** Adds (1/draws) Σ_r ‖ε_{r,p} − ε̂_{r,p}‖² to `into[p]` for each point p (both arrays draw-major, as `noisedBatch`). */
export function addMeanSquaredErrors(into: Float64Array, eps: ArrayLike<number>, epsHat: ArrayLike<number>, draws: number, dim: number): void {
  const n = into.length;
  requireInteger('draws', draws, 1);
  if (eps.length !== draws * n * dim || epsHat.length !== eps.length) {
    throw new EngineInputError('epsHat', `an array of length draws · n · dim = ${draws * n * dim}`, epsHat.length);
  }
  for (let r = 0; r < draws; r++) {
    for (let p = 0; p < n; p++) {
      let e2 = 0;
      const o = (r * n + p) * dim;
      for (let k = 0; k < dim; k++) {
        const d = eps[o + k]! - epsHat[o + k]!;
        e2 += d * d;
      }
      into[p] = into[p]! + e2 / draws;
    }
  }
}

export interface DenoisingScoreOptions {
  /** Row-major n × dim locations to score. */
  points: Float32Array;
  dim: number;
  schedule: Schedule;
  /** 0-indexed timesteps i (t = i + 1) to average over. */
  timesteps: readonly number[];
  /** Noise draws per point and timestep. */
  draws: number;
  rng: Rng;
  /** ε̂ for a batch at timestep i: one call per timestep, the whole batch at once. */
  epsFn: EpsFn;
}

/** The score s(x) of eq. 7.5 for each point, averaged over `timesteps` (one network call per timestep). */
export async function denoisingScores(options: DenoisingScoreOptions): Promise<Float64Array> {
  const { points, dim, schedule, timesteps, draws, rng, epsFn } = options;
  const n = requirePoints(points, dim);
  requireInteger('draws', draws, 1);
  if (timesteps.length === 0) throw new EngineInputError('timesteps', 'a non-empty list of timestep indices', timesteps.length);
  for (const i of timesteps) requireInteger('timesteps', i, 0, schedule.T - 1);
  const scores = new Float64Array(n);
  for (const i of timesteps) {
    const eps = rng.normals(draws * n * dim);
    const xt = noisedBatch(points, eps, draws, dim, schedule.alphaBars[i]!);
    const epsHat = await epsFn(xt, i);
    addMeanSquaredErrors(scores, eps, epsHat, draws, dim);
  }
  for (let p = 0; p < n; p++) scores[p] = scores[p]! / timesteps.length;
  return scores;
}

/** For each noise variance v, the first 0-indexed timestep i with 1 − ᾱ_i ≥ v (the last one if none reaches it). */
export function timestepsAtNoise(schedule: Schedule, variances: readonly number[]): number[] {
  return variances.map((v) => {
    if (!(v > 0 && v < 1)) throw new EngineInputError('variances', 'numbers in (0, 1)', v);
    const i = schedule.alphaBars.findIndex((ab) => 1 - ab >= v);
    return i < 0 ? schedule.T - 1 : i;
  });
}

/** The empirical CDF of `reference` at `value`: the fraction of reference values ≤ value, in [0, 1]. */
export function percentileOf(value: number, reference: ArrayLike<number>): number {
  if (reference.length === 0) throw new EngineInputError('reference', 'a non-empty array', 0);
  let below = 0;
  for (let k = 0; k < reference.length; k++) if (reference[k]! <= value) below++;
  return below / reference.length;
}
