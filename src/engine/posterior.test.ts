import { describe, expect, it } from 'vitest';
import { forwardStep, qSample } from './forward';
import { expectInputError } from './expectInputError';
import {
  posteriorLogPdf,
  posteriorLogPdfByBayes,
  posteriorMean,
  posteriorPrecision,
  posteriorVariance,
  predictEpsFromX0,
  predictX0FromEps,
  reverseMeanFromEps,
} from './posterior';
import { makeRng } from './rng';
import { makeSchedule } from './schedule';

describe('posterior q(x_{t−1} | x_t, x_0)', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });

  // Bayes by sampling: fix x_0 = c, draw x_{t−1} ~ q(x_{t−1} | x_0) and x_t ~ q(x_t | x_{t−1}).
  // (x_{t−1}, x_t) is then jointly Gaussian, so E[x_{t−1} | x_t] is linear in x_t: a least-squares
  // fit of x_{t−1} on x_t recovers its slope, intercept and residual variance independently of eq. 4.4/4.5.
  for (const i of [5, 100, 600]) {
    it(`matches the sampled conditional moments at t = ${i + 1}`, () => {
      const rng = makeRng(10 + i);
      const n = 200000;
      const c = 0.8;
      const x0 = new Float32Array(n).fill(c);
      const xPrev = qSample(x0, rng.normals(n), i - 1, schedule);
      const xt = forwardStep(xPrev, rng.normals(n), i, schedule);
      let mx = 0;
      let my = 0;
      for (let k = 0; k < n; k++) {
        mx += xt[k]! / n;
        my += xPrev[k]! / n;
      }
      let sxx = 0;
      let sxy = 0;
      for (let k = 0; k < n; k++) {
        sxx += (xt[k]! - mx) ** 2;
        sxy += (xt[k]! - mx) * (xPrev[k]! - my);
      }
      const slope = sxy / sxx;
      const intercept = my - slope * mx;
      let rss = 0;
      for (let k = 0; k < n; k++) rss += (xPrev[k]! - intercept - slope * xt[k]!) ** 2;
      const residualVariance = rss / (n - 2);

      const v = posteriorVariance(i, schedule);
      const seSlope = Math.sqrt(v / sxx);
      expect(Math.abs(slope - schedule.posteriorMeanCoef2[i]!)).toBeLessThan(6 * seSlope);
      // The mean at x_t = x̄ is estimated to within √(v/n).
      const predicted = posteriorMean(Float32Array.of(c), Float32Array.of(mx), i, schedule)[0]!;
      expect(Math.abs(intercept + slope * mx - predicted)).toBeLessThan(6 * Math.sqrt(v / n) + 1e-6);
      expect(Math.abs(residualVariance - v)).toBeLessThan(6 * v * Math.sqrt(2 / n));
    });
  }

  it('x_0 → (x_t, ε) → x_0 round-trips, and so does ε', () => {
    const rng = makeRng(3);
    const x0 = rng.normals(64);
    const eps = rng.normals(64);
    for (const i of [0, 10, 500, 999]) {
      const xt = qSample(x0, eps, i, schedule);
      const back = predictX0FromEps(xt, eps, i, schedule);
      const epsBack = predictEpsFromX0(xt, x0, i, schedule);
      // float32 storage of x_t, amplified by 1/√ᾱ_t, bounds the error.
      const tol = 1e-6 / Math.sqrt(schedule.alphaBars[i]!) + 1e-6;
      for (let k = 0; k < 64; k++) {
        expect(Math.abs(back[k]! - x0[k]!)).toBeLessThan(tol * 8);
        expect(Math.abs(epsBack[k]! - eps[k]!)).toBeLessThan(1e-4);
      }
    }
  });

  it('the reverse mean written with ε (eq. 4.7) equals eq. 4.4 with x̂_0 from eq. 4.6', () => {
    const rng = makeRng(4);
    const xt = rng.normals(32);
    const eps = rng.normals(32);
    for (const i of [1, 50, 999]) {
      const a = reverseMeanFromEps(xt, eps, i, schedule);
      const b = posteriorMean(predictX0FromEps(xt, eps, i, schedule), xt, i, schedule);
      for (let k = 0; k < 32; k++) expect(a[k]).toBeCloseTo(b[k]!, 4);
    }
  });

  it('eq. 4.9 by hand at t = 100 (reference ᾱ_100 = 0.89701815), and eq. 4.12 of the notes is x̂_0 (eq. 4.6), not this mean', () => {
    const i = 99;
    const beta = 1e-4 + (99 * (0.02 - 1e-4)) / 999;
    const ab = 0.89701815;
    const xt = Float32Array.of(1);
    const eps = Float32Array.of(0.5);
    const mean = reverseMeanFromEps(xt, eps, i, schedule)[0]!;
    expect(mean).toBeCloseTo((1 - (beta / Math.sqrt(1 - ab)) * 0.5) / Math.sqrt(1 - beta), 6);
    const x0hat = predictX0FromEps(xt, eps, i, schedule)[0]!;
    expect(x0hat).toBeCloseTo((1 - Math.sqrt(1 - ab) * 0.5) / Math.sqrt(ab), 6);
    expect(Math.abs(x0hat - mean)).toBeGreaterThan(0.1);
  });
});

