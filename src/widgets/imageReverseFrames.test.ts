import { describe, expect, it } from 'vitest';
import { BACKGROUND_AT_MOST, frameOf, frameTLabel, maxAbsDifference, pixelStats, signed } from './imageReverseFrames';
import { makeRng } from '../engine/rng';

describe('pixelStats', () => {
  it('gives the textbook mean, population sd, range and background share of a small set', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2 (the standard example).
    const s = pixelStats([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.std).toBe(2);
    expect(s.min).toBe(2);
    expect(s.max).toBe(9);
    expect(s.background).toBe(0);
  });

  it('counts pixels at most −0.75 as background: −1 and −0.75 are, −0.625 (one level lighter) is not', () => {
    expect(BACKGROUND_AT_MOST).toBe(-0.75);
    expect(pixelStats([-1, -0.75, -0.625, 1]).background).toBe(0.5);
  });

  it('on N(0, 1) draws: mean near 0, sd near 1 and background share near Φ(−0.75) ≈ 0.2266', () => {
    const s = pixelStats(makeRng(3).normals(100_000));
    // Standard errors: 1/√n ≈ 0.003 for the mean, ≈ 0.0022 for the sd, ≈ 0.0013 for the share.
    expect(Math.abs(s.mean)).toBeLessThan(0.015);
    expect(Math.abs(s.std - 1)).toBeLessThan(0.011);
    expect(Math.abs(s.background - 0.2266)).toBeLessThan(0.007);
  });

  it('is NaN for no pixels rather than a made-up number', () => {
    expect(pixelStats([]).mean).toBeNaN();
  });
});

describe('frameOf', () => {
  it('picks frame k of a frame-major array, as a view', () => {
    const all = Float32Array.from([0, 1, 2, 10, 11, 12, 20, 21, 22]);
    expect(Array.from(frameOf(all, 1, 3))).toEqual([10, 11, 12]);
    expect(Array.from(frameOf(all, 2, 3))).toEqual([20, 21, 22]);
    frameOf(all, 0, 3)[0] = 5;
    expect(all[0]).toBe(5);
  });
});

describe('maxAbsDifference', () => {
  it('is the largest elementwise gap, 0 for equal arrays, Infinity for different lengths', () => {
    expect(maxAbsDifference([1, -1, 0.5], [1, -0.5, 0.25])).toBe(0.5);
    expect(maxAbsDifference([0.1, 0.2], [0.1, 0.2])).toBe(0);
    expect(maxAbsDifference([0], [0, 1])).toBe(Infinity);
  });
});

describe('frameTLabel', () => {
  it('names the ends of the chain and gives the true t in between', () => {
    expect(frameTLabel(1000, 1000)).toBe('t = 1000: pure noise');
    expect(frameTLabel(0, 1000)).toBe('t = 0: the finished sample');
    expect(frameTLabel(480, 1000)).toBe('t = 480');
  });
});

describe('signed', () => {
  it('writes a true minus sign', () => {
    expect(signed(-0.391, 2)).toBe('−0.39');
    expect(signed(0.5, 1)).toBe('0.5');
  });
});
