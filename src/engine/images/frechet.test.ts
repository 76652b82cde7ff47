import { describe, expect, it } from 'vitest';
import { makeRng } from '../rng';
import reference from './fixtures/frechet-reference.json';
import { fitGaussian, frechetDistance, frechetOfFeatures } from './frechet';
import { symmetricEigen, symmetricSqrt } from './symmetricEigen';

describe('Jacobi eigen-decomposition', () => {
  const { n, a, eigenvalues } = reference.symmetric;

  it('finds numpy.linalg.eigh’s eigenvalues, with orthonormal eigenvectors: A V = V Λ', () => {
    const { values, vectors } = symmetricEigen(a, n);
    const sorted = Array.from(values).sort((x, y) => x - y);
    sorted.forEach((l, i) => expect(l).toBeCloseTo(eigenvalues[i]!, 10));
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        let av = 0;
        for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[j * n + k]!;
        expect(av).toBeCloseTo(values[k]! * vectors[i * n + k]!, 10);
        let dot = 0;
        for (let j = 0; j < n; j++) dot += vectors[j * n + i]! * vectors[j * n + k]!;
        expect(dot).toBeCloseTo(i === k ? 1 : 0, 12);
      }
    }
  });

  it('gives a square root S of a covariance with S·S = Σ', () => {
    const rng = makeRng(1);
    const fit = fitGaussian(rng.normals(50 * 5), 5);
    const s = symmetricSqrt(fit.cov, 5);
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 5; j++) {
        let ss = 0;
        for (let k = 0; k < 5; k++) ss += s[i * 5 + k]! * s[k * 5 + j]!;
        expect(ss).toBeCloseTo(fit.cov[i * 5 + j]!, 10);
      }
    }
  });
});

describe('Fréchet distance between fitted Gaussians', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('matches numpy + scipy.linalg.sqrtm on %s', (_, c) => {
    const got = frechetOfFeatures(c.x, c.y, c.dim);
    expect(Math.abs(got - c.frechet)).toBeLessThan(1e-7 * Math.max(1, c.frechet));
  });

  it('is 0 between a set and itself and symmetric in its arguments', () => {
    const c = reference.cases[0]!;
    expect(frechetOfFeatures(c.x, c.x, c.dim)).toBeLessThan(1e-9);
    expect(frechetOfFeatures(c.y, c.x, c.dim)).toBeCloseTo(frechetOfFeatures(c.x, c.y, c.dim), 8);
  });

  it('for two 1-D Gaussians is (μ₁ − μ₂)² + (σ₁ − σ₂)²', () => {
    const a = { dim: 1, mean: Float64Array.of(0.5), cov: Float64Array.of(4) };
    const b = { dim: 1, mean: Float64Array.of(-1), cov: Float64Array.of(0.25) };
    expect(frechetDistance(a, b)).toBeCloseTo(1.5 ** 2 + (2 - 0.5) ** 2, 12);
  });
});
