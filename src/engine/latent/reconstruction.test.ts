import { describe, expect, it } from 'vitest';
import { meanSquaredError } from './reconstruction';

describe('meanSquaredError (the per-pixel reconstruction error of eq. 9.4)', () => {
  it('is (1/n) Σ (a − b)², worked by hand', () => {
    // (1 − 0)² + (−1 − 1)² + (0.5 − 0)² + (0 − 0)² = 1 + 4 + 0.25 + 0 = 5.25, over 4 values.
    expect(meanSquaredError([1, -1, 0.5, 0], [0, 1, 0, 0])).toBeCloseTo(1.3125, 12);
  });

  it('is 0 for a perfect round trip and symmetric in its arguments', () => {
    const x = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i));
    expect(meanSquaredError(x, x)).toBe(0);
    const y = x.map((v) => v + 0.25);
    expect(meanSquaredError(x, y)).toBeCloseTo(0.0625, 6);
    expect(meanSquaredError(y, x)).toBe(meanSquaredError(x, y));
  });

  it('a blank digit (all −1) decoded as the mid-grey 0 loses 1 per pixel', () => {
    expect(meanSquaredError(new Float32Array(64).fill(-1), new Float32Array(64))).toBe(1);
  });

  it('refuses arrays of different or zero length', () => {
    expect(() => meanSquaredError([1, 2], [1])).toThrow(/equal, non-zero length/);
    expect(() => meanSquaredError([], [])).toThrow(/equal, non-zero length/);
  });
});
