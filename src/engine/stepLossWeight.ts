/**
 * The per-step ELBO term as a weighted squared error in the noise (eq. 5.8): for t ≥ 2,
 *   L_{t−1} = KL(q(x_{t−1} | x_t, x_0) ‖ p_θ(x_{t−1} | x_t)) = w_t ‖ε − ε_θ(x_t, t)‖² + C_t,
 *   w_t = β_t² / (2 σ_t² α_t (1 − ᾱ_t)),   C_t = (d/2) (log(σ_t²/σ̃²_t) + σ̃²_t/σ_t² − 1),
 * from the Gaussian KL of eq. 5.7 with μ̃_t − μ_θ = β_t/(√α_t √(1 − ᾱ_t)) · (ε_θ − ε) (eq. 4.7 minus
 * eq. 4.9). C_t = 0 when σ_t² = σ̃²_t. `i` is the 0-indexed timestep (t = i + 1).
 */
import { ddpmStepVariance, type DdpmVariance } from './ddpmStep';
import { requireInteger } from './inputError';
import type { Schedule } from './schedule';

/**
 * w_t = β_t² / (2 σ_t² α_t (1 − ᾱ_t)) (eq. 5.8), with σ_t² from eq. 6.2. At t = 1 (i = 0) the
 * variance is the decoder's β_1, and the same formula gives L_0's weight 1/(2α_1).
 */
export function stepLossWeight(i: number, schedule: Schedule, variance: DdpmVariance): number {
  requireInteger('i', i, 0, schedule.T - 1);
  const beta = schedule.betas[i]!;
  const sigma2 = i === 0 ? beta : ddpmStepVariance(i, schedule, variance);
  return (beta * beta) / (2 * sigma2 * schedule.alphas[i]! * (1 - schedule.alphaBars[i]!));
}

/** C_t = (d/2)(log(σ_t²/σ̃²_t) + σ̃²_t/σ_t² − 1) of eq. 5.8 for t ≥ 2 (i ≥ 1): the variance mismatch, 0 when σ_t² = σ̃²_t. */
export function stepLossConstant(i: number, schedule: Schedule, variance: DdpmVariance, dim: number): number {
  requireInteger('i', i, 1, schedule.T - 1);
  requireInteger('dim', dim, 1);
  const vq = schedule.posteriorVariance[i]!;
  const vp = ddpmStepVariance(i, schedule, variance);
  return (dim / 2) * (Math.log(vp / vq) + vq / vp - 1);
}
