import { describe, expect, it } from 'vitest';
import { DIGIT_MAX_LEVEL, levelBinWidth, levelsOnGrid, levelsToUnit, quantizeToLevels, unitToLevels } from './pixelScale';

describe('grey levels ↔ [−1, 1] (eq. 8.1)', () => {
  it('maps the 17 digit levels 0 … 16 to −1, −7/8, …, 7/8, 1', () => {
    const levels = Array.from({ length: 17 }, (_, v) => v);
    const x = levelsToUnit(levels);
    expect(Array.from(x)).toEqual(levels.map((v) => v / 8 - 1));
    expect(x[0]).toBe(-1);
    expect(x[8]).toBe(0);
    expect(x[16]).toBe(1);
  });

  it('unitToLevels is the exact inverse, for any real level and any maxLevel', () => {
    const levels = [0, 3.5, 7, 16];
    expect(Array.from(unitToLevels(levelsToUnit(levels)))).toEqual(levels);
    // 8-bit images: 255 ↦ 1, 0 ↦ −1, 51 ↦ 2·51/255 − 1 = −0.6.
    expect(Array.from(levelsToUnit([0, 51, 255], 255))).toEqual([-1, Math.fround(-0.6), 1]);
    expect(unitToLevels([-0.6], 255)[0]).toBeCloseTo(51, 5);
  });

  it('bins are Δ = 2/16 = 1/8 wide for the digits', () => {
    expect(DIGIT_MAX_LEVEL).toBe(16);
    expect(levelBinWidth()).toBe(0.125);
    expect(levelBinWidth(255)).toBeCloseTo(2 / 255, 15);
  });

  it('quantises a sample to the nearest level, clamping overshoot to 0 and 16', () => {
    // −1.3 → below 0; −0.94 → level 0.48 → 0; 0.07 → 8.56 → 9; 0.99 → 15.92 → 16; 1.6 → 16.
    expect(Array.from(quantizeToLevels([-1.3, -0.94, 0.07, 0.99, 1.6]))).toEqual([0, 0, 9, 16, 16]);
    expect(() => quantizeToLevels([Number.NaN])).toThrow(RangeError);
  });

  it('reads the level of a value on the grid and refuses one between levels', () => {
    expect(Array.from(levelsOnGrid(Float32Array.of(-1, -0.625, 0, 0.875, 1)))).toEqual([0, 3, 8, 15, 16]);
    expect(() => levelsOnGrid([0.06])).toThrow(/grid/);
    expect(() => levelsOnGrid([1.125])).toThrow(/grid/);
  });
});
