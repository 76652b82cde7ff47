/**
 * Two-sample distances between a model's samples and the data: energy distance and the
 * squared maximum mean discrepancy with a Gaussian kernel. Both use all O(n·m) pairs in plain
 * loops over the flat arrays (no allocation per pair), fast enough for 2000 × 2000 points in 2D.
 */
import { EngineInputError, requireInteger } from './inputError';

export type Samples = Float32Array | Float64Array;

/** Largest subsample used for the median-distance bandwidth (≈ 500 000 pairwise distances). */
export const MEDIAN_SUBSAMPLE = 1000;

/** Throws unless `x` is a finite row-major array of at least 2 points of dimension `dim`; returns n. */
function countPoints(param: string, x: Samples, dim: number): number {
  if (x.length % dim !== 0 || x.length < 2 * dim) {
    throw new EngineInputError(param, `a row-major array of ≥ 2 points (length a multiple of dim = ${dim})`, x.length);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) throw new EngineInputError(param, 'an array of finite numbers', x[i]);
  }
  return x.length / dim;
}

/** A Float64Array view of the data (copied once if needed) so the hot loops see one array type. */
function asF64(x: Samples): Float64Array {
  return x instanceof Float64Array ? x : Float64Array.from(x);
}

function squaredDistance(x: Float64Array, xo: number, y: Float64Array, yo: number, dim: number): number {
  let d2 = 0;
  for (let k = 0; k < dim; k++) {
    const d = x[xo + k]! - y[yo + k]!;
    d2 += d * d;
  }
  return d2;
}

// The pair loops below are specialised by dimension (1, 2, any) because they run n·m times.
// `within` sums over i < j only (then y is x); otherwise over all (i, j). Row partial sums keep
// the float64 accumulation error small over millions of terms.

/** Σ ‖x_i − y_j‖ over the pairs. */
function distanceSum(x: Float64Array, nx: number, y: Float64Array, ny: number, dim: number, within: boolean): number {
  let total = 0;
  for (let i = 0; i < nx; i++) {
    let row = 0;
    const j0 = within ? i + 1 : 0;
    if (dim === 1) {
      const xi = x[i]!;
      for (let j = j0; j < ny; j++) row += Math.abs(xi - y[j]!);
    } else if (dim === 2) {
      const xi = x[2 * i]!;
      const yi = x[2 * i + 1]!;
      for (let j = j0; j < ny; j++) {
        const dx = xi - y[2 * j]!;
        const dy = yi - y[2 * j + 1]!;
        row += Math.sqrt(dx * dx + dy * dy);
      }
    } else {
      for (let j = j0; j < ny; j++) row += Math.sqrt(squaredDistance(x, i * dim, y, j * dim, dim));
    }
    total += row;
  }
  return total;
}

/** Σ exp(−γ ‖x_i − y_j‖²) over the pairs. */
function gaussianSum(x: Float64Array, nx: number, y: Float64Array, ny: number, dim: number, within: boolean, gamma: number): number {
  let total = 0;
  for (let i = 0; i < nx; i++) {
    let row = 0;
    const j0 = within ? i + 1 : 0;
    if (dim === 1) {
      const xi = x[i]!;
      for (let j = j0; j < ny; j++) {
        const d = xi - y[j]!;
        row += Math.exp(-gamma * d * d);
      }
    } else if (dim === 2) {
      const xi = x[2 * i]!;
      const yi = x[2 * i + 1]!;
      for (let j = j0; j < ny; j++) {
        const dx = xi - y[2 * j]!;
        const dy = yi - y[2 * j + 1]!;
        row += Math.exp(-gamma * (dx * dx + dy * dy));
      }
    } else {
      for (let j = j0; j < ny; j++) row += Math.exp(-gamma * squaredDistance(x, i * dim, y, j * dim, dim));
    }
    total += row;
  }
  return total;
}

/**
 * Energy distance 2·E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖ (eq. 5.10) as a V-statistic: every mean
 * runs over all n² (or m², or n·m) ordered pairs, the zero i = j terms included in the within-set means.
 * This form is always ≥ 0 and is exactly 0 when the two samples are the same multiset; its
 * expectation for two samples of one distribution is E‖X − X′‖·(1/n + 1/m), not 0.
 */
export function energyDistance(a: Samples, b: Samples, dim: number): number {
  requireInteger('dim', dim, 1);
  const n = countPoints('a', a, dim);
  const m = countPoints('b', b, dim);
  const x = asF64(a);
  const y = asF64(b);
  const cross = distanceSum(x, n, y, m, dim, false) / (n * m);
  // i < j sums count each unordered pair once; ×2 for ordered pairs, i = j adds 0.
  const withinA = (2 * distanceSum(x, n, x, n, dim, true)) / (n * n);
  const withinB = (2 * distanceSum(y, m, y, m, dim, true)) / (m * m);
  // Clamp the last-bit rounding below 0 (the V-statistic is ≥ 0 mathematically).
  return Math.max(0, 2 * cross - withinA - withinB);
}

