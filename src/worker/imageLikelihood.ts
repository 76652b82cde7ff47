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

/** Below this ᾱ_T, x_T is pure noise and the last reverse step takes the analytic ε̂ (see `elboEpsFn`). */
export const PURE_NOISE_ALPHA_BAR = 1e-6;

/**
 * The ε̂ the ELBO uses: the network's ε_∅, except at t = T when ᾱ_T ≈ 0 (the cosine schedule's is
 * 2.4·10⁻⁹). There x_T = √ᾱ_T x₀ + √(1 − ᾱ_T) ε carries no trace of the image, and ε̂ = x_T/√(1 − ᾱ_T)
 * is exact to within √ᾱ_T·|x₀| (a KL of ~10⁻⁴ nats). The network's own answer there costs
 * β_T/(2α_T(1 − ᾱ_T))·‖ε − ε̂‖² = 500‖ε − ε̂‖² with β_T capped at 0.999: measured at ~2,250 nats per
 * image after 400 steps (~50 bits/dim, ~90% of the bound), the same for every image in expectation,
 * and its draw-to-draw noise (±~400 nats) buried the difference between a digit and a scribble.
 * So the bound reported is that of the model whose last step is the exact one for pure noise.
 */
export function elboEpsFn(epsFn: EpsFn, schedule: Schedule): EpsFn {
  const last = schedule.T - 1;
  const abT = schedule.alphaBars[last]!;
  if (abT >= PURE_NOISE_ALPHA_BAR) return epsFn;
  const scale = 1 / Math.sqrt(1 - abT);
  return (xt, i) => (i === last ? xt.map((v) => v * scale) : epsFn(xt, i));
}

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
  const elbo = await imageElboTerms({ x0: images, dim, schedule, epsFn: elboEpsFn(epsFn, schedule), rng: makeRng(seed), variance: 'beta', onProgress: (done) => onProgress?.(done, total) });
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
