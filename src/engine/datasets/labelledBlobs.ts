/**
 * A labelled 2D dataset for class-conditional diffusion and guidance (chapter 7): three equally
 * likely isotropic Gaussian blobs whose centres sit on an equilateral triangle, close enough that
 * their tails overlap. The mixture is known exactly, so the Bayes posterior p(c | x) is too, and
 * "how much of class c do the samples look like" has an exact answer to compare against.
 */
import { makeRng } from '../rng';
import { EngineInputError } from '../inputError';
import type { StandardizedPointSet } from './pointSet';
import { validateCountAndSeed } from './toy2d';

export const BLOB_CLASSES = 3;
/** Raw radius of the triangle the centres sit on: c_k = r (cos θ_k, sin θ_k), θ_k = π/2 + 2πk/3. */
export const BLOB_RADIUS = 1;
/** Raw standard deviation of each blob, per axis. */
export const BLOB_STD = 0.5;
/**
 * The mixture's exact per-axis standard deviation √(r²/2 + s²). The centres of an equilateral
 * triangle have mean 0 and second moment r²/2 along every axis, so the data are standardised by
 * the population moments (mean 0, this std), and the blobs stay round in standardised units.
 */
export const BLOB_SCALE = Math.sqrt((BLOB_RADIUS * BLOB_RADIUS) / 2 + BLOB_STD * BLOB_STD);

export interface LabelledPointSet extends StandardizedPointSet {
  /** The class of each point, 0 … classes − 1. */
  labels: Int32Array;
  classes: number;
}

/** Class centres in standardised units, row-major (classes × 2). */
export function blobCentres(): Float32Array {
  const out = new Float32Array(2 * BLOB_CLASSES);
  for (let k = 0; k < BLOB_CLASSES; k++) {
    const angle = Math.PI / 2 + (2 * Math.PI * k) / BLOB_CLASSES;
    out[2 * k] = (BLOB_RADIUS * Math.cos(angle)) / BLOB_SCALE;
    out[2 * k + 1] = (BLOB_RADIUS * Math.sin(angle)) / BLOB_SCALE;
  }
  return out;
}

/** Each blob's standard deviation in standardised units, s / √(r²/2 + s²). */
export const BLOB_STD_STANDARDIZED = BLOB_STD / BLOB_SCALE;

/** n labelled points: class c ~ U{0, 1, 2}, x ~ N(c_k, s² I), standardised by the mixture's exact moments. */
export function labelledBlobs(n: number, seed: number): LabelledPointSet {
  validateCountAndSeed(n, seed);
  const rng = makeRng(seed);
  const centres = blobCentres();
  const points = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = rng.int(BLOB_CLASSES);
    labels[i] = c;
    points[2 * i] = centres[2 * c]! + BLOB_STD_STANDARDIZED * rng.normal();
    points[2 * i + 1] = centres[2 * c + 1]! + BLOB_STD_STANDARDIZED * rng.normal();
  }
  return { points, labels, classes: BLOB_CLASSES, n, dim: 2, mean: Float64Array.of(0, 0), std: Float64Array.of(BLOB_SCALE, BLOB_SCALE) };
}

/**
 * The Bayes posterior p(c | x) of the blob mixture for each 2D point (n × classes, row-major):
 * with equal weights and equal isotropic variances v, p(c | x) = softmax_c(−‖x − c_c‖² / 2v).
 */
export function blobPosterior(points: ArrayLike<number>): Float32Array {
  if (points.length % 2 !== 0) throw new EngineInputError('points', 'an array of 2D points (even length)', points.length);
  const n = points.length / 2;
  const centres = blobCentres();
  const v = BLOB_STD_STANDARDIZED * BLOB_STD_STANDARDIZED;
  const out = new Float32Array(n * BLOB_CLASSES);
  const logits = new Float64Array(BLOB_CLASSES);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let k = 0; k < BLOB_CLASSES; k++) {
      const dx = points[2 * i]! - centres[2 * k]!;
      const dy = points[2 * i + 1]! - centres[2 * k + 1]!;
      logits[k] = -(dx * dx + dy * dy) / (2 * v);
      max = Math.max(max, logits[k]!);
    }
    let sum = 0;
    for (let k = 0; k < BLOB_CLASSES; k++) sum += Math.exp(logits[k]! - max);
    for (let k = 0; k < BLOB_CLASSES; k++) out[i * BLOB_CLASSES + k] = Math.exp(logits[k]! - max) / sum;
  }
  return out;
}

/** The fraction of points whose most probable class under the true mixture is `c` (non-finite points count as misses). */
export function classPurity(points: ArrayLike<number>, c: number): number {
  const n = points.length / 2;
  if (n === 0) return Number.NaN;
  const post = blobPosterior(points);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < BLOB_CLASSES; k++) if (post[i * BLOB_CLASSES + k]! > post[i * BLOB_CLASSES + best]!) best = k;
    if (best === c && Number.isFinite(points[2 * i]!) && Number.isFinite(points[2 * i + 1]!)) hits++;
  }
  return hits / n;
}
