/**
 * Sample statistics, for the widgets and for the engine's numerical tests. In tests, tolerances
 * are a few standard errors, so they follow from the sample size instead of being tuned.
 */

/** Sample mean and (unbiased) variance of every `stride`-th value starting at `offset`. */
export function moments(x: ArrayLike<number>, stride = 1, offset = 0): { mean: number; variance: number; n: number } {
  let n = 0;
  let sum = 0;
  for (let k = offset; k < x.length; k += stride) {
    sum += x[k]!;
    n++;
  }
  const mean = sum / n;
  let ss = 0;
  for (let k = offset; k < x.length; k += stride) ss += (x[k]! - mean) ** 2;
  return { mean, variance: ss / (n - 1), n };
}

/** Standard error of a sample mean: √(v / n). */
export function seMean(variance: number, n: number): number {
  return Math.sqrt(variance / n);
}

/** Standard error of a Gaussian sample variance: v · √(2 / (n − 1)). */
export function seVariance(variance: number, n: number): number {
  return variance * Math.sqrt(2 / (n - 1));
}
