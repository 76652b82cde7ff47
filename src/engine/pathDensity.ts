/**
 * Log densities of a whole noisy path x_0, x_1, …, x_k (path[t] = x_t), in the three ways the
 * chapters factor them: the forward Markov chain q(x_{1:k} | x_0) (eq. 3.3), the same density
 * factored backwards through the reverse posteriors (eq. 5.4), and the model's joint
 * p_θ(x_{0:T}) (eq. 5.1). The two forward factorisations are equal for every path.
 */
import { reverseStepLogPdf, type DdpmVariance } from './ddpmStep';
import { isotropicLogPdf } from './gaussian';
import { EngineInputError } from './inputError';
import { posteriorLogPdf } from './posterior';
import type { Schedule } from './schedule';

type Vec = Float32Array | Float64Array;

/** The network's ε prediction for one point x_t at 0-indexed timestep i, computed synchronously. */
export type PointEpsFn = (xt: Vec, i: number) => Vec;

/** Throws unless the path holds x_0 … x_k of one dimension, with k = T (exactT) or 1 ≤ k ≤ T; returns k. */
function checkPath(path: readonly Vec[], schedule: Schedule, exactT: boolean): number {
  const k = path.length - 1;
  const allowed = exactT ? `T + 1 = ${schedule.T + 1} states x_0 … x_T` : `2 to T + 1 = ${schedule.T + 1} states x_0 … x_k`;
  if (exactT ? k !== schedule.T : k < 1 || k > schedule.T) throw new EngineInputError('path', allowed, path.length);
  const d = path[0]!.length;
  if (d === 0 || path.some((x) => x.length !== d)) throw new EngineInputError('path', 'states of one non-zero dimension', d);
  return k;
}

function scaled(x: Vec, c: number): Float64Array {
  return Float64Array.from(x, (v) => c * v);
}

/** log q(x_{1:k} | x_0) = Σ_{t=1}^{k} log N(x_t; √α_t x_{t−1}, β_t I), the forward chain (eq. 3.3). */
export function forwardPathLogPdf(path: readonly Vec[], schedule: Schedule): number {
  const k = checkPath(path, schedule, false);
  let total = 0;
  for (let t = 1; t <= k; t++) total += isotropicLogPdf(path[t]!, scaled(path[t - 1]!, Math.sqrt(schedule.alphas[t - 1]!)), schedule.betas[t - 1]!);
  return total;
}

/**
 * log q(x_{1:k} | x_0) factored backwards (eq. 5.4 with T = k):
 * log q(x_k | x_0) + Σ_{t=2}^{k} log q(x_{t−1} | x_t, x_0), with q(x_k | x_0) from eq. 3.4 and the
 * reverse posteriors from eq. 4.3.
 */
export function reversePathLogPdf(path: readonly Vec[], schedule: Schedule): number {
  const k = checkPath(path, schedule, false);
  const x0 = path[0]!;
  const ab = schedule.alphaBars[k - 1]!;
  let total = isotropicLogPdf(path[k]!, scaled(x0, Math.sqrt(ab)), 1 - ab);
  for (let t = 2; t <= k; t++) total += posteriorLogPdf(path[t - 1]!, path[t]!, x0, t - 1, schedule);
  return total;
}

/**
 * log p_θ(x_{0:T}) = log N(x_T; 0, I) + Σ_{t=1}^{T} log p_θ(x_{t−1} | x_t) (eq. 5.1), each factor from
 * eq. 4.8 with the network's ε from `epsFn` (and the decoder variance β_1 at t = 1).
 */
export function modelPathLogPdf(path: readonly Vec[], epsFn: PointEpsFn, schedule: Schedule, variance: DdpmVariance): number {
  const T = checkPath(path, schedule, true);
  let total = isotropicLogPdf(path[T]!, new Float64Array(path[T]!.length), 1);
  for (let t = T; t >= 1; t--) total += reverseStepLogPdf(path[t - 1]!, path[t]!, epsFn(path[t]!, t - 1), t - 1, schedule, variance);
  return total;
}
