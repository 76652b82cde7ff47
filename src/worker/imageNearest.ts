/**
 * "Does it copy?" (chapter 8, eq. 8.4): each sample's nearest training image (nearestImages.ts),
 * its pixels and distance, against the yardstick for "close": the median distance from a held-out
 * digit (never trained on) to its nearest training image. A sample far below that median is
 * closer to a training image than new digits usually are.
 */
import { nearestImages } from '../engine/nearestImages';
import type { ImageNearest } from './protocol';


/** The median of a non-empty list (the mean of the middle two for an even count). */
export function medianOf(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** Median distance from each held-out image to its nearest training image. */
export function heldOutNearestMedian(heldOut: Float32Array, train: Float32Array, dim: number): number {
  return medianOf(nearestImages(heldOut, train, dim).distance);
}

/** Each sample's nearest training image, with the held-out median (computed once by the caller) as the reference. */
export function nearestTraining(samples: Float32Array, train: Float32Array, dim: number, reference: number): ImageNearest {
  const { index, distance } = nearestImages(samples, train, dim);
  const pixels = new Float32Array(samples.length);
  index.forEach((j, r) => pixels.set(train.subarray(j * dim, (j + 1) * dim), r * dim));
  return { index, pixels, distance, heldOutNearestMedian: reference };
}
