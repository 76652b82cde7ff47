import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../inputError';
import { downsample, upsampleNearest } from './downsample';

describe('downsample (2×2 average pooling)', () => {
  it('averages each 2×2 block of a 4×4 image, by hand', () => {
    // Blocks: top-left (1+2+5+6)/4 = 3.5, top-right (3+4+7+8)/4 = 5.5,
    // bottom-left (9+10+13+14)/4 = 11.5, bottom-right (11+12+15+16)/4 = 13.5.
    const x = Float32Array.from({ length: 16 }, (_, i) => i + 1);
    expect(Array.from(downsample(x, 4))).toEqual([3.5, 5.5, 11.5, 13.5]);
  });

  it('pools an 8×8 image to 4×4, image by image', () => {
    // Image 0: pixel (r, c) = 1 where r < 2 and c < 2 (one full block), else −1, except pixel
    // (7, 7) = 1: block (0,0) mean 1, block (3,3) mean (−1 −1 −1 + 1)/4 = −0.5, the rest −1.
    // Image 1: every pixel 0.25: every block 0.25.
    const x = new Float32Array(128).fill(-1);
    for (const [r, c] of [[0, 0], [0, 1], [1, 0], [1, 1], [7, 7]] as const) x[r * 8 + c] = 1;
    x.fill(0.25, 64);
    const y = downsample(x);
    expect(y.length).toBe(32);
    const first = Array.from(y.subarray(0, 16));
    expect(first[0]).toBe(1);
    expect(first[15]).toBe(-0.5);
    expect(first.slice(1, 15)).toEqual(new Array(14).fill(-1));
    expect(Array.from(y.subarray(16))).toEqual(new Array(16).fill(0.25));
  });

  it('nearest-neighbour upscaling repeats each pixel as a 2×2 block, and D(U y) = y', () => {
    const y = Float32Array.from([1, 2, 3, 4]);
    expect(Array.from(upsampleNearest(y, 2))).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    const y16 = Float32Array.from({ length: 16 }, (_, i) => (i - 8) / 8);
    expect(Array.from(downsample(upsampleNearest(y16)))).toEqual(Array.from(y16));
  });

  it('refuses partial images and odd sides, naming the parameter', () => {
    expect(() => downsample(new Float32Array(63))).toThrow(EngineInputError);
    expect(() => downsample(new Float32Array(9), 3)).toThrow(/side/);
    expect(() => upsampleNearest(new Float32Array(15))).toThrow(/low/);
  });
});
