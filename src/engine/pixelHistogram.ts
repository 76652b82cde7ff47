/**
 * The pixel values of noised images against N(0, 1) (chapter 8, eq. 8.2). Every pixel of x_t is
 * drawn from the closed form q(x_t | x_0) of eq. 3.4 one coordinate at a time, so the values of all
 * the pixels of a set of images x_0 (N values in all) have the density
 *   p_t(u) = (1/N) Σ_j N(u; √ᾱ_t x_{0,j}, 1 − ᾱ_t),
 * a mixture with one bump per clean pixel value, which flattens into N(0, 1) as ᾱ_t → 0.
 */
import { qMoments } from './forward';
import { gaussianPdf } from './gaussian';
import { EngineInputError, requireInteger } from './inputError';
import type { Schedule } from './schedule';

export interface DensityHistogram {
  lo: number;
  hi: number;
  /** Per bin, count / (n · bin width): a density, comparable with p_t(u) and with N(0, 1). Bins are [lo + jw, lo + (j+1)w), the last one closed. */
  density: Float64Array;
  /** The fraction of the values outside [lo, hi] (they count in n, not in any bin). */
  outside: number;
}

/** A histogram of `values` over [lo, hi] in `bins` equal bins, scaled to a density (area = 1 − outside). */
export function densityHistogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): DensityHistogram {
  requireInteger('bins', bins, 1);
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new EngineInputError('hi', `a finite number > lo = ${lo}`, hi);
  if (values.length === 0) throw new EngineInputError('values', 'a non-empty array', 0);
  const width = (hi - lo) / bins;
  const counts = new Float64Array(bins);
  let outside = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v >= lo && v <= hi)) {
      outside++;
      continue;
    }
    counts[Math.min(bins - 1, Math.floor((v - lo) / width))]! += 1;
  }
  const n = values.length;
  return { lo, hi, density: counts.map((c) => c / (n * width)), outside: outside / n };
}

/**
 * p_t(u) of eq. 8.2 at each u: the density of a pixel of x_t, for x_t drawn by eq. 3.5 from the
 * clean pixel values `x0` (all pixels of all images, in any order), at 0-indexed timestep i.
 */
export function noisedPixelDensity(u: ArrayLike<number>, x0: ArrayLike<number>, i: number, schedule: Schedule): Float64Array {
  requireInteger('i', i, 0, schedule.T - 1);
  if (x0.length === 0) throw new EngineInputError('x0', 'a non-empty array', 0);
  // Images have few distinct values (17 grey levels): one Gaussian per value, weighted by its count.
  const counts = new Map<number, number>();
  for (let k = 0; k < x0.length; k++) counts.set(x0[k]!, (counts.get(x0[k]!) ?? 0) + 1);
  const { meanCoef, variance } = qMoments(i, schedule);
  const sd = Math.sqrt(variance);
  const out = new Float64Array(u.length);
  for (const [value, count] of counts) {
    const w = count / x0.length;
    for (let k = 0; k < u.length; k++) out[k] = out[k]! + w * gaussianPdf(u[k]!, meanCoef * value, sd);
  }
  return out;
}
