/**
 * The forward (noising) process of chapter 3 on plain arrays. `i` is the 0-indexed timestep (t = i + 1).
 * Each function takes the noise ε as an argument so callers control randomness (and tests
 * can pass known noise).
 */
import type { Schedule } from './schedule';

type Vec = Float32Array | Float64Array;

/** x_t = √ᾱ_t · x_0 + √(1 − ᾱ_t) · ε, a draw from q(x_t | x_0) in closed form (eq. 3.5). */
export function qSample(x0: Vec, eps: Vec, i: number, schedule: Schedule): Float32Array {
  const a = Math.sqrt(schedule.alphaBars[i]!);
  const s = Math.sqrt(1 - schedule.alphaBars[i]!);
  const out = new Float32Array(x0.length);
  for (let k = 0; k < x0.length; k++) out[k] = a * x0[k]! + s * eps[k]!;
  return out;
}

/** Mean coefficient √ᾱ_t and variance 1 − ᾱ_t of q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I) (eq. 3.4). */
export function qMoments(i: number, schedule: Schedule): { meanCoef: number; variance: number } {
  const ab = schedule.alphaBars[i]!;
  return { meanCoef: Math.sqrt(ab), variance: 1 - ab };
}

/** Mean coefficient √(1 − β_t) and variance β_t of one step, q(x_t | x_{t−1}) = N(√(1 − β_t) x_{t−1}, β_t I) (eq. 3.2). */
export function forwardStepMoments(i: number, schedule: Schedule): { meanCoef: number; variance: number } {
  return { meanCoef: Math.sqrt(schedule.alphas[i]!), variance: schedule.betas[i]! };
}

/** x_t = √(1 − β_t) · x_{t−1} + √β_t · ε, one step of the Markov chain q(x_t | x_{t−1}) (eq. 3.1). */
export function forwardStep(xPrev: Vec, eps: Vec, i: number, schedule: Schedule): Float32Array {
  const a = Math.sqrt(schedule.alphas[i]!);
  const s = Math.sqrt(schedule.betas[i]!);
  const out = new Float32Array(xPrev.length);
  for (let k = 0; k < xPrev.length; k++) out[k] = a * xPrev[k]! + s * eps[k]!;
  return out;
}

/**
 * x_t = x_{t−1} + s · ε: the naive additive random walk that one source note calls the forward
 * process (eq. 3.9). It is not DDPM's: with no √(1 − β) shrink its variance grows without bound.
 */
export function naiveWalkStep(xPrev: Vec, eps: Vec, stepSize: number): Float32Array {
  const out = new Float32Array(xPrev.length);
  for (let k = 0; k < xPrev.length; k++) out[k] = xPrev[k]! + stepSize * eps[k]!;
  return out;
}

/** Var[x_t] of the naive walk started with variance v_0: v_0 + t · s² (eq. 3.9; grows linearly in t). */
export function naiveWalkVariance(t: number, stepSize: number, v0: number): number {
  return v0 + t * stepSize * stepSize;
}

/** Var[x_t] of the DDPM chain started with variance v_0: ᾱ_t v_0 + (1 − ᾱ_t), which tends to 1 (eq. 3.10). */
export function chainVariance(i: number, schedule: Schedule, v0: number): number {
  const ab = schedule.alphaBars[i]!;
  return ab * v0 + (1 - ab);
}

/**
 * The two noise variances in the induction step of eq. 3.6: one step (eq. 3.1) applied to the
 * closed form at t − 1 (eq. 3.5) gives √ᾱ_t x_0 + √(α_t − ᾱ_t) ε′ + √(1 − α_t) ε_t, where
 * `carried` = α_t − ᾱ_t is the shrunk noise already in x_{t−1} and `fresh` = 1 − α_t = β_t the new
 * noise. By eq. 2.3 they merge into one Gaussian of variance `total` = 1 − ᾱ_t, which is eq. 3.5 at t.
 */
export function mergedNoiseVariances(i: number, schedule: Schedule): { carried: number; fresh: number; total: number } {
  const alpha = schedule.alphas[i]!;
  const carried = alpha - schedule.alphaBars[i]!;
  const fresh = 1 - alpha;
  return { carried, fresh, total: carried + fresh };
}
