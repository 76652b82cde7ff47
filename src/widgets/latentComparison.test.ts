import { describe, expect, it } from 'vitest';
import type { ImageScore } from '../worker/protocol';
import { firstPass, formatRange, type LatentCheck } from './latentComparison';

const check = (step: number, passes: boolean): LatentCheck => ({ step, trainSeconds: step / 100, score: { passes } as ImageScore });

describe('the latent DDPM’s first pass of the bar', () => {
  it('is null until a check passes, then that check', () => {
    expect(firstPass(null, check(50, false))).toBeNull();
    expect(firstPass(null, check(120, true))?.step).toBe(120);
  });

  it('is kept once found: a later check, passing or failing, does not move it', () => {
    const first = check(120, true);
    expect(firstPass(first, check(240, false))).toBe(first);
    expect(firstPass(first, check(360, true))).toBe(first);
  });
});

describe('a measured range', () => {
  it('reads a–b with an en dash and thousands separators, or one value when both ends round alike', () => {
    expect(formatRange([629, 1267])).toBe('629–1,267');
    expect(formatRange([2.1, 4.2], 1)).toBe('2.1–4.2');
    expect(formatRange([3.04, 2.96], 1)).toBe('3.0');
  });
});
