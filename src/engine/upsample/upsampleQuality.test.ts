import { describe, expect, it } from 'vitest';
import { conditionError, conditionErrors, pixelSpread, repeatConditions } from './upsampleQuality';

describe('condition error', () => {
  it('is mean |D(x̂) − y| over the 16 low-res pixels, per sample and overall', () => {
    // Sample 0: all pixels 0.5, so D = 0.5 everywhere; condition all 0 → error 0.5.
    // Sample 1: all 0 except one pixel 1 in the top-left block, so D's first value is 0.25, the rest
    // 0; condition all 0 → error 0.25 / 16 = 0.015625.
    const samples = new Float32Array(128).fill(0.5, 0, 64);
    samples[64] = 1;
    const conds = new Float32Array(32);
    expect(Array.from(conditionErrors(samples, conds))).toEqual([0.5, 0.015625]);
    expect(conditionError(samples, conds)).toBeCloseTo((0.5 + 0.015625) / 2, 12);
  });

  it('is 0 for a sample whose blocks average to its condition', () => {
    // Every 2×2 block holds 1, −1, 0.5, −0.5 (mean 0): D = 0 exactly, the condition 0.
    const s = new Float32Array(64);
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) s[r * 8 + c] = [[1, -1], [0.5, -0.5]][r % 2]![c % 2]!;
    expect(conditionError(s, new Float32Array(16))).toBe(0);
  });

  it('refuses conditions that do not match the samples', () => {
    expect(() => conditionError(new Float32Array(64), new Float32Array(15))).toThrow(/conds/);
  });
});

describe('repeatConditions', () => {
  it('repeats each condition k times, in order', () => {
    const c = Float32Array.from({ length: 32 }, (_, i) => i);
    const r = repeatConditions(c, 2);
    expect(r.length).toBe(64);
    expect(r[0]).toBe(0);
    expect(r[16]).toBe(0);
    expect(r[32]).toBe(16);
    expect(r[63]).toBe(31);
  });
});

describe('pixel spread', () => {
  it('is the mean per-pixel standard deviation across the k samples of a group', () => {
    // One group of k = 2: pixel 0 is 1 and −1 (std 1), every other pixel equal (std 0): 1/64.
    const a = new Float32Array(128);
    a[0] = 1;
    a[64] = -1;
    expect(pixelSpread(a, 2)).toBeCloseTo(1 / 64, 12);
    // Two groups of k = 4, dim 1: values 0, 0, 2, 2 (mean 1, std 1) and 1, 1, 1, 1 (std 0): mean 0.5.
    expect(pixelSpread(Float32Array.from([0, 0, 2, 2, 1, 1, 1, 1]), 4, 1)).toBeCloseTo(0.5, 12);
    // k = 3, dim 1: 0, 0, 3 → mean 1, variance (1 + 1 + 4)/3 = 2, std √2.
    expect(pixelSpread(Float32Array.from([0, 0, 3]), 3, 1)).toBeCloseTo(Math.SQRT2, 12);
  });

  it('needs whole groups of at least two samples', () => {
    expect(() => pixelSpread(new Float32Array(64), 1)).toThrow(/k/);
    expect(() => pixelSpread(new Float32Array(3 * 64), 2)).toThrow(/samples/);
  });
});
