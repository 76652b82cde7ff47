import { describe, expect, it } from 'vitest';
import { SCHEDULE_KINDS } from '../engine/schedule';
import { formatPowerOfTen, KIND_STYLE, powerOfTen, scheduleSeries } from './scheduleSeries';

describe('scheduleSeries', () => {
  it('gives one series per kind, each with T points', () => {
    for (const T of [10, 100, 1000]) {
      const series = scheduleSeries(T);
      expect(series.map((s) => s.kind)).toEqual([...SCHEDULE_KINDS]);
      for (const s of series) {
        expect(s.betas).toHaveLength(T);
        expect(s.alphaBars).toHaveLength(T);
      }
    }
  });

  it('has positive β (log axis) and ᾱ decreasing from near 1', () => {
    for (const s of scheduleSeries(1000)) {
      expect(Math.min(...s.betas)).toBeGreaterThan(0);
      expect(s.alphaBars[0]).toBeGreaterThan(0.99);
      for (let i = 1; i < s.alphaBars.length; i++) expect(s.alphaBars[i]!).toBeLessThan(s.alphaBars[i - 1]!);
    }
  });

  it('styles every kind with a distinct colour', () => {
    const colours = SCHEDULE_KINDS.map((k) => KIND_STYLE[k].color);
    expect(new Set(colours).size).toBe(SCHEDULE_KINDS.length);
  });
});

describe('power-of-ten ticks', () => {
  it('recognises powers of ten', () => {
    expect(powerOfTen(1e-4)).toBe(-4);
    expect(powerOfTen(0.001)).toBe(-3);
    expect(powerOfTen(1)).toBe(0);
    expect(powerOfTen(2e-3)).toBeNull();
    expect(powerOfTen(0)).toBeNull();
  });

  it('formats them with superscripts', () => {
    expect(formatPowerOfTen(-4)).toBe('10⁻⁴');
    expect(formatPowerOfTen(2)).toBe('10²');
    expect(formatPowerOfTen(0)).toBe('1');
  });

  it('SNR(t) = ᾱ_t / (1 − ᾱ_t): about 10⁴ at t = 1 for the linear schedule (β_1 = 10⁻⁴) and falling in t', () => {
    const linear = scheduleSeries(1000).find((s) => s.kind === 'linear')!;
    expect(linear.snr[0]).toBeCloseTo((1 - 1e-4) / 1e-4, 6);
    for (const s of scheduleSeries(1000)) for (let i = 1; i < s.snr.length; i++) expect(s.snr[i]!).toBeLessThan(s.snr[i - 1]!);
  });
});
