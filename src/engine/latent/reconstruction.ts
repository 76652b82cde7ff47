/**
 * How much an autoencoder loses: the per-pixel reconstruction error on digits it never trained on,
 *   MSE = (1/(n·dim)) Σ_i ‖D(E(x_i)) − x_i‖²   (pixels in [−1, 1]),
 * and what the digit classifier makes of the reconstructions: its accuracy against the true
 * labels and its confident share (both against the originals' own). A blurry decoder shows up in
 * the confident share first: the classifier is still right, but less sure.
 */
import type { LabelledImages } from '../datasets/digits';
import { classifyDigits, type DigitClassifier } from '../images/classifier';
import { CONFIDENT } from '../images/sampleQuality';
import type { Autoencoder } from '../tf/autoencoder';

export interface ReconstructionReport {
  n: number;
  /** Per-pixel mean squared error of the reconstructions. */
  mse: number;
  /** Share of reconstructions the classifier labels with the image's true digit. */
  accuracy: number;
  /** Share of reconstructions classified with probability ≥ CONFIDENT. */
  confidentShare: number;
  /** The same two for the original images, for comparison. */
  originalAccuracy: number;
  originalConfidentShare: number;
}

/** (1/(n·dim)) Σ (a − b)² over two arrays of equal length: the reconstruction error of eq. 9.4 for a = x, b = D(E(x)). */
export function meanSquaredError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new Error(`arrays of equal, non-zero length (got ${a.length} and ${b.length})`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s / a.length;
}

function classifierShares(net: DigitClassifier, images: Float32Array, labels: ArrayLike<number>): { accuracy: number; confidentShare: number } {
  const c = classifyDigits(net, images);
  let right = 0;
  let confident = 0;
  for (let r = 0; r < c.n; r++) {
    if (c.predicted[r] === labels[r]) right++;
    if (c.confidence[r]! >= CONFIDENT) confident++;
  }
  return { accuracy: right / c.n, confidentShare: confident / c.n };
}

/** Reconstructs `set` through the autoencoder and reports the error and the classifier's view. */
export async function measureReconstruction(ae: Autoencoder, set: LabelledImages, net: DigitClassifier): Promise<ReconstructionReport> {
  const recon = await ae.decode(await ae.encode(set.points));
  const r = classifierShares(net, recon, set.labels);
  const o = classifierShares(net, set.points, set.labels);
  return { n: set.n, mse: meanSquaredError(recon, set.points), accuracy: r.accuracy, confidentShare: r.confidentShare, originalAccuracy: o.accuracy, originalConfidentShare: o.confidentShare };
}
