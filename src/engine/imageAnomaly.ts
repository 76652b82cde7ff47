/**
 * The denoising-error anomaly score of eq. 7.5 for images, per pixel: s(x)/D, with s from
 * anomalyScore.ts (which already works in any dimension D). Dividing by D puts images of any size
 * on one scale: a network that always answered ε̂ = 0 would score E‖ε‖²/D = 1 per pixel, and an
 * image the network denoises well scores far less. Compare a score with the same score of
 * held-out images (percentileOf in anomalyScore.ts), never with a fixed threshold.
 */
import { denoisingScores, type DenoisingScoreOptions } from './anomalyScore';

/** s(x)/D for each image: eq. 7.5 averaged over `timesteps`, divided by the number of pixels. */
export async function denoisingScoresPerPixel(options: DenoisingScoreOptions): Promise<Float64Array> {
  const scores = await denoisingScores(options);
  return scores.map((s) => s / options.dim);
}
