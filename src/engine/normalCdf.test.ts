import { describe, expect, it } from 'vitest';
import reference from './fixtures/discreteGaussian.json';
import { logNormalCdf, logNormalInterval } from './normalCdf';

// Reference values: scripts/reference/discreteGaussian.py (mpmath, 60 digits).
const num = (v: number | string): number => (v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : Number(v));

/** |got − want| within `rel` of |want|, or within 1e-15 absolutely for values near 0. */
function expectClose(got: number, want: number, rel: number, label: string): void {
  expect(Math.abs(got - want), `${label}: got ${got}, want ${want}`).toBeLessThanOrEqual(rel * Math.abs(want) + 1e-15);
}

describe('log Φ and the log mass of an interval (for the discretised decoder, eq. 8.7)', () => {
  it('log Φ(z) matches 60-digit references from z = −45 (Φ ≈ e^−1017, far below the smallest double) to z = 12', () => {
    for (const { z, logPhi } of reference.logNormalCdf) expectClose(logNormalCdf(z), logPhi, 1e-12, `z = ${z}`);
  });

  it('log Φ at the two ends: −∞ and 0', () => {
    expect(logNormalCdf(-Infinity)).toBe(-Infinity);
    expect(logNormalCdf(Infinity) === 0).toBe(true); // log 1 (−0 and 0 both)
    expect(logNormalCdf(0)).toBeCloseTo(-Math.LN2, 15);
  });

  it('log(Φ(b) − Φ(a)) matches the references in both tails, across 0, and for intervals 1e−4 wide', () => {
    for (const { a, b, logP } of reference.logNormalInterval) {
      // Tiny intervals straddling 0 lose a few digits to the sum of two halves; 1e-10 relative still.
      expectClose(logNormalInterval(num(a), num(b)), logP, 1e-10, `[${a}, ${b}]`);
    }
  });

  it('is symmetric, −∞ for an empty interval, 0 for the whole line, and refuses a > b', () => {
    expect(logNormalInterval(-3, 1.5)).toBeCloseTo(logNormalInterval(-1.5, 3), 14);
    expect(logNormalInterval(2, 2)).toBe(-Infinity);
    expect(logNormalInterval(-Infinity, Infinity)).toBe(0);
    expect(() => logNormalInterval(1, 0)).toThrow(RangeError);
  });
});
