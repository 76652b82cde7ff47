import { describe, expect, it } from 'vitest';
import { expectInputError } from './expectInputError';
import { gaussianLogPdf, gaussianPdf, independentSumVariance, isotropicLogPdf, klGaussian, klGaussianMonteCarlo, klIsotropic } from './gaussian';
import { makeRng } from './rng';

describe('Gaussian density and KL', () => {
  it('the density integrates to 1 and peaks at 1/√(2πσ²)', () => {
    let integral = 0;
    const h = 1e-3;
    for (let x = -12; x < 14; x += h) integral += gaussianPdf(x, 1, 2) * h;
    expect(integral).toBeCloseTo(1, 5);
    expect(gaussianPdf(1, 1, 2)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI * 4), 12);
  });

  it('the isotropic log density is the sum of per-axis log densities', () => {
    const x = [0.3, -1.2, 2];
    const m = [0, 0.5, 1];
    const expected = x.reduce((s, xi, k) => s + Math.log(gaussianPdf(xi, m[k]!, Math.sqrt(0.7))), 0);
    expect(isotropicLogPdf(x, m, 0.7)).toBeCloseTo(expected, 10);
  });

  it('KL in closed form (eq. 2.9) is 0 for equal Gaussians and matches the integral ∫ p log(p/q) dx (eq. 2.8)', () => {
    expect(klGaussian(0.4, 2, 0.4, 2)).toBeCloseTo(0, 14);
    let integral = 0;
    const h = 1e-3;
    for (let x = -15; x < 15; x += h) {
      const p = gaussianPdf(x, 0.5, 1.3);
      const q = gaussianPdf(x, -1, 0.8);
      if (p > 0) integral += p * Math.log(p / q) * h;
    }
    expect(klGaussian(0.5, 1.3 ** 2, -1, 0.8 ** 2)).toBeCloseTo(integral, 5);
  });

  it('KL agrees with a Monte-Carlo estimate E_p[log p − log q]', () => {
    const rng = makeRng(8);
    const n = 200000;
    let sum = 0;
    let sumSq = 0;
    for (let k = 0; k < n; k++) {
      const x = 2 + 0.5 * rng.normal();
      const v = Math.log(gaussianPdf(x, 2, 0.5) / gaussianPdf(x, 1, 1.5));
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / n;
    const se = Math.sqrt((sumSq / n - mean * mean) / n);
    expect(Math.abs(klGaussian(2, 0.25, 1, 2.25) - mean)).toBeLessThan(5 * se);
  });

  it('the log density is −(x − μ)²/(2σ²) − log σ − ½ log 2π, finite where the density underflows', () => {
    expect(gaussianLogPdf(1, 1, 2)).toBeCloseTo(-Math.log(2) - 0.5 * Math.log(2 * Math.PI), 12);
    expect(gaussianLogPdf(-0.4, 0.7, 1.3)).toBeCloseTo(Math.log(gaussianPdf(-0.4, 0.7, 1.3)), 12);
    // 40 / 0.3 ≈ 133 standard deviations out: the density is exp(−8889) = 0 in double precision.
    expect(gaussianPdf(40, 0, 0.3)).toBe(0);
    expect(gaussianLogPdf(40, 0, 0.3)).toBeCloseTo(-0.5 * (40 / 0.3) ** 2 - Math.log(0.3) - 0.5 * Math.log(2 * Math.PI), 8);
  });

  it('the Monte-Carlo KL stays finite and agrees with the closed form when q is far narrower than p (μ₁ = 3, σ₁ = 3, μ₂ = −3, σ₂ = 0.3)', () => {
    // Closed form: log(0.3/3) + (9 + 36)/(2 · 0.09) − 1/2 = 250 − 1/2 − log 10 ≈ 247.197.
    const exact = 250 - 0.5 - Math.log(10);
    expect(klGaussian(3, 9, -3, 0.09)).toBeCloseTo(exact, 10);
    const mc = klGaussianMonteCarlo(3, 3, -3, 0.3, 4000, makeRng(1));
    expect(Number.isFinite(mc.mean)).toBe(true);
    expect(Number.isFinite(mc.se)).toBe(true);
    expect(mc.se).toBeGreaterThan(0);
    expect(Math.abs(mc.mean - exact)).toBeLessThan(5 * mc.se);
    // The same estimate for an easy pair, against eq. 2.9.
    const easy = klGaussianMonteCarlo(0, 1, 1, 1.5, 20000, makeRng(2));
    expect(Math.abs(easy.mean - klGaussian(0, 1, 1, 2.25))).toBeLessThan(5 * easy.se);
    expectInputError(() => klGaussianMonteCarlo(0, 1, 0, 1, 1, makeRng(3)), 'n');
  });

  it('KL is asymmetric, and the isotropic KL is d times the 1D KL for equal offsets', () => {
    expect(klGaussian(0, 1, 1, 4)).not.toBeCloseTo(klGaussian(1, 4, 0, 1), 3);
    expect(klIsotropic([1, 1, 1], 0.5, [0, 0, 0], 2)).toBeCloseTo(3 * klGaussian(1, 0.5, 0, 2), 12);
  });
});

describe('sums of independent Gaussians (eq. 2.3)', () => {
  it('a ε₁ + b ε₂ has variance a² + b² and the normal shape: 68.27% within 1σ, 95.45% within 2σ', () => {
    const [a, b] = [0.6, -1.3];
    const v = independentSumVariance([a, b]);
    expect(v).toBeCloseTo(0.36 + 1.69, 14);
    const rng = makeRng(31);
    const n = 100000;
    const x = Float64Array.from({ length: n }, () => a * rng.normal() + b * rng.normal());
    let sumSq = 0;
    let within1 = 0;
    let within2 = 0;
    for (const xi of x) {
      sumSq += xi * xi;
      if (Math.abs(xi) < Math.sqrt(v)) within1++;
      if (Math.abs(xi) < 2 * Math.sqrt(v)) within2++;
    }
    // Standard errors: v·√(2/n) for the variance (mean known to be 0), √(p(1 − p)/n) for a proportion.
    expect(Math.abs(sumSq / n - v)).toBeLessThan(5 * v * Math.sqrt(2 / n));
    const p1 = 0.682689;
    const p2 = 0.954500;
    expect(Math.abs(within1 / n - p1)).toBeLessThan(5 * Math.sqrt((p1 * (1 - p1)) / n));
    expect(Math.abs(within2 / n - p2)).toBeLessThan(5 * Math.sqrt((p2 * (1 - p2)) / n));
  });

  it('the forward step keeps unit variance: (√(1 − β))² + (√β)² = 1', () => {
    expect(independentSumVariance([Math.sqrt(1 - 0.02), Math.sqrt(0.02)])).toBeCloseTo(1, 14);
    expect(independentSumVariance([])).toBe(0);
    expectInputError(() => independentSumVariance([1, Number.NaN]), 'coefs');
  });
});
