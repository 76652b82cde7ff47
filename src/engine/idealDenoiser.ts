/**
 * The best possible one-shot denoiser of chapter 7 for a finite dataset (eq. 7.3). Squared error
 * (eq. 7.2) is minimised by the conditional mean f*(x̃) = E[x_0 | x̃], and with x̃ = √ᾱ x_0 + √(1 − ᾱ) ε
 * and x_0 drawn uniformly from the n data points that is a softmax-weighted average of the data:
 *   E[x_0 | x̃] = Σ_k w_k x_k,   w_k ∝ exp(−‖x̃ − √ᾱ x_k‖² / (2(1 − ᾱ))).
 * At ᾱ = 0 (x̃ is pure noise) every w_k is 1/n, so f* returns the data mean for every input; as
 * ᾱ → 1 it snaps onto the nearest data point.
 */
import { EngineInputError, requireInteger } from './inputError';

/** E[x_0 | x̃] for each row of `noisy` (row-major, dim columns), x_0 uniform over the rows of `data`; ᾱ in [0, 1). */
export function idealDenoiser(noisy: ArrayLike<number>, data: ArrayLike<number>, dim: number, alphaBar: number): Float32Array {
  requireInteger('dim', dim, 1);
  if (noisy.length % dim !== 0) throw new EngineInputError('noisy', `a row-major array whose length is a multiple of dim = ${dim}`, noisy.length);
  if (data.length === 0 || data.length % dim !== 0) throw new EngineInputError('data', `a non-empty row-major array whose length is a multiple of dim = ${dim}`, data.length);
  if (!(alphaBar >= 0 && alphaBar < 1)) throw new EngineInputError('alphaBar', 'a number in [0, 1)', alphaBar);
  const n = data.length / dim;
  const rows = noisy.length / dim;
  const a = Math.sqrt(alphaBar);
  const twoVar = 2 * (1 - alphaBar);
  const out = new Float32Array(noisy.length);
  const logW = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let k = 0; k < n; k++) {
      let d2 = 0;
      for (let c = 0; c < dim; c++) d2 += (noisy[r * dim + c]! - a * data[k * dim + c]!) ** 2;
      logW[k] = -d2 / twoVar;
      if (logW[k]! > max) max = logW[k]!;
    }
    let z = 0;
    const acc = new Float64Array(dim);
    for (let k = 0; k < n; k++) {
      const w = Math.exp(logW[k]! - max); // log-sum-exp: the largest weight is 1, nothing overflows
      z += w;
      for (let c = 0; c < dim; c++) acc[c] = acc[c]! + w * data[k * dim + c]!;
    }
    for (let c = 0; c < dim; c++) out[r * dim + c] = acc[c]! / z;
  }
  return out;
}
