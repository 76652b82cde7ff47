/**
 * The standard normal CDF Φ in log form, accurate far into both tails, for the discretised
 * decoder of eq. 8.7 (a Gaussian's mass over one grey level's bin). A bin 150 standard deviations
 * from the mean has mass e^(−11250): Φ itself underflows there, its logarithm does not.
 *
 * erf(x) for 0 ≤ x < 2.5 by the series (2/√π) e^(−x²) Σ_n 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), whose
 * terms are all positive (no cancellation); erfc(x) for x ≥ 2.5 by its continued fraction
 *   erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))),
 * evaluated in log form with the modified Lentz method. Both converge to double precision.
 */
import { EngineInputError } from './inputError';

const SERIES_LIMIT = 2.5;
const LOG_SQRT_PI = 0.5 * Math.log(Math.PI);

/** erf(x) for 0 ≤ x < 2.5 by the positive series. */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

/** log erfc(x) for x ≥ 2.5 by the continued fraction (modified Lentz). */
function logErfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = f;
  let d = 0;
  for (let n = 1; n < 5000; n++) {
    const a = n / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return -x * x - LOG_SQRT_PI - Math.log(f);
}

/** log erfc(x) for x ≥ 0 (finite for every finite x; −∞ at +∞). */
function logErfcPositive(x: number): number {
  if (x === Infinity) return -Infinity;
  return x < SERIES_LIMIT ? Math.log1p(-erfSeries(x)) : logErfcFraction(x);
}

/** erf(x) for x ≥ 0 (1 at +∞). */
function erfPositive(x: number): number {
  return x < SERIES_LIMIT ? erfSeries(x) : -Math.expm1(logErfcPositive(x));
}

/** log Φ(z), Φ the standard normal CDF; finite for every finite z (−∞ at z = −∞, 0 at +∞). */
export function logNormalCdf(z: number): number {
  if (Number.isNaN(z)) throw new EngineInputError('z', 'a number or ±Infinity', z);
  // Φ(z) = ½ erfc(−z/√2); for z ≥ 0, Φ(z) = 1 − ½ erfc(z/√2).
  if (z < 0) return logErfcPositive(-z / Math.SQRT2) - Math.LN2;
  return Math.log1p(-0.5 * Math.exp(logErfcPositive(z / Math.SQRT2)));
}

/**
 * log(Φ(b) − Φ(a)), the log of the N(0, 1) mass of the interval [a, b] (a ≤ b, either end may be
 * infinite). Within one tail it subtracts in log form, mirrored so the far tail is the small one;
 * across 0 it adds the two positive halves ½ erf(b/√2) + ½ erf(−a/√2), so no digits cancel.
 */
export function logNormalInterval(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b) || a > b) throw new EngineInputError('b', `a number ≥ a = ${a}`, b);
  if (a === b) return -Infinity;
  if (a >= 0) return logNormalInterval(-b, -a);
  if (b <= 0) {
    const lb = logNormalCdf(b);
    const la = logNormalCdf(a);
    return lb + Math.log(-Math.expm1(la - lb));
  }
  return Math.log(0.5 * (erfPositive(b / Math.SQRT2) + erfPositive(-a / Math.SQRT2)));
}
