/**
 * The two figures issue 15 asks of the upsampler, on pixels in [−1, 1] (the digits' range):
 *  - condition error: how far a sample's own low-res view is from the condition it was asked for,
 *    e(x̂, y) = (1/16) Σ_k |D(x̂)_k − y_k| (D: 2×2 average pooling, downsample.ts), averaged over
 *    samples. 0 means every sample downsamples exactly to its condition;
 *  - pixel spread: how different the K samples of one condition are, s = mean over pixels of the
 *    standard deviation (1/K Σ (x_s − x̄)²)^½ across the K samples, averaged over conditions. 0 means
 *    the K samples are one image (nearest-neighbour upscaling's, say); more means several plausible
 *    completions.
 */
import { EngineInputError, requireInteger } from '../inputError';
import { downsample, HIGH_SIDE, LOW_DIM } from './downsample';

/** e(x̂_r, y_r) per sample: mean |D(x̂_r) − y_r| over the 16 low-res pixels (samples n × 64, conds n × 16). */
export function conditionErrors(samples: Float32Array, conds: Float32Array, side = HIGH_SIDE): Float32Array {
  const low = downsample(samples, side);
  const lowDim = (side / 2) ** 2;
  if (conds.length !== low.length) throw new EngineInputError('conds', `${low.length} values (one ${lowDim}-value condition per sample)`, conds);
  const n = low.length / lowDim;
  const out = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    let sum = 0;
    for (let k = 0; k < lowDim; k++) sum += Math.abs(low[r * lowDim + k]! - conds[r * lowDim + k]!);
    out[r] = sum / lowDim;
  }
  return out;
}

/** The mean condition error over all samples (samples n × 64, conds n × 16, row r asked for conds' row r): the condition error of eq. 9.8. */
export function conditionError(samples: Float32Array, conds: Float32Array, side = HIGH_SIDE): number {
  const each = conditionErrors(samples, conds, side);
  return each.reduce((a, e) => a + e, 0) / each.length;
}

/** `conds` (m × 16) with each row repeated k times: the conditions of m groups of k samples, in order. */
export function repeatConditions(conds: Float32Array, k: number, lowDim = LOW_DIM): Float32Array {
  requireInteger('k', k, 1, 100000);
  const m = conds.length / lowDim;
  const out = new Float32Array(m * k * lowDim);
  for (let j = 0; j < m; j++) for (let s = 0; s < k; s++) out.set(conds.subarray(j * lowDim, (j + 1) * lowDim), (j * k + s) * lowDim);
  return out;
}

/**
 * Pixel spread of groups of k samples (rows j·k … j·k + k − 1 share a condition; dim values each):
 * the per-pixel standard deviation across a group (population form, 1/k), averaged over pixels and groups
 * (the spread of eq. 9.8).
 */
export function pixelSpread(samples: Float32Array, k: number, dim = HIGH_SIDE * HIGH_SIDE): number {
  requireInteger('k', k, 2, 100000);
  const groups = samples.length / (k * dim);
  if (!Number.isInteger(groups) || groups < 1) throw new EngineInputError('samples', `whole groups of ${k} samples of ${dim} values`, samples);
  let total = 0;
  for (let g = 0; g < groups; g++) {
    for (let p = 0; p < dim; p++) {
      let mean = 0;
      for (let s = 0; s < k; s++) mean += samples[(g * k + s) * dim + p]!;
      mean /= k;
      let v = 0;
      for (let s = 0; s < k; s++) v += (samples[(g * k + s) * dim + p]! - mean) ** 2;
      total += Math.sqrt(v / k);
    }
  }
  return total / (groups * dim);
}
