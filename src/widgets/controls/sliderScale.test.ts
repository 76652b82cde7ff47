import { describe, expect, it } from 'vitest';
import { formatSettingValue, sliderScale } from './sliderScale';

describe('a setting slider\'s scale', () => {
  it('log: the ends are 1e-5 × max and max for a range open at 0, and equal steps are equal ratios', () => {
    const s = sliderScale({ kind: 'float', min: 0, max: 1, exclusiveMin: true }, true);
    expect(s.positions).toBe(250); // 5 decades × 50
    expect(s.toValue(0)).toBe(1e-5);
    expect(s.toValue(s.positions)).toBe(1);
    expect(s.toValue(s.positions / 5)).toBeCloseTo(1e-4, 12); // one decade in
    // 50 positions a decade: neighbouring stops differ by 10^(1/50) ≈ 1.047 (before rounding to 2 digits).
    const a = s.toValue(120);
    const b = s.toValue(121);
    expect(b / a).toBeGreaterThan(1.0);
    expect(b / a).toBeLessThan(1.1);
    // A value maps to the stop nearest it: within half a stop (a factor 10^(1/100)), plus the 2-digit rounding.
    expect(Math.abs(s.toValue(s.toPosition(2e-3)) / 2e-3 - 1)).toBeLessThan(0.03);
  });

  it('linear int: one position per whole number', () => {
    const s = sliderScale({ kind: 'int', min: 16, max: 2048 }, false);
    expect(s.positions).toBe(2032);
    expect(s.toValue(0)).toBe(16);
    expect(s.toValue(240)).toBe(256);
    expect(s.toPosition(256)).toBe(240);
    expect(s.toPosition(99999)).toBe(2032);
  });

  it('linear float: hundredths of the range', () => {
    const s = sliderScale({ kind: 'float', min: 0, max: 1 }, false);
    expect(s.toValue(30)).toBe(0.3);
    expect(s.toPosition(0.3)).toBe(30);
    expect(s.toValue(-5)).toBe(0);
  });

  it('linear float stops read in three significant digits', () => {
    const s = sliderScale({ kind: 'float', min: 0, max: 0.9999 }, false);
    expect(s.toValue(50)).toBe(0.5);
    expect(s.toValue(99)).toBe(0.99);
    expect(s.toPosition(0.5)).toBe(50);
  });

  it('formats whole numbers as they are and others to 6 significant digits', () => {
    expect(formatSettingValue(256)).toBe('256');
    expect(formatSettingValue(0.002)).toBe('0.002');
    expect(formatSettingValue(1 / 3)).toBe('0.333333');
    expect(formatSettingValue(0.49995)).toBe('0.49995');
  });
});
