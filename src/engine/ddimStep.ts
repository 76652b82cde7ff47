/**
 * One step of DDIM (Song, Meng & Ermon 2020; chapter 6) on plain arrays: from timestep index `i`
 * to an earlier index `iPrev` (−1 means "to x_0", where ᾱ = 1). η = 0 is deterministic;
 * η = 1 with consecutive steps has the DDPM posterior variance σ̃²_t.
 */
import { clipInPlace } from './clip';
import { requireClosedInterval } from './inputError';
import { predictEpsFromX0, predictX0FromEps } from './posterior';
import type { Schedule } from './schedule';

export interface DdimStepInput {
  xt: Float32Array;
  eps: Float32Array;
  i: number;
  iPrev: number;
  schedule: Schedule;
  eta: number;
  /** Standard normal noise; only used when the step variance is positive. */
  noise: Float32Array;
  clipX0?: number;
}

/** ᾱ at a 0-indexed timestep, with ᾱ = 1 before the first step (index −1). */
export function alphaBarAt(i: number, schedule: Schedule): number {
  return i < 0 ? 1 : schedule.alphaBars[i]!;
}

/**
 * σ² = η² (1 − ᾱ_prev)/(1 − ᾱ_t) · (1 − ᾱ_t/ᾱ_prev), the DDIM step variance (eq. 6.4; Song et al.
 * eq. 16). η defaults to 1; then consecutive steps give the DDPM posterior variance σ̃²_t.
 */
export function ddimVariance(i: number, iPrev: number, schedule: Schedule, eta = 1): number {
  const ab = alphaBarAt(i, schedule);
  const abPrev = alphaBarAt(iPrev, schedule);
  return eta * eta * (((1 - abPrev) / (1 - ab)) * (1 - ab / abPrev));
}

/** x_prev = √ᾱ_prev x̂_0 + √(1 − ᾱ_prev − σ²) ε + σ z (eq. 6.3; Song et al. eq. 12), x̂_0 from eq. 4.6 and σ² from eq. 6.4. */
export function ddimStep(input: DdimStepInput): Float32Array {
  const { xt, i, iPrev, schedule, eta, noise, clipX0 } = input;
  requireClosedInterval('eta', eta, 0, 1);
  const x0 = predictX0FromEps(xt, input.eps, i, schedule);
  let eps = input.eps;
  if (clipX0 !== undefined) {
    clipInPlace(x0, clipX0);
    eps = predictEpsFromX0(xt, x0, i, schedule); // keep ε consistent with the clipped x̂_0
  }
  const abPrev = alphaBarAt(iPrev, schedule);
  const variance = ddimVariance(i, iPrev, schedule, eta);
  const sigma = Math.sqrt(variance);
  const dirCoef = Math.sqrt(Math.max(0, 1 - abPrev - variance));
  const a = Math.sqrt(abPrev);
  const out = new Float32Array(xt.length);
  for (let k = 0; k < xt.length; k++) {
    out[k] = a * x0[k]! + dirCoef * eps[k]! + (sigma > 0 ? sigma * noise[k]! : 0);
  }
  return out;
}
