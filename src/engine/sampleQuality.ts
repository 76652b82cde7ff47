/**
 * How a cloud of samples compares with the data, in the units the sampling chapter reports:
 * the energy-distance ratio ED(samples, held-out) / ED(N(0, I) draw, held-out), so 1 means
 * "no better than noise" and values near 0 mean "hard to tell from the data"; and the
 * least-squares scale of one cloud against another (how much a step shrank it).
 */
import { EngineInputError } from './inputError';
import { energyDistance, type Samples } from './metrics';
import { makeRng } from './rng';

export interface QualityYardstick {
  /** ED(samples, held-out) / ED(N(0, I) draw, held-out), the first `maxPoints` samples used. */
  ratio(samples: Samples): number;
  /** ED between the N(0, I) reference draw and the held-out points: the ratio's denominator. */
  noiseDistance: number;
}

/**
 * A yardstick against `heldOut` (row-major, `dim` columns), capped at `maxPoints` points per side
 * so one ratio costs about maxPoints² distance evaluations (a few ms for 500 in 2D). The
 * reference is a seeded N(0, I) draw of the same size as the held-out set.
 */
export function qualityYardstick(heldOut: Samples, dim: number, maxPoints = 500, seed = 98): QualityYardstick {
  if (heldOut.length < 2 * dim) throw new EngineInputError('heldOut', `at least 2 points of dimension ${dim}`, heldOut.length);
  const held = heldOut.subarray(0, Math.min(heldOut.length, maxPoints * dim));
  const reference = makeRng(seed).normals(held.length);
  const noiseDistance = energyDistance(reference, held, dim);
  return {
    noiseDistance,
    ratio: (samples) => energyDistance(samples.subarray(0, Math.min(samples.length, maxPoints * dim)), held, dim) / noiseDistance,
  };
}

/** The s that minimises Σ‖a_k − s·b_k‖² over paired points: s = ⟨a, b⟩ / ⟨b, b⟩ (1 means no shrink). */
export function leastSquaresScale(a: Samples, b: Samples): number {
  if (a.length !== b.length || a.length === 0) throw new EngineInputError('b', `an array as long as a (${a.length})`, b.length);
  let ab = 0;
  let bb = 0;
  for (let k = 0; k < a.length; k++) {
    ab += a[k]! * b[k]!;
    bb += b[k]! * b[k]!;
  }
  if (bb === 0) throw new EngineInputError('b', 'not all zeros', 0);
  return ab / bb;
}

/** Mean Euclidean distance ‖a_k − b_k‖ between paired points of dimension `dim`. */
export function meanPairedDistance(a: Samples, b: Samples, dim: number): number {
  if (a.length !== b.length || a.length % dim !== 0 || a.length === 0) throw new EngineInputError('b', `an array as long as a (${a.length})`, b.length);
  let total = 0;
  for (let p = 0; p < a.length; p += dim) {
    let d2 = 0;
    for (let c = 0; c < dim; c++) d2 += (a[p + c]! - b[p + c]!) ** 2;
    total += Math.sqrt(d2);
  }
  return total / (a.length / dim);
}
