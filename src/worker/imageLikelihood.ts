/**
 * "How likely is this image?" (chapter 8): for drawn 8×8 digits, the −ELBO in bits per dimension
 * with the discretised decoder (eq. 8.8 → 8.5, imageElbo.ts) and the denoising-error anomaly score
 * per pixel (eq. 7.5 / D, imageAnomaly.ts), both from the unconditional ε_∅ of the class-conditional
 * network: the model of p(x) over all digits. Either figure means something only beside the same
 * figure for held-out digits, so a reference set is scored the same way.
 */
import { timestepsAtNoise } from '../engine/anomalyScore';
import { denoisingScoresPerPixel } from '../engine/imageAnomaly';
import { imageElboTerms } from '../engine/imageElbo';
import { levelsToUnit, quantizeToLevels } from '../engine/pixelScale';
import { makeRng } from '../engine/rng';
import type { Schedule } from '../engine/schedule';
import type { EpsFn } from '../engine/elbo';
import type { Denoiser } from '../engine/tf/denoiser';
import type { ImageLikelihoodResult } from './protocol';

/** Noise levels 1 − ᾱ_t of the anomaly score's timesteps (as in imageAnomaly.test.ts), and its noise draws per image and timestep. */
export const ANOMALY_NOISE = [0.1, 0.3, 0.6] as const;
export const ANOMALY_DRAWS = 8;
/** How many held-out digits the reference scores, and the seed of its noise draws. */
export const REFERENCE_IMAGES = 100;
export const REFERENCE_SEED = 12345;

/** −ELBO of each image in bits per dimension (an upper bound on −log₂ P(image) / 64), and its anomaly score per pixel (≈ 1 for a network that knows nothing). */
export type ImageLikelihood = Pick<ImageLikelihoodResult, 'bitsPerDim' | 'anomaly'>;

/** Network evaluations (each of the whole batch) that scoring one batch takes: T for the ELBO, one per anomaly timestep. */
export function likelihoodEvaluations(schedule: Schedule): number {
  return schedule.T + ANOMALY_NOISE.length;
}

/** Each value moved to its nearest of the 17 grey levels (eq. 8.1), so float32 rounding never leaves the grid. */
export function snapToLevels(images: Float32Array): Float32Array {
  return levelsToUnit(quantizeToLevels(images));
}

/** `count` rows of `images` (dim each), evenly spread over all of them. */
export function spreadRows(images: Float32Array, dim: number, count: number): Float32Array {
  const m = images.length / dim;
  const k = Math.min(count, m);
  const out = new Float32Array(k * dim);
  for (let r = 0; r < k; r++) {
    const j = Math.floor((r * m) / k);
    out.set(images.subarray(j * dim, (j + 1) * dim), r * dim);
  }
  return out;
}

/**
 * Scores a batch (n × dim, on the grey-level grid): the ELBO's T evaluations, then the anomaly
 * score's. `onProgress(done, likelihoodEvaluations(schedule))` after each evaluation.
 */
export async function scoreImages(
  net: Denoiser, schedule: Schedule, images: Float32Array, seed: number, onProgress?: (done: number, total: number) => void | Promise<void>,
): Promise<ImageLikelihood> {
  const { dim, classes } = net.config;
  // ε_∅: the unconditional prediction (the label `classes` is the dropped label the net was trained with).
  const epsFn: EpsFn = (xt, i) => net.predictEpsArray(xt, i, schedule, new Int32Array(xt.length / dim).fill(classes));
  const total = likelihoodEvaluations(schedule);
  const elbo = await imageElboTerms({ x0: images, dim, schedule, epsFn, rng: makeRng(seed), variance: 'beta', onProgress: (done) => onProgress?.(done, total) });
  let done = schedule.T;
  const counted: EpsFn = async (xt, i) => {
    const eps = await epsFn(xt, i);
    await onProgress?.(++done, total);
    return eps;
  };
  const timesteps = timestepsAtNoise(schedule, [...ANOMALY_NOISE]);
  const anomaly = await denoisingScoresPerPixel({ points: images, dim, schedule, timesteps, draws: ANOMALY_DRAWS, rng: makeRng(seed + 1), epsFn: counted });
  return { bitsPerDim: elbo.bitsPerDim, anomaly };
}
