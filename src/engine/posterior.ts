/**
 * The reverse-process posterior q(x_{t−1} | x_t, x_0) and the conversions between the
 * network's possible outputs (ε or x_0). `i` is the 0-indexed timestep (t = i + 1).
 */
import type { Schedule } from './schedule';

type Vec = Float32Array | Float64Array;

/** μ̃_t = β_t √ᾱ_{t−1}/(1 − ᾱ_t) · x_0 + (1 − ᾱ_{t−1}) √α_t/(1 − ᾱ_t) · x_t, the posterior mean (eq. 3.5). */
export function posteriorMean(x0: Vec, xt: Vec, i: number, schedule: Schedule): Float32Array {
  const c1 = schedule.posteriorMeanCoef1[i]!;
  const c2 = schedule.posteriorMeanCoef2[i]!;
  const out = new Float32Array(xt.length);
  for (let k = 0; k < xt.length; k++) out[k] = c1 * x0[k]! + c2 * xt[k]!;
  return out;
}

/** σ̃²_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t), the posterior variance (eq. 3.6); 0 at t = 1. */
export function posteriorVariance(i: number, schedule: Schedule): number {
  return schedule.posteriorVariance[i]!;
}

/** x̂_0 = (x_t − √(1 − ᾱ_t) ε) / √ᾱ_t, the clean point implied by x_t and ε (eq. 3.10). */
export function predictX0FromEps(xt: Vec, eps: Vec, i: number, schedule: Schedule): Float32Array {
  const ab = schedule.alphaBars[i]!;
  const a = 1 / Math.sqrt(ab);
  const s = Math.sqrt(1 - ab) / Math.sqrt(ab);
  const out = new Float32Array(xt.length);
  for (let k = 0; k < xt.length; k++) out[k] = a * xt[k]! - s * eps[k]!;
  return out;
}

/** ε = (x_t − √ᾱ_t x_0) / √(1 − ᾱ_t), the noise implied by x_t and x_0 (eq. 2.6 solved for ε). */
export function predictEpsFromX0(xt: Vec, x0: Vec, i: number, schedule: Schedule): Float32Array {
  const ab = schedule.alphaBars[i]!;
  const a = Math.sqrt(ab);
  const s = 1 / Math.sqrt(1 - ab);
  const out = new Float32Array(xt.length);
  for (let k = 0; k < xt.length; k++) out[k] = s * (xt[k]! - a * x0[k]!);
  return out;
}

/** μ = (x_t − β_t/√(1 − ᾱ_t) · ε) / √α_t, the reverse mean written with ε (eq. 3.11; eq. 4.12 in the notes is x̂_0, not this). */
export function reverseMeanFromEps(xt: Vec, eps: Vec, i: number, schedule: Schedule): Float32Array {
  const ab = schedule.alphaBars[i]!;
  const beta = schedule.betas[i]!;
  const a = 1 / Math.sqrt(schedule.alphas[i]!);
  const s = beta / Math.sqrt(1 - ab);
  const out = new Float32Array(xt.length);
  for (let k = 0; k < xt.length; k++) out[k] = a * (xt[k]! - s * eps[k]!);
  return out;
}
