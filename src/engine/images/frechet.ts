/**
 * The Fréchet distance between two Gaussians, the distance behind FID (Heusel et al. 2017):
 *   d²(N(μ₁, Σ₁), N(μ₂, Σ₂)) = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁^½ Σ₂ Σ₁^½)^½),
 * written with the symmetric product Σ₁^½ Σ₂ Σ₁^½ (same trace of square root as (Σ₁Σ₂)^½, but
 * symmetric, so both roots come from a Jacobi eigen-decomposition). Here the Gaussians are fitted
 * to the digit classifier's hidden features of generated and of held-out images.
 */
import { EngineInputError } from '../inputError';
import { symmetricEigen, symmetricSqrt } from './symmetricEigen';

export interface GaussianFit {
  dim: number;
  mean: Float64Array;
  /** dim × dim, row-major: the unbiased sample covariance (divides by n − 1, as numpy.cov). */
  cov: Float64Array;
}

/** Mean and covariance of n rows of `x` (n × dim). */
export function fitGaussian(x: ArrayLike<number>, dim: number): GaussianFit {
  const n = x.length / dim;
  if (!Number.isInteger(n) || n < 2) throw new EngineInputError('x', `at least 2 rows of ${dim} values`, x);
  const mean = new Float64Array(dim);
  for (let r = 0; r < n; r++) for (let j = 0; j < dim; j++) mean[j]! += x[r * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j]! /= n;
  const cov = new Float64Array(dim * dim);
  const d = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < dim; j++) d[j] = x[r * dim + j]! - mean[j]!;
    for (let i = 0; i < dim; i++) {
      const di = d[i]!;
      if (di === 0) continue;
      for (let j = i; j < dim; j++) cov[i * dim + j]! += di * d[j]!;
    }
  }
  for (let i = 0; i < dim; i++) {
    for (let j = i; j < dim; j++) {
      cov[i * dim + j]! /= n - 1;
      cov[j * dim + i] = cov[i * dim + j]!;
    }
  }
  return { dim, mean, cov };
}

/** d² between two fitted Gaussians (eq. 8.3: ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2(Σ₁^½ Σ₂ Σ₁^½)^½); ≥ 0, 0 for identical ones). */
export function frechetDistance(a: GaussianFit, b: GaussianFit): number {
  const n = a.dim;
  if (b.dim !== n) throw new EngineInputError('b.dim', `${n} (as a.dim)`, b.dim);
  let meanTerm = 0;
  for (let i = 0; i < n; i++) meanTerm += (a.mean[i]! - b.mean[i]!) ** 2;
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a.cov[i * n + i]! + b.cov[i * n + i]!;
  // M = S Σ₂ S with S = Σ₁^½; tr(M^½) = Σ √λ_i(M).
  const s = symmetricSqrt(a.cov, n);
  const tmp = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const sik = s[i * n + k]!;
      if (sik === 0) continue;
      for (let j = 0; j < n; j++) tmp[i * n + j]! += sik * b.cov[k * n + j]!;
    }
  }
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += tmp[i * n + k]! * s[k * n + j]!;
      m[i * n + j] = sum;
      m[j * n + i] = sum;
    }
  }
  const traceRoot = symmetricEigen(m, n).values.reduce((acc, l) => acc + Math.sqrt(Math.max(l, 0)), 0);
  return Math.max(0, meanTerm + trace - 2 * traceRoot);
}

/** The Fréchet distance between Gaussians fitted to two feature sets (rows of `dim` values). */
export function frechetOfFeatures(x: ArrayLike<number>, y: ArrayLike<number>, dim: number): number {
  return frechetDistance(fitGaussian(x, dim), fitGaussian(y, dim));
}
