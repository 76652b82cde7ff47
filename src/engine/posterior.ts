/**
 * The reverse-process posterior q(x_{t−1} | x_t, x_0) of chapter 4 and the conversions between
 * the network's possible outputs (ε or x_0). `i` is the 0-indexed timestep (t = i + 1).
 */
import { isotropicLogPdf } from './gaussian';
import { requireInteger } from './inputError';
import type { Schedule } from './schedule';

type Vec = Float32Array | Float64Array;

/** μ̃_t = β_t √ᾱ_{t−1}/(1 − ᾱ_t) · x_0 + (1 − ᾱ_{t−1}) √α_t/(1 − ᾱ_t) · x_t, the posterior mean (eq. 4.4). */
export function posteriorMean(x0: Vec, xt: Vec, i: number, schedule: Schedule): Float32Array {
  const c1 = schedule.posteriorMeanCoef1[i]!;
  const c2 = schedule.posteriorMeanCoef2[i]!;
  const out = new Float32Array(xt.length);
  for (let k = 0; k < xt.length; k++) out[k] = c1 * x0[k]! + c2 * xt[k]!;
  return out;
}

/** σ̃²_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t), the posterior variance (eq. 4.5); 0 at t = 1. */
export function posteriorVariance(i: number, schedule: Schedule): number {
  return schedule.posteriorVariance[i]!;
}

/** x̂_0 = (x_t − √(1 − ᾱ_t) ε) / √ᾱ_t, the clean point implied by x_t and ε (eq. 4.6). */
export function predictX0FromEps(xt: Vec, eps: Vec, i: number, schedule: Schedule): Float32Array {
  const ab = schedule.alphaBars[i]!;
  const a = 1 / Math.sqrt(ab);
  const s = Math.sqrt(1 - ab) / Math.sqrt(ab);
  const out = new Float32Array(xt.length);
  for (let k = 0; k < xt.length; k++) out[k] = a * xt[k]! - s * eps[k]!;
  return out;
}

/** ε = (x_t − √ᾱ_t x_0) / √(1 − ᾱ_t), the noise implied by x_t and x_0 (eq. 3.5 solved for ε). */
export function predictEpsFromX0(xt: Vec, x0: Vec, i: number, schedule: Schedule): Float32Array {
  const ab = schedule.alphaBars[i]!;
  const a = Math.sqrt(ab);
  const s = 1 / Math.sqrt(1 - ab);
  const out = new Float32Array(xt.length);
  for (let k = 0; k < xt.length; k++) out[k] = s * (xt[k]! - a * x0[k]!);
  return out;
}

/**
 * μ = (x_t − β_t/√(1 − ᾱ_t) · ε) / √α_t, the reverse mean written with ε: μ̃_t with the true noise
 * (eq. 4.7), μ_θ with the network's ε_θ (eq. 4.9). (The notes' eq. 4.12 divides by √ᾱ_t and
 * subtracts √(1 − ᾱ_t) ε: that is x̂_0 of eq. 4.6, not this mean.)
 */
export function reverseMeanFromEps(xt: Vec, eps: Vec, i: number, schedule: Schedule): Float32Array {
  const ab = schedule.alphaBars[i]!;
  const beta = schedule.betas[i]!;
  const a = 1 / Math.sqrt(schedule.alphas[i]!);
  const s = beta / Math.sqrt(1 - ab);
  const out = new Float32Array(xt.length);
  for (let k = 0; k < xt.length; k++) out[k] = a * (xt[k]! - s * eps[k]!);
  return out;
}

/** Throws unless i ≥ 1: at t = 1 the posterior is a point mass (σ̃²_1 = 0) and has no density. */
function requirePosteriorStep(i: number, schedule: Schedule): void {
  requireInteger('i', i, 1, schedule.T - 1);
}

/**
 * Bayes' rule for the reverse step (eq. 4.1), in logs: log q(x_{t−1} | x_t, x_0) =
 * log q(x_t | x_{t−1}) + log q(x_{t−1} | x_0) − log q(x_t | x_0), with the one-step kernel of
 * eq. 3.2 as the likelihood and the closed form of eq. 3.4 (at t − 1 and at t) as prior and evidence.
 * Needs t ≥ 2 (i ≥ 1).
 */
export function posteriorLogPdfByBayes(xPrev: Vec, xt: Vec, x0: Vec, i: number, schedule: Schedule): number {
  requirePosteriorStep(i, schedule);
  const scaled = (x: Vec, c: number): Float64Array => Float64Array.from(x, (v) => c * v);
  const likelihood = isotropicLogPdf(xt, scaled(xPrev, Math.sqrt(schedule.alphas[i]!)), schedule.betas[i]!);
  const abPrev = schedule.alphaBarsPrev[i]!;
  const prior = isotropicLogPdf(xPrev, scaled(x0, Math.sqrt(abPrev)), 1 - abPrev);
  const ab = schedule.alphaBars[i]!;
  const evidence = isotropicLogPdf(xt, scaled(x0, Math.sqrt(ab)), 1 - ab);
  return likelihood + prior - evidence;
}

/**
 * The precision of q(x_{t−1} | x_t, x_0): the likelihood's α_t/β_t plus the prior's 1/(1 − ᾱ_{t−1})
 * (eq. 4.2), which equals (1 − ᾱ_t)/(β_t (1 − ᾱ_{t−1})) = 1/σ̃²_t. Infinite at t = 1, where ᾱ_0 = 1.
 */
export function posteriorPrecision(i: number, schedule: Schedule): number {
  return schedule.alphas[i]! / schedule.betas[i]! + 1 / (1 - schedule.alphaBarsPrev[i]!);
}

/** log q(x_{t−1} | x_t, x_0) = log N(x_{t−1}; μ̃_t(x_t, x_0), σ̃²_t I), the completed square (eq. 4.3). Needs t ≥ 2 (i ≥ 1). */
export function posteriorLogPdf(xPrev: Vec, xt: Vec, x0: Vec, i: number, schedule: Schedule): number {
  requirePosteriorStep(i, schedule);
  const c1 = schedule.posteriorMeanCoef1[i]!;
  const c2 = schedule.posteriorMeanCoef2[i]!;
  const mean = Float64Array.from(xt, (v, k) => c1 * x0[k]! + c2 * v); // μ̃_t of eq. 4.4, kept in float64
  return isotropicLogPdf(xPrev, mean, schedule.posteriorVariance[i]!);
}
