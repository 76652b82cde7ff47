import { describe, expect, it } from 'vitest';
import { fitLatentScale, fromStandardLatents, toStandardLatents } from './latentScale';

describe('latent standardisation', () => {
  // Three 2-D codes: axis 0 is 1, 2, 3 (mean 2, population variance 2/3), axis 1 is 10, 10, 40
  // (mean 20, variance (100 + 100 + 400)/3 = 200).
  const codes = Float32Array.of(1, 10, 2, 10, 3, 40);

  it('fits the per-axis mean and population standard deviation', () => {
    const { mean, std } = fitLatentScale(codes, 2);
    expect(Array.from(mean)).toEqual([2, 20]);
    expect(std[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(std[1]).toBeCloseTo(Math.sqrt(200), 12);
  });

  it('maps the training codes to mean 0 and variance 1 per axis, exactly as (z − m) / s', () => {
    const scale = fitLatentScale(codes, 2);
    const u = toStandardLatents(codes, scale);
    const s0 = Math.sqrt(2 / 3);
    const s1 = Math.sqrt(200);
    const expected = [-1 / s0, -10 / s1, 0, -10 / s1, 1 / s0, 20 / s1];
    expected.forEach((v, i) => expect(u[i]).toBeCloseTo(v, 5));
    for (const k of [0, 1]) {
      const axis = [u[k]!, u[k + 2]!, u[k + 4]!];
      const m = axis.reduce((a, b) => a + b, 0) / 3;
      expect(m).toBeCloseTo(0, 6);
      expect(axis.reduce((a, b) => a + (b - m) ** 2, 0) / 3).toBeCloseTo(1, 5);
    }
  });

  it('maps new codes with the fitted scale, and back again: z = u s + m', () => {
    const scale = fitLatentScale(codes, 2);
    const fresh = Float32Array.of(2 + Math.sqrt(2 / 3), 20 - 2 * Math.sqrt(200));
    const u = toStandardLatents(fresh, scale);
    expect(u[0]).toBeCloseTo(1, 5);
    expect(u[1]).toBeCloseTo(-2, 5);
    const back = fromStandardLatents(u, scale);
    expect(back[0]).toBeCloseTo(fresh[0]!, 5);
    expect(back[1]).toBeCloseTo(fresh[1]!, 4);
  });

  it('leaves a constant axis centred and unscaled (s = 1) instead of dividing by 0', () => {
    const scale = fitLatentScale(Float32Array.of(5, 1, 5, 3), 2);
    expect(scale.std[0]).toBe(1);
    expect(Array.from(toStandardLatents(Float32Array.of(5, 1, 6, 3), scale))).toEqual([0, -1, 1, 1]);
  });

  it('refuses codes that are not whole rows', () => {
    expect(() => toStandardLatents(Float32Array.of(1, 2, 3), fitLatentScale(codes, 2))).toThrow(/rows of 2/);
  });
});
