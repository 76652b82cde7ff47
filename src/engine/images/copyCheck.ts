/**
 * "Does it copy?" (chapter 8, eq. 8.4) read as numbers: the distances d(x) of samples to their
 * nearest training images against the same distances of held-out digits (the yardstick for
 * "close"). Pure helpers; the worker finds the neighbours (src/worker/imageNearest.ts).
 */

/** ‖a − b‖₂ over all values (eq. 8.4 for one pair). */
export function l2Distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`l2Distance: lengths ${a.length} and ${b.length} differ`);
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k]! - b[k]!) ** 2;
  return Math.sqrt(s);
}

/** The indices 0 … n−1 ordered by ascending value (ties keep their order): the most copy-like first. */
export function ascendingOrder(values: ArrayLike<number>): number[] {
  return Array.from({ length: values.length }, (_, k) => k).sort((i, j) => values[i]! - values[j]! || i - j);
}

/** The p-quantile (0 ≤ p ≤ 1) of ascending values, interpolating linearly between order statistics. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('quantileSorted: no values');
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Five numbers of a list of distances: its least, quartiles, median and greatest. */
export interface FiveNumbers {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** The five-number summary of ascending values. */
export function fiveNumbers(sorted: ArrayLike<number>): FiveNumbers {
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
  };
}

/** How many of `values` lie strictly below `threshold`. */
export function countBelow(values: ArrayLike<number>, threshold: number): number {
  let c = 0;
  for (let k = 0; k < values.length; k++) if (values[k]! < threshold) c++;
  return c;
}
