/**
 * Expectations of a continuous random variable as integrals over its density (chapter 2):
 * E[X] = ∫ x p(x) dx (eq. 2.4), LOTUS E[g(X)] = ∫ g(x) p(x) dx (eq. 2.5), and the KL divergence
 * KL(p ‖ q) = ∫ p log(p/q) dx (eq. 2.8), which is the expectation under p of log p − log q.
 * The integrals run over a finite window [lo, hi] by composite Simpson's rule, so the window must
 * hold all but a negligible part of p's mass (about ±10 standard deviations for a Gaussian).
 */
import { EngineInputError, requireInteger } from './inputError';

/** Simpson's rule needs an even number of intervals; 2000 gives ~1e-12 relative error on smooth densities. */
export const DEFAULT_INTERVALS = 2000;

function checkWindow(lo: number, hi: number, intervals: number): void {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) throw new EngineInputError('hi', `a finite number above lo (${lo})`, hi);
  requireInteger('intervals', intervals, 2);
  if (intervals % 2 !== 0) throw new EngineInputError('intervals', 'an even integer ≥ 2', intervals);
}

/** ∫_lo^hi f(x) dx by composite Simpson's rule with `intervals` (even) equal intervals. */
function simpson(f: (x: number) => number, lo: number, hi: number, intervals: number): number {
  const h = (hi - lo) / intervals;
  let sum = f(lo) + f(hi);
  for (let k = 1; k < intervals; k++) sum += (k % 2 === 1 ? 4 : 2) * f(lo + k * h);
  return (sum * h) / 3;
}

/** E[g(X)] = ∫ g(x) p(x) dx for X with density `pdf`, over [lo, hi] (LOTUS, eq. 2.5). */
export function expectedValue(g: (x: number) => number, pdf: (x: number) => number, lo: number, hi: number, intervals = DEFAULT_INTERVALS): number {
  checkWindow(lo, hi, intervals);
  return simpson((x) => {
    const p = pdf(x);
    return p > 0 ? g(x) * p : 0;
  }, lo, hi, intervals);
}

/** E[X] = ∫ x p(x) dx for X with density `pdf`, over [lo, hi] (eq. 2.4). */
export function meanOfDensity(pdf: (x: number) => number, lo: number, hi: number, intervals = DEFAULT_INTERVALS): number {
  return expectedValue((x) => x, pdf, lo, hi, intervals);
}

/**
 * KL(p ‖ q) = ∫ p(x) log(p(x)/q(x)) dx over [lo, hi] (eq. 2.8). Points where p = 0 add nothing
 * (p log p → 0); a point where p > 0 but q = 0 makes the divergence infinite.
 */
export function klByQuadrature(p: (x: number) => number, q: (x: number) => number, lo: number, hi: number, intervals = DEFAULT_INTERVALS): number {
  return expectedValue((x) => Math.log(p(x)) - Math.log(q(x)), p, lo, hi, intervals);
}
