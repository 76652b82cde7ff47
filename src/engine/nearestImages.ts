/**
 * "Does it copy?" (chapter 8, eq. 8.4): for each generated image x, the training images closest to
 * it in pixel space and their distances,
 *   d(x) = min_j ‖x − x^(j)‖₂,
 * on the model's [−1, 1] scale (eq. 8.1). A sample that copies a training image has d ≈ 0; the same
 * distance for held-out images (which the model never saw) is the yardstick for "close".
 */
import { EngineInputError, requireInteger } from './inputError';

export interface NearestImages {
  /** k per query, row-major (n × k): indices into the reference rows, nearest first. */
  index: Int32Array;
  /** The matching Euclidean distances ‖x − x^(j)‖₂, nearest first. */
  distance: Float64Array;
  k: number;
}

/** The k nearest reference rows of each query row (eq. 8.4), both row-major with `dim` values a row. */
export function nearestImages(queries: ArrayLike<number>, reference: ArrayLike<number>, dim: number, k = 1): NearestImages {
  requireInteger('dim', dim, 1);
  if (queries.length % dim !== 0) throw new EngineInputError('queries', `an array whose length is a multiple of dim = ${dim}`, queries.length);
  if (reference.length === 0 || reference.length % dim !== 0) throw new EngineInputError('reference', `a non-empty array whose length is a multiple of dim = ${dim}`, reference.length);
  const m = reference.length / dim;
  requireInteger('k', k, 1, m);
  const n = queries.length / dim;
  const index = new Int32Array(n * k);
  const distance = new Float64Array(n * k);
  const bestSq = new Float64Array(k);
  const bestIx = new Int32Array(k);
  for (let q = 0; q < n; q++) {
    bestSq.fill(Infinity);
    bestIx.fill(-1);
    const qo = q * dim;
    for (let j = 0; j < m; j++) {
      const ro = j * dim;
      let sq = 0;
      for (let d = 0; d < dim; d++) {
        const diff = queries[qo + d]! - reference[ro + d]!;
        sq += diff * diff;
      }
      if (sq >= bestSq[k - 1]!) continue;
      // Insert into the sorted top-k (ties keep the lower index first).
      let s = k - 1;
      while (s > 0 && bestSq[s - 1]! > sq) {
        bestSq[s] = bestSq[s - 1]!;
        bestIx[s] = bestIx[s - 1]!;
        s--;
      }
      bestSq[s] = sq;
      bestIx[s] = j;
    }
    for (let s = 0; s < k; s++) {
      index[q * k + s] = bestIx[s]!;
      distance[q * k + s] = Math.sqrt(bestSq[s]!);
    }
  }
  return { index, distance, k };
}
