/**
 * The plain-language verdict of the copy widget (chapter 8, eq. 8.4): what the samples' distances
 * to their nearest training images say against the held-out digits' distances, in sentences that
 * are true for the numbers shown and claim no more (pixel distance misses shifted copies).
 */
import { countBelow, fiveNumbers, type FiveNumbers } from '../engine/images/copyCheck';

export interface CopyVerdict {
  /** The samples' distances, five numbers. */
  samples: FiveNumbers;
  /** The held-out digits' distances, five numbers. */
  heldOut: FiveNumbers;
  /** Samples closer than the held-out median (about half would be, for digits like the held-out ones). */
  belowMedian: number;
  /** Samples closer than every held-out digit. */
  belowAll: number;
  /** The share of held-out digits closer to a training image than the closest sample. */
  heldOutCloserShare: number;
  /** The conclusion, one or two sentences. */
  text: string;
}

/** d to 2 decimals, or 3 where 2 would show `other` as the same number. */
export function formatDistance(d: number, other?: number): string {
  const two = d.toFixed(2);
  return other !== undefined && other !== d && other.toFixed(2) === two ? d.toFixed(3) : two;
}

const plural = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`;

/**
 * The verdict for samples at distances `sampleDistances` (any order) against the held-out digits'
 * distances `heldOutSorted` (ascending); `untrained` when the model has taken no step (noise).
 */
export function copyVerdict(sampleDistances: ArrayLike<number>, heldOutSorted: ArrayLike<number>, untrained: boolean): CopyVerdict {
  const sorted = Float64Array.from(sampleDistances).sort();
  const samples = fiveNumbers(sorted);
  const heldOut = fiveNumbers(heldOutSorted);
  const belowMedian = countBelow(sorted, heldOut.median);
  const belowAll = countBelow(sorted, heldOut.min);
  const heldOutCloserShare = countBelow(heldOutSorted, samples.min) / heldOut.n;
  const n = samples.n;
  let text: string;
  if (untrained) {
    text = `The model is untrained, so these ${n} samples are noise: far from every training image (closest ${formatDistance(samples.min)}, against ${formatDistance(heldOut.median)} for a typical held-out digit). Train it; pausing draws the samples again.`;
  } else if (belowAll > 0) {
    const copy = samples.min.toFixed(2) === '0.00' ? ' The closest is practically a training image itself.' : '';
    text =
      `${plural(belowAll, 'sample is', 'samples are')} closer to a training image (closest ${formatDistance(samples.min, heldOut.min)}) than any held-out digit is to its nearest (${formatDistance(heldOut.min, samples.min)}): ` +
      `a warning sign of copying. Look at ${belowAll === 1 ? 'that pair' : 'those pairs'}, first in the list.${copy}`;
  } else {
    const none = `No sample is closer to a training image than the closest held-out digit is (${formatDistance(heldOut.min, samples.min)}; closest sample ${formatDistance(samples.min, heldOut.min)}), and ${belowMedian} of ${n} ${belowMedian === 1 ? 'is' : 'are'} closer than the held-out median, where about half would be for new digits`;
    // 3 in 4 or more on one side of the median: unlikely for 16 new digits (binomial, p ≈ 0.04), so say which side.
    const caveat = 'By this measure nothing here points to copying; pixel distance can miss a copy shifted by a pixel, so look at the pairs too.';
    text =
      belowMedian >= 0.75 * n
        ? `${none}: these samples sit nearer the training images than unseen digits do, a mild sign of memorising. Look at the first pairs.`
        : belowMedian <= 0.25 * n
          ? `${none}: these samples sit farther from the training images than unseen digits do. ${caveat}`
          : `${none}. ${caveat}`;
  }
  return { samples, heldOut, belowMedian, belowAll, heldOutCloserShare, text };
}
