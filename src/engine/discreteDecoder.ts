/**
 * The discretised Gaussian decoder of Ho, Jain and Abbeel (2020, their eq. 13), eq. 8.7 of chapter 8:
 * the probability of an image of grey levels k_1 … k_D under p_θ(x_0 | x_1) = N(μ, σ² I) is the
 * Gaussian's mass over each pixel's bin,
 *   P(k | μ) = Π_i ∫_{δ−(k_i)}^{δ+(k_i)} N(u; μ_i, σ²) du,
 * with bin edges x_i ∓ Δ/2 around the level's value x_i = −1 + k_i Δ, except that the darkest bin
 * reaches down to −∞ and the brightest up to +∞ (so the masses of the levels sum to 1).
 * This is a true probability, ≤ 1, where a density at the bin centre is not.
 */
import { EngineInputError, requireInteger } from './inputError';
import { logNormalInterval } from './normalCdf';
import { DIGIT_MAX_LEVEL, levelsOnGrid } from './pixelScale';

/** log P(k | μ) of eq. 8.7 for one image: `x0` on the level grid (eq. 8.1), `mean` the decoder's μ. */
export function discretizedGaussianLogProb(x0: ArrayLike<number>, mean: ArrayLike<number>, variance: number, maxLevel = DIGIT_MAX_LEVEL): number {
  if (mean.length !== x0.length) throw new EngineInputError('mean', `an array of the same length as x0 (${x0.length})`, mean.length);
  if (!(variance > 0 && Number.isFinite(variance))) throw new EngineInputError('variance', 'a finite number > 0', variance);
  const levels = levelsOnGrid(x0, maxLevel);
  const delta = 2 / maxLevel;
  const sd = Math.sqrt(variance);
  let total = 0;
  for (let i = 0; i < levels.length; i++) {
    const k = levels[i]!;
    const centre = -1 + k * delta;
    const m = mean[i]!;
    if (!Number.isFinite(m)) throw new EngineInputError('mean', 'finite numbers', m);
    const lo = k === 0 ? -Infinity : (centre - delta / 2 - m) / sd;
    const hi = k === maxLevel ? Infinity : (centre + delta / 2 - m) / sd;
    total += logNormalInterval(lo, hi);
  }
  return total;
}

/** eq. 8.7 for each row of a row-major n × dim batch: log P(k_p | μ_p), one number per image. */
export function discretizedGaussianLogProbs(x0: Float32Array, mean: Float32Array, dim: number, variance: number, maxLevel = DIGIT_MAX_LEVEL): Float64Array {
  requireInteger('dim', dim, 1);
  if (x0.length % dim !== 0 || mean.length !== x0.length) throw new EngineInputError('mean', `two arrays of the same length, a multiple of dim = ${dim}`, mean.length);
  const n = x0.length / dim;
  const out = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    out[p] = discretizedGaussianLogProb(x0.subarray(p * dim, (p + 1) * dim), mean.subarray(p * dim, (p + 1) * dim), variance, maxLevel);
  }
  return out;
}
