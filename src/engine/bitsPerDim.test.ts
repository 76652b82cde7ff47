import { describe, expect, it } from 'vitest';
import { bitsPerDim, densityBitsPerDim } from './bitsPerDim';
import reference from './fixtures/discreteGaussian.json';
import { gaussianLogPdf } from './gaussian';

// Exact discrete likelihoods: scripts/reference/discreteGaussian.py (mpmath). A Gaussian model
// N(μ, s² I) of data scaled by eq. 8.1 gives each grey level k the mass of its bin exactly, so the
// conversion of eq. 8.6 can be checked against the true discrete bits/dim.
const DELTA = 1 / 8;
const xOf = (k: number): number => k / 8 - 1;
// The four cases on the interior levels 3, 5, 8, 11, 13, 7 (no bin reaching to ±∞, where the midpoint rule cannot hold).
const interior = reference.discretizedGaussian.filter((c) => c.levels.join() === '3,5,8,11,13,7');

function gaussianCase(variance: number) {
  const c = interior.find((e) => e.variance === variance)!;
  const s = Math.sqrt(variance);
  const D = c.levels.length;
  // −ln p(x) at the bin centres (the continuous density of the scaled data).
  const negLogDensity = -c.levels.reduce((sum, k, i) => sum + gaussianLogPdf(xOf(k), c.means[i]!, s), 0);
  return { c, s, D, negLogDensity, exactBits: bitsPerDim(-c.logProb, D) };
}

describe('bits per dimension (eq. 8.5)', () => {
  it('a uniform guess over 17 levels scores log₂ 17 bits/dim for any D', () => {
    for (const D of [1, 64, 256]) expect(bitsPerDim(D * Math.log(17), D)).toBeCloseTo(Math.log2(17), 12);
  });

  it('one bit is ln 2 nats: P = 2^−D scores 1 bit/dim', () => {
    expect(bitsPerDim(64 * Math.LN2, 64)).toBeCloseTo(1, 14);
    expect(() => bitsPerDim(Number.NaN, 4)).toThrow(RangeError);
    expect(() => bitsPerDim(1, 0)).toThrow(RangeError);
  });
});

describe('from a density of the scaled data to discrete bits/dim (eq. 8.6)', () => {
  it('adds log₂(1/Δ) = 3 bits/dim for the digits (Δ = 1/8) to −ln p/(D ln 2)', () => {
    expect(densityBitsPerDim(0, 64, DELTA)).toBeCloseTo(3, 14);
    expect(densityBitsPerDim(64 * Math.LN2, 64, DELTA)).toBeCloseTo(4, 14);
    expect(() => densityBitsPerDim(1, 4, 0)).toThrow(RangeError);
  });

  it('agrees with the exact discrete likelihood of a broad Gaussian, to the midpoint rule’s Δ²(z² − 1)/(24 s²) per pixel', () => {
    for (const variance of [1, 0.25]) {
      const { c, s, D, negLogDensity, exactBits } = gaussianCase(variance);
      // ln ∫_bin N = ln(N(x) Δ) + Δ² (z² − 1)/(24 s²) + O(Δ⁴/s⁴), z = (x − μ)/s.
      const midpointCorrection = c.levels.reduce((sum, k, i) => sum + (DELTA ** 2 * (((xOf(k) - c.means[i]!) / s) ** 2 - 1)) / (24 * variance), 0);
      const approxNegLogP = negLogDensity - D * Math.log(DELTA);
      expect(Math.abs(-c.logProb - (approxNegLogP - midpointCorrection)), `σ² = ${variance}`).toBeLessThan(5e-5);
      expect(Math.abs(densityBitsPerDim(negLogDensity, D, DELTA) - exactBits), `σ² = ${variance}`).toBeLessThan(1e-3);
    }
  });

  it('with dequantised data (u uniform on the bin) it is an upper bound on the exact discrete bits/dim', () => {
    for (const variance of [1, 0.25, 0.04, 1e-4]) {
      const { c, s, D, exactBits } = gaussianCase(variance);
      // E_u[−ln N(x + u; μ, s²)] = ½ ln(2π s²) + ((x − μ)² + Δ²/12)/(2 s²): the mean square of x + u − μ.
      const dequantised = c.levels.reduce((sum, k, i) => sum + 0.5 * Math.log(2 * Math.PI * variance) + ((xOf(k) - c.means[i]!) ** 2 + DELTA ** 2 / 12) / (2 * s * s), 0);
      expect(densityBitsPerDim(dequantised, D, DELTA), `σ² = ${variance}`).toBeGreaterThanOrEqual(exactBits);
    }
  });

  it('fails for a density sharper than a bin: σ = 0.01 (a β₁ = 10⁻⁴ decoder) gives negative "bits" for an image of probability ≈ 1', () => {
    const { negLogDensity, D, exactBits } = gaussianCase(1e-4);
    expect(exactBits).toBeGreaterThanOrEqual(0);
    expect(exactBits).toBeLessThan(1e-9);
    // −ln p = D(½ ln(2π·10⁻⁴)) at the centres; + D ln 8: (−3.686 + 2.079)/ln 2 ≈ −2.32 bits/dim.
    const converted = densityBitsPerDim(negLogDensity, D, DELTA);
    expect(converted).toBeCloseTo((0.5 * Math.log(2 * Math.PI * 1e-4) + Math.log(8)) / Math.LN2, 10);
    expect(converted).toBeLessThan(-2.3);
  });
});