/**
 * Median of ‖p_i − p_j‖ over pairs i < j of the pooled sample (a then b), using an evenly
 * spaced deterministic subsample of at most `maxPoints` points. The median heuristic bandwidth.
 */
export function medianPairwiseDistance(a: Samples, b: Samples, dim: number, maxPoints = MEDIAN_SUBSAMPLE): number {
  requireInteger('dim', dim, 1);
  countPoints('a', a, dim);
  countPoints('b', b, dim);
  requireInteger('maxPoints', maxPoints, 2);
  return pooledMedian(a, b, dim, maxPoints);
}

/** Reorders `v` in place so v[k] is its k-th smallest value, smaller ones before it (Hoare's quickselect, O(len)). */
function select(v: Float64Array, k: number): void {
  let lo = 0;
  let hi = v.length - 1;
  while (lo < hi) {
    const pivot = v[(lo + hi) >> 1]!; // middle pivot: deterministic, no randomness needed
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (v[i]! < pivot) i++;
      while (v[j]! > pivot) j--;
      if (i <= j) {
        const t = v[i]!;
        v[i++] = v[j]!;
        v[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function pooledMedian(a: Samples, b: Samples, dim: number, maxPoints: number): number {
  const na = a.length / dim;
  const total = na + b.length / dim;
  const s = Math.min(total, maxPoints);
  const pool = new Float64Array(s * dim);
  for (let k = 0; k < s; k++) {
    const p = Math.floor((k * total) / s); // evenly spaced, so both samples are represented
    const src = p < na ? a : b;
    const off = (p < na ? p : p - na) * dim;
    for (let c = 0; c < dim; c++) pool[k * dim + c] = src[off + c]!;
  }
  const dists = new Float64Array((s * (s - 1)) / 2);
  let q = 0;
  let sum = 0;
  for (let i = 0; i < s; i++) {
    for (let j = i + 1; j < s; j++) {
      const d = Math.sqrt(squaredDistance(pool, i * dim, pool, j * dim, dim));
      dists[q++] = d;
      sum += d;
    }
  }
  if (q === 0) return 0;
  const mid = q >> 1;
  select(dists, mid);
  // After selection everything left of `mid` is ≤ dists[mid], so the lower middle is their maximum.
  let lower = -Infinity;
  if (q % 2 === 0) for (let i = 0; i < mid; i++) lower = Math.max(lower, dists[i]!);
  const median = q % 2 === 1 ? dists[mid]! : (lower + dists[mid]!) / 2;
  // More than half the pairs coincide: fall back to the mean distance, which is then > 0 unless all points coincide.
  return median > 0 ? median : sum / q;
}

/**
 * Unbiased squared MMD with k(x, y) = exp(−‖x − y‖² / (2h²)):
 * (1/(n(n−1))) Σ_{i≠j} k(a_i, a_j) + (1/(m(m−1))) Σ_{i≠j} k(b_i, b_j) − (2/(nm)) Σ_{i,j} k(a_i, b_j).
 * It can be slightly negative when both samples come from one distribution.
 * `bandwidth` h defaults to the median pairwise distance of the pooled sample (1 if that is 0).
 */
export function rbfMmd(a: Samples, b: Samples, dim: number, bandwidth?: number): number {
  requireInteger('dim', dim, 1);
  const n = countPoints('a', a, dim);
  const m = countPoints('b', b, dim);
  if (bandwidth !== undefined && (!Number.isFinite(bandwidth) || bandwidth <= 0)) {
    throw new EngineInputError('bandwidth', 'a finite number > 0', bandwidth);
  }
  let h = bandwidth ?? pooledMedian(a, b, dim, MEDIAN_SUBSAMPLE);
  // All pooled points equal: every kernel value is 1 and MMD² = 0 for any h.
  if (!(h > 0)) h = 1;
  const gamma = 1 / (2 * h * h);
  const x = asF64(a);
  const y = asF64(b);
  const kaa = (2 * gaussianSum(x, n, x, n, dim, true, gamma)) / (n * (n - 1));
  const kbb = (2 * gaussianSum(y, m, y, m, dim, true, gamma)) / (m * (m - 1));
  const kab = gaussianSum(x, n, y, m, dim, false, gamma) / (n * m);
  return kaa + kbb - 2 * kab;
}
