/**
 * Points the learner draws on the page, turned into a training set: validated, copied and
 * standardised per axis, with the mean and std kept so samples can be drawn back in page units.
 */
import { EngineInputError, requireInteger } from '../inputError';
import { standardizePerAxis, type StandardizedPointSet } from './pointSet';

export { unstandardize } from './pointSet';

/** Largest dimension accepted for user points. */
export const MAX_USER_DIM = 4096;

function nonFinite(value: unknown, point: number, coord: number): EngineInputError {
  const err = new EngineInputError('points', 'finite numbers', value);
  // The index lets the page point at the offending entry.
  err.message = `points must be finite numbers (got ${String(value)} at point ${point}, coordinate ${coord})`;
  return err;
}

/** Flattens to row-major n × dim numbers, checking the shape (before any copy is returned). */
function flatten(points: ArrayLike<number> | ReadonlyArray<readonly number[]>, dim: number): Float64Array {
  const nested = Array.isArray(points) && points.length > 0 && Array.isArray(points[0]);
  if (!nested) {
    const flat = points as ArrayLike<number>;
    if (flat.length % dim !== 0) {
      throw new EngineInputError('points', `a flat array whose length is a multiple of dim = ${dim}`, flat.length);
    }
    const n = flat.length / dim;
    if (n < 2) throw new EngineInputError('points', 'at least 2 points', n);
    const out = new Float64Array(flat.length);
    for (let i = 0; i < flat.length; i++) {
      const v = flat[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw nonFinite(v, Math.floor(i / dim), i % dim);
      out[i] = v;
    }
    return out;
  }
  const rows = points as ReadonlyArray<unknown>;
  if (rows.length < 2) throw new EngineInputError('points', 'at least 2 points', rows.length);
  const out = new Float64Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== dim) {
      const allowed = dim === 2 ? 'a list of [x, y] pairs' : `a list of points of ${dim} numbers each`;
      const err = new EngineInputError('points', allowed, row);
      err.message += ` at point ${i}`;
      throw err;
    }
    for (let k = 0; k < dim; k++) {
      const v: unknown = row[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw nonFinite(v, i, k);
      out[i * dim + k] = v;
    }
  }
  return out;
}

/**
 * The user's points (flat row-major numbers or [x, y] pairs) standardised per axis:
 * z_ik = (x_ik − mean_k) / std_k, with mean and std returned for mapping back.
 */
export function fromUserPoints(
  points: ArrayLike<number> | ReadonlyArray<readonly [number, number]>,
  dim = 2,
): StandardizedPointSet {
  requireInteger('dim', dim, 1, MAX_USER_DIM);
  if (points == null || typeof points !== 'object' || typeof points.length !== 'number') {
    throw new EngineInputError('points', 'an array of numbers or of [x, y] pairs', points);
  }
  const raw = flatten(points, dim);
  const n = raw.length / dim;
  const { points: z, mean, std } = standardizePerAxis(raw, n, dim);
  return { points: z, n, dim, mean, std };
}
