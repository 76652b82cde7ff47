import { describe, expect, it } from 'vitest';
import { ascendingOrder, countBelow, fiveNumbers, l2Distance, quantileSorted } from './copyCheck';

describe('copy check helpers (eq. 8.4)', () => {
  it('l2Distance is the Euclidean norm of the difference (a 3-4-5 triangle), 0 for a copy', () => {
    expect(l2Distance([1, 1, 0], [4, 5, 0])).toBe(5);
    expect(l2Distance(Float32Array.of(0.5, -1), Float32Array.of(0.5, -1))).toBe(0);
    expect(() => l2Distance([1], [1, 2])).toThrow(RangeError);
  });

  it('ascendingOrder puts the smallest first and keeps ties in order', () => {
    expect(ascendingOrder([2.5, 0.5, 1, 0.5])).toEqual([1, 3, 2, 0]);
    expect(ascendingOrder([])).toEqual([]);
  });

  it('quantiles interpolate between order statistics; the median of an even list is the mean of the middle two', () => {
    const s = [1, 2, 3, 4];
    expect(quantileSorted(s, 0)).toBe(1);
    expect(quantileSorted(s, 1)).toBe(4);
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.25)).toBe(1.75); // h = 0.75 between 1 and 2
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
  });

  it('fiveNumbers of 1 … 9 is 1, 3, 5, 7, 9', () => {
    expect(fiveNumbers([1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual({ n: 9, min: 1, q1: 3, median: 5, q3: 7, max: 9 });
  });

  it('countBelow counts strictly smaller values', () => {
    expect(countBelow([1, 2, 2, 3], 2)).toBe(1);
    expect(countBelow([1, 2, 2, 3], 10)).toBe(4);
  });
});
