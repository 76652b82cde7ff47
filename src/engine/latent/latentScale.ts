/**
 * Latent standardisation (chapter 7's data-scale point): the forward process
 * x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε assumes data on the scale of ε, so the autoencoder's codes are
 * shifted and scaled per axis to mean 0 and variance 1 before the DDPM sees them,
 *   u_k = (z_k − m_k) / s_k,   m_k = mean of z_k over the training codes, s_k its standard deviation,
 * and the DDPM's samples are mapped back, z_k = u_k s_k + m_k, before decoding. The map is fitted
 * once, on the training codes, and then applied unchanged to any other code.
 */
import { EngineInputError } from '../inputError';
import { standardizePerAxis, unstandardize } from '../datasets/pointSet';

/** Per-axis mean m and standard deviation s of the training codes (length d each). */
export interface LatentScale {
  mean: Float64Array;
  std: Float64Array;
}

/** Fits m and s to n codes of size d (row-major); s of a constant axis is 1. */
export function fitLatentScale(codes: Float32Array, d: number): LatentScale {
  const { mean, std } = standardizePerAxis(codes, codes.length / d, d);
  return { mean, std };
}

/** u = (z − m) / s, row by row. */
export function toStandardLatents(codes: Float32Array, scale: LatentScale): Float32Array {
  const d = scale.mean.length;
  if (codes.length % d !== 0) throw new EngineInputError('codes', `rows of ${d} numbers`, codes.length);
  return codes.map((v, i) => (v - scale.mean[i % d]!) / scale.std[i % d]!);
}

/** z = u s + m, row by row: the inverse of toStandardLatents, the code eq. 9.5 decodes. */
export function fromStandardLatents(standard: Float32Array, scale: LatentScale): Float32Array {
  return unstandardize(standard, scale.mean, scale.std);
}
