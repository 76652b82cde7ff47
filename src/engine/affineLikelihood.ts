/**
 * The exact log-likelihood log p_θ(x_0) = log ∫ p_θ(x_{0:T}) dx_{1:T} (eq. 5.2), in the one case
 * where the integral has a closed form: a noise predictor that is affine in x_t, coordinate by
 * coordinate, ε_θ(x_t, t) = k_t x_t + c_t (the exact denoiser of Gaussian data is one). Then each
 * reverse step of eq. 4.8 is x_{t−1} = a_t x_t + b_t + σ_t z with
 *   a_t = (1 − β_t k_t / √(1 − ᾱ_t)) / √α_t,   b_t = −β_t c_t / (√(1 − ᾱ_t) √α_t)   (eq. 4.9),
 * so starting from x_T ~ N(0, 1) the marginal of x_0 stays Gaussian: m ← a_t m + b_t,
 * v ← a_t² v + σ_t². σ_t² is from eq. 6.2 for t ≥ 2 and the decoder's β_1 at t = 1, as in the ELBO.
 * It lets tests check the bound of eq. 5.3 against the true likelihood.
 */
import { ddpmStepVariance, type DdpmVariance } from './ddpmStep';
import { EngineInputError } from './inputError';
import type { Schedule } from './schedule';

/** ε_θ(x, t) = slope[i] · x + intercept[i] for one coordinate, i the 0-indexed timestep (length T each). */
export interface AffineEps {
  slope: ArrayLike<number>;
  intercept: ArrayLike<number>;
}

/** Mean and variance of p_θ(x_0) for one coordinate under the affine noise predictor `eps`. */
export function affineModelMarginal(schedule: Schedule, eps: AffineEps, variance: DdpmVariance): { mean: number; variance: number } {
  const { T } = schedule;
  if (eps.slope.length !== T || eps.intercept.length !== T) throw new EngineInputError('eps', `slope and intercept of length T = ${T}`, eps.slope.length);
  let m = 0;
  let v = 1;
  for (let i = T - 1; i >= 0; i--) {
    const beta = schedule.betas[i]!;
    const sa = Math.sqrt(schedule.alphas[i]!);
    const s = beta / Math.sqrt(1 - schedule.alphaBars[i]!);
    const a = (1 - s * eps.slope[i]!) / sa;
    const b = (-s * eps.intercept[i]!) / sa;
    const sigma2 = i === 0 ? beta : ddpmStepVariance(i, schedule, variance);
    m = a * m + b;
    v = a * a * v + sigma2;
  }
  return { mean: m, variance: v };
}

/** log p_θ(x_0) for one coordinate under the affine noise predictor `eps` (eq. 5.2 in closed form). */
export function affineModelLogLikelihood(x0: number, schedule: Schedule, eps: AffineEps, variance: DdpmVariance): number {
  const { mean, variance: v } = affineModelMarginal(schedule, eps, variance);
  return -0.5 * (Math.log(2 * Math.PI * v) + ((x0 - mean) * (x0 - mean)) / v);
}
