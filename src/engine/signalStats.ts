/**
 * Statistics of 1D signals (rows of length L) for the sine-wave examples of chapter 7: how well a
 * row is a sinusoid, with what amplitude and frequency (a least-squares fit of eq. 7.1), and how
 * much a set of rows varies from one to the next.
 */
import { EngineInputError, requireInteger } from './inputError';

export interface SineFit {
  /** A in x[j] ≈ A sin(2π f j / L + φ) + c. */
  amplitude: number;
  /** f, in cycles per window. */
  frequency: number;
  phase: number;
  offset: number;
  /** ‖x − fit‖² / ‖x − mean(x)‖²: 0 for an exact sinusoid, about 1 for white noise (NaN for a constant row). */
  residual: number;
}

/** Least-squares a·sin(ωj) + b·cos(ωj) + c at one ω: solves the 3 × 3 normal equations; returns the squared error. */
function fitAt(x: ArrayLike<number>, omega: number): { a: number; b: number; c: number; sse: number } {
  const L = x.length;
  let ss = 0, sc = 0, cc = 0, s1 = 0, c1 = 0, xs = 0, xc = 0, x1 = 0;
  for (let j = 0; j < L; j++) {
    const s = Math.sin(omega * j);
    const c = Math.cos(omega * j);
    ss += s * s; sc += s * c; cc += c * c; s1 += s; c1 += c;
    xs += x[j]! * s; xc += x[j]! * c; x1 += x[j]!;
  }
  // Cramer's rule on [[ss, sc, s1], [sc, cc, c1], [s1, c1, L]] · [a, b, c] = [xs, xc, x1].
  const det = ss * (cc * L - c1 * c1) - sc * (sc * L - c1 * s1) + s1 * (sc * c1 - cc * s1);
  if (Math.abs(det) < 1e-12) return { a: 0, b: 0, c: x1 / L, sse: Infinity };
  const a = (xs * (cc * L - c1 * c1) - sc * (xc * L - c1 * x1) + s1 * (xc * c1 - cc * x1)) / det;
  const b = (ss * (xc * L - x1 * c1) - xs * (sc * L - c1 * s1) + s1 * (sc * x1 - xc * s1)) / det;
  const c = (ss * (cc * x1 - c1 * xc) - sc * (sc * x1 - s1 * xc) + xs * (sc * c1 - cc * s1)) / det;
  let sse = 0;
  for (let j = 0; j < L; j++) sse += (x[j]! - a * Math.sin(omega * j) - b * Math.cos(omega * j) - c) ** 2;
  return { a, b, c, sse };
}

/**
 * The best sinusoid with f in [fMin, fMax] cycles per window: a grid search over f (step 0.02),
 * refined around the best grid point (step 0.001), with amplitude, phase and offset by least squares.
 */
export function fitSine(x: ArrayLike<number>, fMin = 0.5, fMax = 4): SineFit {
  requireInteger('length', x.length, 4);
  if (!(fMin > 0 && fMax > fMin)) throw new EngineInputError('fMax', `a number above fMin (${fMin})`, fMax);
  const L = x.length;
  let mean = 0;
  for (let j = 0; j < L; j++) mean += x[j]! / L;
  let total = 0;
  for (let j = 0; j < L; j++) total += (x[j]! - mean) ** 2;
  const search = (lo: number, hi: number, step: number): number => {
    let bestF = lo;
    let bestSse = Infinity;
    for (let f = lo; f <= hi + 1e-9; f += step) {
      const { sse } = fitAt(x, (2 * Math.PI * f) / L);
      if (sse < bestSse) [bestF, bestSse] = [f, sse];
    }
    return bestF;
  };
  const coarse = search(fMin, fMax, 0.02);
  const f = search(Math.max(fMin, coarse - 0.02), Math.min(fMax, coarse + 0.02), 0.001);
  const { a, b, c, sse } = fitAt(x, (2 * Math.PI * f) / L);
  // a sin θ + b cos θ = A sin(θ + φ) with A = √(a² + b²), φ = atan2(b, a).
  return { amplitude: Math.hypot(a, b), frequency: f, phase: Math.atan2(b, a), offset: c, residual: total > 0 ? sse / total : Number.NaN };
}

/**
 * How much n signals of length L differ from one another: (1/L) Σ_j Var_k(x_k[j]), the variance
 * across signals at each position, averaged over positions. About 1 for the standardised sine
 * waves (random phases make every position vary fully), 0 if every signal is the same.
 */
export function spreadAcrossSignals(signals: ArrayLike<number>, n: number, L: number): number {
  requireInteger('n', n, 1);
  requireInteger('L', L, 1);
  if (signals.length !== n * L) throw new EngineInputError('signals', `an array of length n · L = ${n * L}`, signals.length);
  let total = 0;
  for (let j = 0; j < L; j++) {
    let m = 0;
    for (let k = 0; k < n; k++) m += signals[k * L + j]! / n;
    let v = 0;
    for (let k = 0; k < n; k++) v += (signals[k * L + j]! - m) ** 2 / n;
    total += v / L;
  }
  return total;
}
