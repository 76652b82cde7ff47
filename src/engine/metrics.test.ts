import { describe, it, expect } from 'vitest';
import { energyDistance, medianPairwiseDistance, rbfMmd } from './metrics';
import { makeRng } from './rng';
import { makeDataset } from './datasets';
import { expectInputError } from './expectInputError';


/**
 * erf by its Maclaurin series Σ (−1)ᵏ x^(2k+1) / (k! (2k+1)) · 2/√π: error < 1e-13 for |x| ≤ 1.5
 * (the closed forms use |x| ≤ 1.5), < 1e-9 up to |x| ≤ 4.3 (cancellation), which the quadratures use.
 */
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let k = 1; k < 200; k++) {
    term *= (-x * x) / k;
    sum += term / (2 * k + 1);
    if (Math.abs(term) < 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
/** Standard normal CDF; beyond |x| = 6 it returns 0 or 1 (true tail < 1e-9). */
const Phi = (x: number): number => (x > 6 ? 1 : x < -6 ? 0 : 0.5 * (1 + erf(x / Math.SQRT2)));

/** E f(X), X ~ N(0, 1), by composite Simpson on [−12, 12] with 4800 steps (mass outside < 1e-32). */
function normalExpectation(f: (x: number) => number): number {
  const steps = 4800;
  const h = 24 / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const x = -12 + i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    sum += w * f(x) * Math.exp(-(x * x) / 2);
  }
  return (sum * h) / 3 / Math.sqrt(2 * Math.PI);
}

/** n·dim numbers from N(shift, I). */
function gaussian(n: number, dim: number, seed: number, shift: readonly number[] = []): Float64Array {
  const rng = makeRng(seed);
  const out = new Float64Array(n * dim);
  for (let i = 0; i < n; i++) for (let k = 0; k < dim; k++) out[i * dim + k] = rng.normal() + (shift[k] ?? 0);
  return out;
}

describe('test helpers (checked against tabulated values)', () => {
  it('normal CDF', () => {
    expect(Phi(0)).toBe(0.5);
    expect(Phi(1)).toBeCloseTo(0.8413447460685429, 12);
    expect(Phi(-1.959963984540054)).toBeCloseTo(0.025, 12);
    expect(Phi(-4)).toBeCloseTo(3.167124183311992e-5, 9);
  });
  it('Gaussian quadrature', () => {
    expect(normalExpectation(() => 1)).toBeCloseTo(1, 12);
    expect(normalExpectation((x) => x * x)).toBeCloseTo(1, 12);
    expect(normalExpectation((x) => x ** 4)).toBeCloseTo(3, 12);
  });
});

describe('energyDistance', () => {
  it('hand-computed 1D case: a = {0, 2}, b = {1, 3}', () => {
    // cross |a−b|: 1, 3, 1, 1 → mean 6/4; within a: 0, 2, 2, 0 → 1; within b likewise 1.
    // ED = 2·1.5 − 1 − 1 = 1.
    expect(energyDistance(Float64Array.of(0, 2), Float64Array.of(1, 3), 1)).toBeCloseTo(1, 14);
  });
  it('hand-computed 1D case with unequal sizes: a = {0, 2}, b = {1, 1, 4}', () => {
    // cross: 1, 1, 4, 1, 1, 2 → 10/6; within a: 4/4 = 1; within b (9 ordered pairs, 3 diagonal):
    // |1−1| = 0 twice, |1−4| = 3 four times → 12/9. ED = 20/6 − 1 − 4/3 = 1.
    expect(energyDistance(Float64Array.of(0, 2), Float64Array.of(1, 1, 4), 1)).toBeCloseTo(1, 14);
  });
  it('hand-computed 2D and 3D cases: two point masses at distance 5 and 3', () => {
    // All within-set distances are 0 and all cross distances equal ‖(3,4)‖ = 5: ED = 2·5.
    expect(energyDistance(Float32Array.of(0, 0, 0, 0), Float32Array.of(3, 4, 3, 4), 2)).toBeCloseTo(10, 12);
    // ‖(1,2,2)‖ = 3: ED = 6.
    expect(energyDistance(Float64Array.of(0, 0, 0, 0, 0, 0), Float64Array.of(1, 2, 2, 1, 2, 2), 3)).toBeCloseTo(6, 12);
  });
  it('is 0 for identical samples and symmetric', () => {
    const a = gaussian(500, 2, 1);
    const b = gaussian(400, 2, 2, [0.3, 0]);
    expect(energyDistance(a, a, 2)).toBeLessThan(1e-12);
    expect(energyDistance(a, b, 2)).toBeCloseTo(energyDistance(b, a, 2), 12);
  });
  it('is ≈ 0 for two large samples of one distribution and clearly > 0 for a shifted one', () => {
    const n = 2000;
    // For one distribution E[ED_V] = E‖X − X′‖·(1/n + 1/m) = √π · 2/n ≈ 0.0018 for N(0, I₂).
    const same = energyDistance(gaussian(n, 2, 1), gaussian(n, 2, 2), 2);
    expect(same).toBeLessThan(0.01);
    const shifted = energyDistance(gaussian(n, 2, 1), gaussian(n, 2, 2, [0.5, 0]), 2);
    expect(shifted).toBeGreaterThan(0.03);
    const moons = makeDataset('twoMoons', n, 1).points;
    expect(energyDistance(moons, makeDataset('twoMoons', n, 2).points, 2)).toBeLessThan(0.01);
    expect(energyDistance(moons, makeDataset('eightGaussians', n, 2).points, 2)).toBeGreaterThan(0.05);
  });
  it('matches the closed form for N(0,1) vs N(μ,1) in 1D', () => {
    // ED = 2E|X − Y| − E|X − X′| − E|Y − Y′|, X − Y ~ Z ~ N(−μ, 2) (|Z| symmetric in μ), X − X′ ~ N(0, 2):
    // E|Z| = s√(2/π) e^(−μ²/2s²) + μ(1 − 2Φ(−μ/s)), s = √2, and E|X − X′| = 2/√π.
    // The V-statistic adds the known bias δ(1/n + 1/m), δ = 2/√π.
    // Spread: the first-order (Hoeffding) term is (2/n)Σ g(X_i) + (2/m)Σ g̃(Y_j) with
    // g(x) = E|x − Y| − E|x − X′|, g′(x) = 2(Φ(x − μ) − Φ(x)); g̃ is its mirror image, with the same
    // law. The Gaussian Poincaré inequality gives Var g(X) ≤ V = E g′(X)² (by quadrature), so the
    // sd is ≤ 2√(V(1/n + 1/m)) per replicate, /√K for the mean of K replicates. Tolerance: 4 such
    // sds plus 2δ/n for the O(1/n) second-order term.
    const n = 4000;
    const K = 2;
    const s = Math.SQRT2;
    const delta = 2 / Math.sqrt(Math.PI);
    for (const mu of [1, 2]) {
      const absZ = s * Math.sqrt(2 / Math.PI) * Math.exp(-(mu * mu) / (2 * s * s)) + mu * (1 - 2 * Phi(-mu / s));
      const expected = 2 * absZ - 2 * delta + (2 * delta) / n;
      let mean = 0;
      for (let r = 0; r < K; r++) mean += energyDistance(gaussian(n, 1, 100 + r), gaussian(n, 1, 200 + r, [mu]), 1) / K;
      const V = normalExpectation((x) => (2 * (Phi(x - mu) - Phi(x))) ** 2);
      const sd = (2 * Math.sqrt((2 * V) / n)) / Math.sqrt(K);
      expect(Math.abs(mean - expected)).toBeLessThan(4 * sd + (2 * delta) / n);
    }
  });
  it('rejects bad input', () => {
    const ok = Float64Array.of(0, 0, 1, 1);
    expectInputError(() => energyDistance(ok, ok, 0), 'dim');
    expectInputError(() => energyDistance(ok, ok, 1.5), 'dim');
    expectInputError(() => energyDistance(Float64Array.of(0, 0, 1), ok, 2), 'a');
    expectInputError(() => energyDistance(ok, Float64Array.of(0, 0), 2), 'b');
    expectInputError(() => energyDistance(Float64Array.of(0, Number.NaN, 1, 1), ok, 2), 'a');
    expectInputError(() => energyDistance(ok, Float64Array.of(0, 0, Infinity, 1), 2), 'b');
  });
});

describe('rbfMmd', () => {
  it('hand-computed 1D case with h = 1: a = {0, 1}, b = {3, 4}', () => {
    // k(x, y) = exp(−(x − y)²/2). Within a (i ≠ j): e^(−1/2); within b: e^(−1/2).
    // Cross distances 3, 4, 2, 3 → mean (2e^(−9/2) + e^(−8) + e^(−2))/4. MMD² = 2e^(−1/2) − 2·cross.
    const expected = 2 * Math.exp(-0.5) - (2 * Math.exp(-4.5) + Math.exp(-8) + Math.exp(-2)) / 2;
    expect(rbfMmd(Float64Array.of(0, 1), Float64Array.of(3, 4), 1, 1)).toBeCloseTo(expected, 14);
  });
  it('hand-computed 2D case with h = 1: two point masses at distance 5', () => {
    // Within-set kernels are 1 (i ≠ j only), cross kernels e^(−25/2): MMD² = 2 − 2e^(−12.5).
    expect(rbfMmd(Float32Array.of(0, 0, 0, 0), Float32Array.of(3, 4, 3, 4), 2, 1)).toBeCloseTo(2 - 2 * Math.exp(-12.5), 14);
  });
  it('is unbiased, so small samples of one distribution can give a negative value', () => {
    // a = {0, 1}, b = {0, 2}, h = 1: e^(−1/2) + e^(−2) − (1 + e^(−2) + 2e^(−1/2))/2 = (e^(−2) − 1)/2.
    expect(rbfMmd(Float64Array.of(0, 1), Float64Array.of(0, 2), 1, 1)).toBeCloseTo((Math.exp(-2) - 1) / 2, 14);
  });
  it('defaults the bandwidth to the median pairwise distance of the pooled sample', () => {
    // Pooled {0, 1, 3, 4}: distances 1, 3, 4, 2, 3, 1 → sorted 1 1 2 3 3 4, median (2 + 3)/2.
    const a = Float64Array.of(0, 1);
    const b = Float64Array.of(3, 4);
    expect(medianPairwiseDistance(a, b, 1)).toBe(2.5);
    expect(rbfMmd(a, b, 1)).toBe(rbfMmd(a, b, 1, 2.5));
    // Pooled {0, 1, 2, 4, 8, 16}: 15 distances 1 1 2 2 3 4 4 6 7 8 8 12 14 15 16, median the 8th = 6.
    expect(medianPairwiseDistance(Float64Array.of(0, 1, 2), Float64Array.of(4, 8, 16), 1)).toBe(6);
    // Subsample of 3 evenly spaced points (indices 0, 2, 4 → 0, 2, 8): distances 2, 8, 6 → 6.
    expect(medianPairwiseDistance(Float64Array.of(0, 1, 2), Float64Array.of(4, 8, 16), 1, 3)).toBe(6);
  });
  it('is ≈ 0 for one distribution and clearly positive for different ones', () => {
    const n = 1000;
    // Unbiased: mean 0; under H₀ the statistic is degenerate with sd O(1/n) ≈ a few 1e-3 (kernel ≤ 1).
    const moons = makeDataset('twoMoons', n, 1).points;
    const otherMoons = makeDataset('twoMoons', n, 2).points;
    const gaussians = makeDataset('eightGaussians', n, 2).points;
    const same = rbfMmd(moons, otherMoons, 2);
    expect(Math.abs(same)).toBeLessThan(0.01);
    expect(Math.abs(rbfMmd(gaussian(n, 2, 1), gaussian(n, 2, 2), 2))).toBeLessThan(0.01);
    // The median bandwidth (≈ 1.4 on standardised data) blurs the clusters, so that gap is small;
    // a bandwidth on the scale of the clusters shows it clearly.
    expect(rbfMmd(moons, gaussians, 2)).toBeGreaterThan(Math.max(0, same));
    expect(rbfMmd(moons, gaussians, 2, 0.5)).toBeGreaterThan(0.03);
    expect(Math.abs(rbfMmd(moons, otherMoons, 2, 0.5))).toBeLessThan(0.01);
  });
  it('matches the closed form for N(0,1) vs N(μ,1) in 1D with h = 1', () => {
    // For Z ~ N(m, v): E exp(−Z²/2h²) = √(h²/(h² + v)) exp(−m²/(2(h² + v))). X − X′, Y − Y′ ~ N(0, 2),
    // X − Y ~ N(−μ, 2), so MMD² = 2√(h²/(h² + 2)) (1 − exp(−μ²/(2(h² + 2)))); the estimator is unbiased.
    // Spread: the first-order term is (2/n)Σ f(X_i) + (2/m)Σ f̃(Y_j), f(x) = E k(x, X′) − E k(x, Y)
    // = c(e^(−x²/2v) − e^(−(x−μ)²/2v)), c = √(h²/v), v = h² + 1; f̃ is its mirror image. Poincaré:
    // Var f(X) ≤ V = E f′(X)² (quadrature), so sd ≤ 2√(V(1/n + 1/m)); 4 sds plus 2/n (O(1/n) rest).
    const n = 2000;
    const mu = 2;
    const h = 1;
    const expected = 2 * Math.sqrt((h * h) / (h * h + 2)) * (1 - Math.exp(-(mu * mu) / (2 * (h * h + 2))));
    const got = rbfMmd(gaussian(n, 1, 300), gaussian(n, 1, 400, [mu]), 1, h);
    const v = h * h + 1;
    const c = Math.sqrt((h * h) / v);
    const fPrime = (x: number): number =>
      c * ((-x / v) * Math.exp(-(x * x) / (2 * v)) + ((x - mu) / v) * Math.exp(-((x - mu) ** 2) / (2 * v)));
    const V = normalExpectation((x) => fPrime(x) ** 2);
    const sd = 2 * Math.sqrt((2 * V) / n);
    expect(Math.abs(got - expected)).toBeLessThan(4 * sd + 2 / n);
  });
  it('rejects bad input', () => {
    const ok = Float64Array.of(0, 0, 1, 1);
    expectInputError(() => rbfMmd(ok, ok, 0), 'dim');
    expectInputError(() => rbfMmd(Float64Array.of(0, 0), ok, 2), 'a');
    expectInputError(() => rbfMmd(ok, Float64Array.of(0, 0, 1), 2), 'b');
    expectInputError(() => rbfMmd(ok, ok, 2, 0), 'bandwidth');
    expectInputError(() => rbfMmd(ok, ok, 2, -1), 'bandwidth');
    expectInputError(() => rbfMmd(ok, ok, 2, Number.NaN), 'bandwidth');
  });
});