describe('the posterior by Bayes (eq. 4.1), its precision (eq. 4.2) and its density (eq. 4.3)', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });
  // Reference numbers: β_t = 1e-4 + (t − 1)(0.02 − 1e-4)/999 and ᾱ_100 = 0.89701815 (diffusers' tests).
  const beta100 = 1e-4 + (99 * (0.02 - 1e-4)) / 999;
  const ab100 = 0.89701815;
  const ab99 = ab100 / (1 - beta100);

  it('precisions add: α_t/β_t + 1/(1 − ᾱ_{t−1}) = (1 − ᾱ_t)/(β_t (1 − ᾱ_{t−1})) = 1/σ̃²_t, by hand at t = 100', () => {
    const byHand = (1 - ab100) / (beta100 * (1 - ab99));
    expect(posteriorPrecision(99, schedule) / byHand).toBeCloseTo(1, 6);
    expect(posteriorPrecision(99, schedule) * posteriorVariance(99, schedule)).toBeCloseTo(1, 10);
    expect(posteriorPrecision(0, schedule)).toBe(Infinity); // ᾱ_0 = 1: knowing x_0 and x_1 pins x_0
  });

  it('Bayes on a grid: the ratio of eq. 4.1 integrates to 1 over x_{t−1}, with mean μ̃_t and variance σ̃²_t by hand', () => {
    const xt = Float64Array.of(0.8);
    const x0 = Float64Array.of(1.4);
    const muByHand = (Math.sqrt(ab99) * beta100 * 1.4 + Math.sqrt(1 - beta100) * (1 - ab99) * 0.8) / (1 - ab100);
    const varByHand = ((1 - ab99) / (1 - ab100)) * beta100;
    const sd = Math.sqrt(varByHand);
    const h = sd / 200;
    let z = 0;
    let m1 = 0;
    let m2 = 0;
    for (let x = muByHand - 12 * sd; x <= muByHand + 12 * sd; x += h) {
      const p = Math.exp(posteriorLogPdfByBayes(Float64Array.of(x), xt, x0, 99, schedule)) * h;
      z += p;
      m1 += p * x;
      m2 += p * x * x;
    }
    expect(z).toBeCloseTo(1, 8);
    expect(m1 / z).toBeCloseTo(muByHand, 6);
    expect((m2 / z - (m1 / z) ** 2) / varByHand).toBeCloseTo(1, 5);
  });

  it('the completed square (eq. 4.3) equals the Bayes ratio (eq. 4.1) at random points, in 3D, at several t', () => {
    const rng = makeRng(51);
    for (const i of [1, 99, 500, 999]) {
      for (let r = 0; r < 5; r++) {
        const x0 = Float64Array.from(rng.normals(3));
        const xt = Float64Array.from(rng.normals(3));
        const xPrev = Float64Array.from(posteriorMean(x0, xt, i, schedule), (m) => m + Math.sqrt(posteriorVariance(i, schedule)) * rng.normal());
        const bayes = posteriorLogPdfByBayes(xPrev, xt, x0, i, schedule);
        expect(posteriorLogPdf(xPrev, xt, x0, i, schedule)).toBeCloseTo(bayes, 6);
      }
    }
  });

  // The numbers chapter 4 quotes for σ̃²_t / β_t = (1 − ᾱ_{t−1}) / (1 − ᾱ_t) on the default linear schedule.
  it('σ̃²_t is well below β_t early (0.455 β₂ by hand) and the ratio rises towards 1: ≈0.85 at t = 10, ≈0.98 at t = 100, within 1% from t = 168 (the page says ≈170)', () => {
    const b1 = 1e-4;
    const b2 = 1e-4 + (0.02 - 1e-4) / 999;
    const byHand = b1 / (1 - (1 - b1) * (1 - b2)); // (1 − ᾱ_1)/(1 − ᾱ_2) with ᾱ_1 = 1 − β_1
    expect(byHand).toBeCloseTo(0.4547, 4);
    const ratio = (t: number): number => posteriorVariance(t - 1, schedule) / schedule.betas[t - 1]!;
    expect(ratio(2)).toBeCloseTo(byHand, 10);
    expect(ratio(10)).toBeGreaterThan(0.84);
    expect(ratio(10)).toBeLessThan(0.86);
    expect(ratio(100)).toBeGreaterThan(0.975);
    expect(ratio(100)).toBeLessThan(0.985);
    for (let t = 3; t <= 1000; t++) {
      expect(ratio(t)).toBeGreaterThan(ratio(t - 1));
      expect(ratio(t)).toBeLessThan(1);
    }
    expect(ratio(167)).toBeLessThan(0.99);
    expect(ratio(168)).toBeGreaterThan(0.99);
  });

  it('has no density at t = 1 (σ̃²_1 = 0), so both refuse i = 0', () => {
    const x = Float64Array.of(0);
    expectInputError(() => posteriorLogPdf(x, x, x, 0, schedule), 'i');
    expectInputError(() => posteriorLogPdfByBayes(x, x, x, 0, schedule), 'i');
  });
});
