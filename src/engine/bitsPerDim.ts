/**
 * Likelihoods of images in bits per dimension (chapter 8, eq. 8.5 and 8.6).
 *
 * An image is D grey levels k = (k_1 … k_D); a model gives it a probability P(k), and
 *   bits/dim = −log₂ P(k) / D = −ln P(k) / (D ln 2)                                    (eq. 8.5)
 * A uniform guess over 17 levels scores log₂ 17 ≈ 4.09; every bit/dim less is a factor 2 per pixel.
 *
 * A model of continuous x = 2k/16 − 1 (eq. 8.1) has a density p(x), not a probability. Its mass over
 * the image's cell (a cube of side Δ = 2/16 around x) is P(k) = ∫_cell p(u) du, and:
 *   - if p barely changes across a cell, P(k) ≈ p(x) Δ^D (the midpoint rule), so
 *       −log₂ P(k) ≈ −log₂ p(x) − D log₂ Δ,  bits/dim ≈ −ln p(x)/(D ln 2) + log₂(1/Δ)   (eq. 8.6)
 *     (+3 bits/dim for the digits: log₂ 8). Both changes of variables are in Δ: the density of the
 *     levels v = 8(x + 1) is p(x)·(1/8)^D, and a level's bin is 1 wide.
 *   - for x + u with u uniform on the cell (dequantised data), Jensen's inequality gives
 *       −ln P(k) = −ln(Δ^D E_u[p(x + u)]) ≤ E_u[−ln p(x + u)] − D ln Δ,
 *     so eq. 8.6 with the expected −ln p of dequantised data is an upper bound on the discrete bits/dim.
 *   - if p is sharper than a cell (a DDPM decoder with variance β_1 = 10⁻⁴ has σ = 0.01 against
 *     Δ = 0.125), p(x) Δ^D can exceed 1 and eq. 8.6 reports too few bits, even negative ones. The
 *     discretised decoder (eq. 8.7, discreteDecoder.ts) avoids the approximation altogether.
 * An −ELBO bounds −ln p (or −ln P) from above, so both formulas turn it into an upper bound on the
 * model's bits/dim (eq. 8.6 only where its approximation holds).
 */
import { EngineInputError, requireInteger } from './inputError';

function requireFinite(param: string, value: number): void {
  if (!Number.isFinite(value)) throw new EngineInputError(param, 'a finite number', value);
}

/** −ln P(k) in nats over D dimensions → bits per dimension, −log₂ P(k) / D (eq. 8.5). */
export function bitsPerDim(negLogProbNats: number, dim: number): number {
  requireFinite('negLogProbNats', negLogProbNats);
  requireInteger('dim', dim, 1);
  return negLogProbNats / (dim * Math.LN2);
}

/**
 * A continuous −ln p(x) in nats (data scaled so that neighbouring levels are `binWidth` apart) →
 * the discrete bits per dimension it stands for, −ln p/(D ln 2) + log₂(1/Δ) (eq. 8.6).
 */
export function densityBitsPerDim(negLogDensityNats: number, dim: number, binWidth: number): number {
  requireFinite('negLogDensityNats', negLogDensityNats);
  requireInteger('dim', dim, 1);
  if (!(binWidth > 0 && Number.isFinite(binWidth))) throw new EngineInputError('binWidth', 'a finite number > 0', binWidth);
  return (negLogDensityNats - dim * Math.log(binWidth)) / (dim * Math.LN2);
}
