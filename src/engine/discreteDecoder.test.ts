import { describe, expect, it } from 'vitest';
import { discretizedGaussianLogProb, discretizedGaussianLogProbs } from './discreteDecoder';
import reference from './fixtures/discreteGaussian.json';
import { levelsToUnit } from './pixelScale';

// Reference values: scripts/reference/discreteGaussian.py (mpmath, 60 digits, written from Ho et al.'s eq. 13).
describe('discretised Gaussian decoder (eq. 8.7)', () => {
  it('matches the 60-digit reference: sharp (σ = 0.01) and broad decoders, near, off and 150σ away from the bins', () => {
    for (const c of reference.discretizedGaussian) {
      const got = discretizedGaussianLogProb(levelsToUnit(c.levels), c.means, c.variance);
      expect(Math.abs(got - c.logProb), `${JSON.stringify(c)}: got ${got}`).toBeLessThanOrEqual(1e-10 * Math.abs(c.logProb) + 1e-12);
    }
  });

  it('is a probability: the 17 levels of one pixel have masses that sum to 1', () => {
    for (const [mean, variance] of [[0.3, 1e-4], [-0.97, 0.01], [0.05, 1], [2.5, 0.3]] as const) {
      let total = 0;
      for (let k = 0; k <= 16; k++) total += Math.exp(discretizedGaussianLogProb([k / 8 - 1], [mean], variance));
      expect(total, `μ = ${mean}, σ² = ${variance}`).toBeCloseTo(1, 12);
    }
  });

  it('a pixel is independent of the others: the log mass of an image is the sum over its pixels', () => {
    const x = levelsToUnit([0, 5, 16]);
    const m = [-0.8, -0.4, 0.9];
    const sum = [0, 1, 2].reduce((s, i) => s + discretizedGaussianLogProb([x[i]!], [m[i]!], 0.02), 0);
    expect(discretizedGaussianLogProb(x, m, 0.02)).toBeCloseTo(sum, 12);
  });

  it('scores a batch row by row', () => {
    const x = levelsToUnit([0, 8, 16, 3, 3, 5, 8, 11]);
    const mean = Float32Array.of(-1, 0, 1, -0.625, -0.6, -0.4, 0.1, 0.3);
    const rows = discretizedGaussianLogProbs(x, mean, 4, 0.01);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBeCloseTo(discretizedGaussianLogProb(x.subarray(0, 4), mean.subarray(0, 4), 0.01), 12);
    expect(rows[1]).toBeCloseTo(discretizedGaussianLogProb(x.subarray(4), mean.subarray(4), 0.01), 12);
  });

  it('refuses values between levels, a bad variance and mismatched lengths', () => {
    expect(() => discretizedGaussianLogProb([0.06], [0], 0.01)).toThrow(/grid/);
    expect(() => discretizedGaussianLogProb([0], [0], 0)).toThrow(RangeError);
    expect(() => discretizedGaussianLogProb([0, 0.125], [0], 0.01)).toThrow(RangeError);
  });
});
