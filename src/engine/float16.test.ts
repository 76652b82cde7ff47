import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, toFloat16Bits } from './float16';

describe('float16', () => {
  it('encodes the reference bit patterns of IEEE 754 binary16', () => {
    // Values from the binary16 table (Wikipedia, "Half-precision floating-point format").
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff); // largest normal
    expect(toFloat16Bits(2 ** -14)).toBe(0x0400); // smallest normal
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(toFloat16Bits(1 / 3)).toBe(0x3555);
    expect(toFloat16Bits(0)).toBe(0);
    expect(toFloat16Bits(1e6)).toBe(0x7c00); // overflow → +∞
    expect(toFloat16Bits(Number.NaN) & 0x7c00).toBe(0x7c00);
  });

  it('decodes what it encodes within half a unit in the last place (relative 2^-11)', () => {
    for (const v of [0.1, -3.14159, 123.456, 1e-3, -7e-5, 0.999]) {
      const back = fromFloat16Bits(toFloat16Bits(v));
      expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.max(Math.abs(v) * 2 ** -11, 2 ** -25));
    }
    expect(fromFloat16Bits(0x7bff)).toBe(65504);
    expect(fromFloat16Bits(0x0001)).toBe(2 ** -24);
  });
});
