import { describe, expect, it } from 'vitest';
import { numberFits } from './useEquationNumbersFit';

describe('numberFits: a centred formula and a right-pinned equation number', () => {
  it('fits when half the formula, the number and the gap fit in half the width', () => {
    // 400-px column: the formula's right edge is at 200 + f/2, the number's left edge at 400 − tag.
    expect(numberFits(300, 40, 400)).toBe(true); // 350 ≤ 360 − 8
    expect(numberFits(320, 40, 400)).toBe(false); // 360 > 352
  });
  it('a formula as wide as the column never fits a number beside it', () => {
    expect(numberFits(400, 1, 400)).toBe(false);
  });
});
