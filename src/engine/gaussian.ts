/** Gaussian densities and KL divergences in closed form (the prerequisites chapter and the ELBO). */
import { EngineInputError, requireInteger } from './inputError';
import type { Rng } from './rng';

/** N(x; μ, σ²) = exp(−(x − μ)² / 2σ²) / √(2πσ²), the Gaussian density (eq. 2.1). */
export function gaussianPdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
}

/**
 * log N(x; μ, σ²) = −(x − μ)²/(2σ²) − log σ − ½ log 2π, the log of eq. 2.1 written out, so it stays
 * finite far in the tails, where the density itself underflows to 0 (at 30σ it is ~1e-196; at 40σ, 0).
 */
export function gaussianLogPdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI);
}

/**
 * Monte-Carlo estimate of KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = E_p[log p(x) − log q(x)] (eq. 2.8) from `n`
 * draws of p, with its standard error √(Var/n). Uses the log-densities, never log of a density.
 */
export function klGaussianMonteCarlo(mu1: number, sigma1: number, mu2: number, sigma2: number, n: number, rng: Rng): { mean: number; se: number } {
  requireInteger('n', n, 2);
  let sum = 0;
  let sumSq = 0;
  for (let k = 0; k < n; k++) {
    const x = mu1 + sigma1 * rng.normal();
    const v = gaussianLogPdf(x, mu1, sigma1) - gaussianLogPdf(x, mu2, sigma2);
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  return { mean, se: Math.sqrt(Math.max(0, sumSq / n - mean * mean) / n) };
}

/** log N(x; m, v·I) for a d-dimensional point with isotropic variance v: the log of the product of eq. 2.2. */
export function isotropicLogPdf(x: ArrayLike<number>, mean: ArrayLike<number>, variance: number): number {
  let sq = 0;
  for (let k = 0; k < x.length; k++) sq += (x[k]! - mean[k]!) ** 2;
  return -0.5 * (x.length * Math.log(2 * Math.PI * variance) + sq / variance);
}

/** KL(N(μ₁, σ₁²) ‖ N(μ₂, σ₂²)) = log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²) / (2σ₂²) − 1/2, eq. 2.8 in closed form (eq. 2.9). */
export function klGaussian(mu1: number, var1: number, mu2: number, var2: number): number {
  return 0.5 * (Math.log(var2 / var1) + (var1 + (mu1 - mu2) ** 2) / var2 - 1);
}

/** KL(N(m_q, v_q I) ‖ N(m_p, v_p I)) in d dimensions (eq. 5.7): the closed form of the per-step ELBO term L_{t−1} (eq. 5.6). */
export function klIsotropic(meanQ: ArrayLike<number>, varQ: number, meanP: ArrayLike<number>, varP: number): number {
  const d = meanQ.length;
  let sq = 0;
  for (let k = 0; k < d; k++) sq += (meanQ[k]! - meanP[k]!) ** 2;
  return 0.5 * (d * Math.log(varP / varQ) + (d * varQ + sq) / varP - d);
}

/**
 * Var(Σ_k a_k ε_k) = Σ_k a_k² for independent ε_k ~ N(0, 1): the weighted sum is again Gaussian,
 * N(0, Σ_k a_k²) (eq. 2.3; with two terms, a ε₁ + b ε₂ ~ N(0, a² + b²)).
 */
export function independentSumVariance(coefs: readonly number[]): number {
  let v = 0;
  for (const a of coefs) {
    if (!Number.isFinite(a)) throw new EngineInputError('coefs', 'finite numbers', a);
    v += a * a;
  }
  return v;
}
