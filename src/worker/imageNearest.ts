/**
 * "Does it copy?" (chapter 8, eq. 8.4): each sample's nearest training image (nearestImages.ts),
 * its pixels and distance, against the yardstick for "close": the median distance from a held-out
 * digit (never trained on) to its nearest training image, and the whole list of those distances
 * (its spread). A sample far below that median is closer to a training image than new digits
 * usually are.
 */
import { nearestImages } from '../engine/nearestImages';
import type { ImageNearest } from './protocol';


/** The median of a non-empty list (the mean of the middle two for an even count). */
export function medianOf(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** Each held-out image's distance to its nearest training image (eq. 8.4), ascending. */
export function heldOutNearestDistances(heldOut: Float32Array, train: Float32Array, dim: number): Float64Array {
  return Float64Array.from(nearestImages(heldOut, train, dim).distance).sort();
}

/**
 * Each sample's nearest training image, with the held-out digits' distances (ascending, computed
 * once by the caller) as the reference: their median and a copy of the list (the reply transfers it).
 */
export function nearestTraining(samples: Float32Array, train: Float32Array, dim: number, heldOut: Float64Array): ImageNearest {
  const { index, distance } = nearestImages(samples, train, dim);
  const pixels = new Float32Array(samples.length);
  index.forEach((j, r) => pixels.set(train.subarray(j * dim, (j + 1) * dim), r * dim));
  return { index, pixels, distance, heldOutNearestMedian: medianOf(heldOut), heldOutDistances: heldOut.slice() };
}
