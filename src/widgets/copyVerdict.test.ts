import { describe, expect, it } from 'vitest';
import { copyVerdict, formatDistance } from './copyVerdict';

/** Held-out distances 1.0, 1.1, …, 3.0 (21 digits): median 2.0, closest 1.0. */
const HELD_OUT = Array.from({ length: 21 }, (_, k) => 1 + k / 10);

describe('the copy widget’s verdict (eq. 8.4 against held-out digits)', () => {
  it('samples all farther than the closest held-out digit, half below the median: no sign of copying, and the numbers quoted are the true ones', () => {
    const samples = [2.5, 1.5, 2.2, 1.8]; // two of four below the median 2.0
    const v = copyVerdict(samples, HELD_OUT, false);
    expect(v.belowAll).toBe(0);
    expect(v.belowMedian).toBe(2);
    expect(v.samples.min).toBe(1.5);
    expect(v.heldOut.median).toBeCloseTo(2.0, 12);
    expect(v.heldOut.min).toBe(1);
    expect(v.heldOutCloserShare).toBeCloseTo(5 / 21, 12); // 1.0 … 1.4 lie below 1.5
    expect(v.text).toContain('No sample is closer');
    expect(v.text).toContain('(1.00; closest sample 1.50)');
    expect(v.text).toContain('2 of 4 are closer than the held-out median');
    expect(v.text).toContain('nothing here points to copying');
    expect(v.text).not.toContain('warning');
    expect(v.text).not.toContain('farther');
    const far = copyVerdict([1.5, 2.5, 2.6, 2.7], HELD_OUT, false).text;
    expect(far).toContain('1 of 4 is closer than the held-out median');
    expect(far).toContain('sit farther from the training images than unseen digits do');
    expect(far).toContain('nothing here points to copying');
  });

  it('three in four below the median but none below the closest: a mild sign, not a copy', () => {
    const v = copyVerdict([1.2, 1.3, 1.4, 2.6], HELD_OUT, false);
    expect(v.belowMedian).toBe(3);
    expect(v.text).toContain('mild sign of memorising');
    expect(v.text).not.toContain('nothing here points to copying');
  });

  it('samples closer than every held-out digit: counted, called a warning sign, an exact copy named', () => {
    const v = copyVerdict([0.5, 0, 2.4], HELD_OUT, false);
    expect(v.belowAll).toBe(2);
    expect(v.heldOutCloserShare).toBe(0);
    expect(v.text).toContain('2 samples are closer to a training image (closest 0.00) than any held-out digit is to its nearest (1.00)');
    expect(v.text).toContain('warning sign');
    expect(v.text).toContain('practically a training image itself');
    const one = copyVerdict([0.8, 2.4], HELD_OUT, false);
    expect(one.text).toContain('1 sample is closer');
    expect(one.text).not.toContain('practically');
  });

  it('an untrained model is said to draw noise, not judged for copying', () => {
    const v = copyVerdict([7.9, 8.4], HELD_OUT, true);
    expect(v.text).toContain('untrained');
    expect(v.text).toContain('closest 7.90');
    expect(v.text).not.toContain('copying');
  });

  it('formatDistance shows a third decimal only where two would make different numbers look equal', () => {
    expect(formatDistance(1.234)).toBe('1.23');
    expect(formatDistance(1.234, 1.231)).toBe('1.234'); // both show as 1.23 with two decimals
    expect(formatDistance(1.234, 1.5)).toBe('1.23');
    expect(formatDistance(1.234, 1.234)).toBe('1.23');
  });
});
