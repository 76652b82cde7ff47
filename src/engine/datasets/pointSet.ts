/**
 * A set of n points in R^dim stored row-major in one Float32Array (point i, coordinate k at
 * index i·dim + k), and the standardisations every dataset goes through before training, so
 * that the forward process x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε sees data on the same scale as ε.
 */
import { EngineInputError, requireInteger } from '../inputError';

export interface PointSet {
  /** Row-major n × dim coordinates. */
  points: Float32Array;
  n: number;
  dim: number;
}

/**
 * A standardised point set plus what undoes it: raw = points · std + mean. `mean` and `std`
 * have length dim (per-axis standardisation) or 1 (one scalar for every coordinate).
 */
export interface StandardizedPointSet extends PointSet {
  mean: Float64Array;
  std: Float64Array;
}

export interface Standardized {
  points: Float32Array;
  mean: Float64Array;
  std: Float64Array;
}

function requireShape(points: ArrayLike<number>, n: number, dim: number): void {
  requireInteger('n', n, 1);
  requireInteger('dim', dim, 1);
  if (points.length !== n * dim) {
    throw new EngineInputError('points', `an array of length n · dim = ${n * dim}`, points.length);
  }
}

/** A zero standard deviation (a constant axis) would divide by 0; dividing by 1 keeps it constant. */
function safeStd(variance: number): number {
  const s = Math.sqrt(variance);
  return s > 0 && Number.isFinite(s) ? s : 1;
}

/** Per axis k: mean_k = (1/n) Σ_i x_ik, std_k = √((1/n) Σ_i (x_ik − mean_k)²); returns (x − mean) / std. */
export function standardizePerAxis(points: ArrayLike<number>, n: number, dim: number): Standardized {
  requireShape(points, n, dim);
  const mean = new Float64Array(dim);
  const std = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) mean[k]! += points[i * dim + k]!;
  for (let k = 0; k < dim; k++) mean[k]! /= n;
  // Two passes (mean first, then squared deviations) avoid the cancellation of E[x²] − E[x]².
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < dim; k++) {
      const d = points[i * dim + k]! - mean[k]!;
      std[k]! += d * d;
    }
  }
  // Population variance (divide by n), so the result has variance exactly 1 per axis.
  for (let k = 0; k < dim; k++) std[k] = safeStd(std[k]! / n);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < dim; k++) out[i * dim + k] = (points[i * dim + k]! - mean[k]!) / std[k]!;
  }
  return { points: out, mean, std };
}

/**
 * One scalar mean m = (1/(n·dim)) Σ x and std s = √((1/(n·dim)) Σ (x − m)²) over all coordinates;
 * returns (x − m) / s with `mean` and `std` of length 1. Used for signals: a single affine map
 * keeps each row's shape, where per-axis scaling would distort it.
 */
export function standardizeGlobal(points: ArrayLike<number>, n: number, dim: number): Standardized {
  requireShape(points, n, dim);
  const total = n * dim;
  let m = 0;
  for (let i = 0; i < total; i++) m += points[i]!;
  m /= total;
  let v = 0;
  for (let i = 0; i < total; i++) {
    const d = points[i]! - m;
    v += d * d;
  }
  const s = safeStd(v / total);
  const out = new Float32Array(total);
  for (let i = 0; i < total; i++) out[i] = (points[i]! - m) / s;
  return { points: out, mean: Float64Array.of(m), std: Float64Array.of(s) };
}

/** Inverse of the standardisations: x_ik = z_ik · std_k + mean_k (k taken mod mean.length). */
export function unstandardize(points: ArrayLike<number>, mean: ArrayLike<number>, std: ArrayLike<number>): Float32Array {
  const d = mean.length;
  if (d < 1) throw new EngineInputError('mean', 'an array of length ≥ 1', mean.length);
  if (std.length !== d) throw new EngineInputError('std', `an array of the same length as mean (${d})`, std.length);
  if (points.length % d !== 0) {
    throw new EngineInputError('points', `an array whose length is a multiple of ${d}`, points.length);
  }
  const out = new Float32Array(points.length);
  for (let i = 0; i < points.length; i++) out[i] = points[i]! * std[i % d]! + mean[i % d]!;
  return out;
}
