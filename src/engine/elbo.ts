/**
 * The ELBO of eq. 5.3 for a batch, split into the terms of eq. 5.5 (in nats per point, as a loss
 * to minimise):
 *   −ELBO = L_T (prior) + Σ_{t=2}^{T} L_{t−1} (per-step KL) + L_0 (decoder),
 * each term as defined in eq. 5.6, the KLs in closed form by eq. 5.7.
 * The network enters only through `epsFn`, so the same code scores a tfjs model, or an exact
 * analytic denoiser in tests. Each L_{t−1} uses one draw x_t ~ q(x_t | x_0) per point.
 */
import { ddpmStepVariance, type DdpmVariance } from './ddpmStep';
import { isotropicLogPdf, klIsotropic } from './gaussian';
import { posteriorMean, reverseMeanFromEps } from './posterior';
import { qSample } from './forward';
import type { Rng } from './rng';
import type { Schedule } from './schedule';

/** The network's ε prediction for a batch of points (row-major, n × dim) at timestep index i. */
export type EpsFn = (xt: Float32Array, i: number) => Float32Array | Promise<Float32Array>;

export interface ElboTerms {
  /** L_T = KL(q(x_T | x_0) ‖ N(0, I)), batch mean. */
  prior: number;
  /** Index i (t = i + 1): L_{t−1} = KL(q(x_{t−1} | x_t, x_0) ‖ p(x_{t−1} | x_t)), batch mean; index 0 is 0 (t = 1 is the decoder). */
  stepKl: Float64Array;
  /** L_0 = −log p(x_0 | x_1) with p = N(μ(x_1, 1), β_1 I), batch mean. */
  decoder: number;
  /** −ELBO = prior + Σ stepKl + decoder, batch mean: an upper bound on −log p(x_0). */
  total: number;
  /** −ELBO of each point (for anomaly scores). */
  perPoint: Float64Array;
}

export interface ElboOptions {
  x0: Float32Array;
  dim: number;
  schedule: Schedule;
  epsFn: EpsFn;
  rng: Rng;
  /** Variance of p(x_{t−1} | x_t) for t ≥ 2: β_t or σ̃²_t. */
  variance: DdpmVariance;
  /** Called after each timestep with (timesteps done, T); awaited, so a caller can report and yield. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

function row(x: Float32Array, p: number, dim: number): Float32Array {
  return x.subarray(p * dim, (p + 1) * dim);
}

/** The terms of −ELBO (eq. 5.5, 5.6) for each point of the batch and their batch means. */
export async function elboTerms(options: ElboOptions): Promise<ElboTerms> {
  const { x0, dim, schedule, epsFn, rng, variance, onProgress } = options;
  const n = x0.length / dim;
  const T = schedule.T;
  const perPoint = new Float64Array(n);
  const stepKl = new Float64Array(T);

  // L_T: q(x_T | x_0) = N(√ᾱ_T x_0, (1 − ᾱ_T) I) against the prior N(0, I).
  const abT = schedule.alphaBars[T - 1]!;
  const zero = new Float64Array(dim);
  let prior = 0;
  for (let p = 0; p < n; p++) {
    const m = Array.from(row(x0, p, dim), (v) => Math.sqrt(abT) * v);
    const kl = klIsotropic(m, 1 - abT, zero, 1);
    perPoint[p] = perPoint[p]! + kl;
    prior += kl / n;
  }

  let decoder = 0;
  for (let i = T - 1; i >= 0; i--) {
    const xt = qSample(x0, rng.normals(x0.length), i, schedule);
    const eps = await epsFn(xt, i);
    const modelMean = reverseMeanFromEps(xt, eps, i, schedule);
    await onProgress?.(T - i, T);
    if (i === 0) {
      // L_0: the decoder's negative log density of the data, with variance β_1.
      for (let p = 0; p < n; p++) {
        const nll = -isotropicLogPdf(row(x0, p, dim), row(modelMean, p, dim), schedule.betas[0]!);
        perPoint[p] = perPoint[p]! + nll;
        decoder += nll / n;
      }
      continue;
    }
    const qMean = posteriorMean(x0, xt, i, schedule);
    const varQ = schedule.posteriorVariance[i]!;
    const varP = ddpmStepVariance(i, schedule, variance);
    let sum = 0;
    for (let p = 0; p < n; p++) {
      const kl = klIsotropic(row(qMean, p, dim), varQ, row(modelMean, p, dim), varP);
      perPoint[p] = perPoint[p]! + kl;
      sum += kl;
    }
    stepKl[i] = sum / n;
  }
  let total = prior + decoder;
  for (let i = 0; i < T; i++) total += stepKl[i]!;
  return { prior, stepKl, decoder, total, perPoint };
}
