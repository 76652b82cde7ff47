import { describe, expect, it } from 'vitest';
import { expectInputError } from './expectInputError';
import { expectedValue, klByQuadrature, meanOfDensity } from './expectation';
import { makeRng } from './rng';

// Densities written out here from their textbook formulas (not taken from the engine).
const normal = (mu: number, sigma: number) => (x: number): number => Math.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI));
const exponential = (rate: number) => (x: number): number => (x >= 0 ? rate * Math.exp(-rate * x) : 0);

describe('E[X] = ∫ x p(x) dx (eq. 2.4)', () => {
  it('is μ for N(μ, σ²) and 1/λ for an exponential with rate λ', () => {
    expect(meanOfDensity(normal(1.5, 0.7), 1.5 - 10 * 0.7, 1.5 + 10 * 0.7)).toBeCloseTo(1.5, 10);
    // Simpson's error bound (b − a) h⁴ max|f⁗| / 180 with h = 0.02 and f⁗(0) = 64 is ≈ 2e-6.
    expect(meanOfDensity(exponential(2), 0, 40)).toBeCloseTo(0.5, 6);
  });

  it('is (a + b)/2 for the uniform density on [a, b]', () => {
    expect(meanOfDensity(() => 1 / 3, -1, 2)).toBeCloseTo(0.5, 12);
  });
});

describe('LOTUS: E[g(X)] = ∫ g(x) p(x) dx (eq. 2.5)', () => {
  it('gives E[X²] = σ² for N(0, σ²), the page example, and μ² + σ² off centre', () => {
    expect(expectedValue((x) => x * x, normal(0, 1.3), -13, 13)).toBeCloseTo(1.69, 10);
    expect(expectedValue((x) => x * x, normal(-0.8, 0.6), -7, 6)).toBeCloseTo(0.64 + 0.36, 10);
  });

  it('gives the lognormal mean E[e^X] = exp(μ + σ²/2) without the density of e^X', () => {
    expect(expectedValue(Math.exp, normal(0.3, 0.5), -5, 6)).toBeCloseTo(Math.exp(0.3 + 0.125), 9);
  });

  it('agrees with the average of g over random draws, within five standard errors', () => {
    const rng = makeRng(21);
    const n = 100000;
    const g = (x: number): number => Math.cos(x) + x * x * x;
    let sum = 0;
    let sumSq = 0;
    for (let k = 0; k < n; k++) {
      const v = g(0.4 + 0.9 * rng.normal());
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / n;
    const se = Math.sqrt((sumSq / n - mean * mean) / n);
    expect(Math.abs(expectedValue(g, normal(0.4, 0.9), -9, 10) - mean)).toBeLessThan(5 * se);
  });

  it('rejects an empty window and an odd number of intervals', () => {
    expectInputError(() => expectedValue((x) => x, normal(0, 1), 1, 1), 'hi');
    expectInputError(() => expectedValue((x) => x, normal(0, 1), -1, 1, 7), 'intervals');
  });
});

describe('KL(p ‖ q) = ∫ p log(p/q) dx (eq. 2.8)', () => {
  it("gives the page's numbers: KL(N(0,1) ‖ N(0,4)) = log 2 + 1/8 − 1/2 ≈ 0.318 and the reverse log(1/2) + 2 − 1/2 ≈ 0.807", () => {
    expect(klByQuadrature(normal(0, 1), normal(0, 2), -20, 20)).toBeCloseTo(Math.log(2) + 1 / 8 - 1 / 2, 9);
    expect(klByQuadrature(normal(0, 2), normal(0, 1), -20, 20)).toBeCloseTo(-Math.log(2) + 2 - 1 / 2, 9);
  });

  it('matches the closed form for two exponentials, log(a/b) + b/a − 1, and is 0 for p = q', () => {
    expect(klByQuadrature(exponential(2), exponential(0.5), 0, 40, 20000)).toBeCloseTo(Math.log(4) + 0.25 - 1, 7);
    expect(klByQuadrature(normal(0.2, 0.9), normal(0.2, 0.9), -10, 10)).toBeCloseTo(0, 12);
  });

  it('is infinite when q is 0 where p is not', () => {
    const uniform = (a: number, b: number) => (x: number): number => (x >= a && x <= b ? 1 / (b - a) : 0);
    expect(klByQuadrature(uniform(0, 2), uniform(0, 1), 0, 2)).toBe(Infinity);
    // The other way round is finite: log 2.
    expect(klByQuadrature(uniform(0, 1), uniform(0, 2), 0, 1)).toBeCloseTo(Math.log(2), 12);
  });
});
