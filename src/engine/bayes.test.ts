import { describe, expect, it } from 'vitest';
import { bayesPosterior, gaussianPosterior } from './bayes';
import { expectInputError } from './expectInputError';
import { makeRng } from './rng';

describe("Bayes' rule (eq. 2.6)", () => {
  it('a 1% prior, 95% sensitivity and 5% false positives give 0.0095 / 0.059 ≈ 16.1%', () => {
    expect(bayesPosterior(0.01, 0.95, 0.05)).toBeCloseTo(0.0095 / (0.0095 + 0.0495), 12);
  });

  it('agrees with counting in a simulated population', () => {
    const rng = makeRng(4);
    let positives = 0;
    let illAndPositive = 0;
    for (let k = 0; k < 200000; k++) {
      const ill = rng.uniform() < 0.1;
      const positive = rng.uniform() < (ill ? 0.8 : 0.1);
      if (positive) {
        positives++;
        if (ill) illAndPositive++;
      }
    }
    const p = illAndPositive / positives;
    const se = Math.sqrt((p * (1 - p)) / positives);
    expect(Math.abs(bayesPosterior(0.1, 0.8, 0.1) - p)).toBeLessThan(5 * se);
  });

  it('an uninformative test leaves the prior unchanged', () => {
    expect(bayesPosterior(0.3, 0.6, 0.6)).toBeCloseTo(0.3, 12);
  });
});

describe("Bayes' rule, all-Gaussian case (eq. 2.7)", () => {
  it('τ = s = 1 and y = 0.5 give posterior mean 0.25 and variance 0.5, as on the page', () => {
    const post = gaussianPosterior(0.5, 1, 1);
    expect(post.mean).toBeCloseTo(0.25, 14);
    expect(post.variance).toBeCloseTo(0.5, 14);
  });

  it('matches prior × likelihood normalised on a grid (Bayes done numerically)', () => {
    const [y, tau2, s2] = [1.7, 2.5, 0.8];
    const pdf = (x: number, m: number, v: number): number => Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
    const h = 1e-3;
    let z = 0;
    let m1 = 0;
    let m2 = 0;
    for (let x = -15; x <= 15; x += h) {
      const w = pdf(x, 0, tau2) * pdf(y, x, s2);
      z += w;
      m1 += w * x;
      m2 += w * x * x;
    }
    const mean = m1 / z;
    const post = gaussianPosterior(y, tau2, s2);
    expect(post.mean).toBeCloseTo(mean, 8);
    expect(post.variance).toBeCloseTo(m2 / z - mean * mean, 8);
  });

  it('agrees with simulated pairs: regressing x on y recovers the slope τ²/(τ² + s²) and the residual variance', () => {
    const [tau2, s2] = [1.5, 0.5];
    const rng = makeRng(17);
    const n = 100000;
    let sxy = 0;
    let syy = 0;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      xs[k] = Math.sqrt(tau2) * rng.normal();
      ys[k] = xs[k]! + Math.sqrt(s2) * rng.normal();
      sxy += xs[k]! * ys[k]!;
      syy += ys[k]! * ys[k]!;
    }
    const slope = sxy / syy;
    const { mean, variance } = gaussianPosterior(1, tau2, s2);
    let rss = 0;
    for (let k = 0; k < n; k++) rss += (xs[k]! - slope * ys[k]!) ** 2;
    // Slope se ≈ √(v_post / Σy²); residual-variance se ≈ v_post √(2/n).
    expect(Math.abs(slope - mean)).toBeLessThan(5 * Math.sqrt(variance / syy));
    expect(Math.abs(rss / n - variance)).toBeLessThan(5 * variance * Math.sqrt(2 / n));
  });

  it('rejects non-positive variances', () => {
    expectInputError(() => gaussianPosterior(0, 0, 1), 'priorVariance');
    expectInputError(() => gaussianPosterior(0, 1, -1), 'noiseVariance');
  });
});
