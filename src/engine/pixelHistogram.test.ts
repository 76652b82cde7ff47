import { describe, expect, it } from 'vitest';
import { qSample } from './forward';
import { densityHistogram, noisedPixelDensity } from './pixelHistogram';
import { levelsToUnit } from './pixelScale';
import { makeRng } from './rng';
import { makeSchedule } from './schedule';

const normal = (u: number, m: number, v: number): number => Math.exp(-((u - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);

describe('density histogram', () => {
  it('counts into [lo, hi] and scales to count / (n · width); values outside count in n only', () => {
    const h = densityHistogram([0.1, 0.2, 0.6, 1.5, -2, 1], 0, 1, 2);
    // n = 6, width 0.5: [0, 0.5) holds 2, [0.5, 1] holds 0.6 and 1 (the last bin is closed).
    expect(Array.from(h.density)).toEqual([2 / 3, 2 / 3]);
    expect(h.outside).toBeCloseTo(2 / 6, 15);
    expect(() => densityHistogram([1], 1, 1, 4)).toThrow(RangeError);
    expect(() => densityHistogram([], 0, 1, 4)).toThrow(RangeError);
  });
});

describe('pixel values of x_t (eq. 8.2, from eq. 3.4 per pixel)', () => {
  const schedule = makeSchedule({ kind: 'linear', T: 1000 });

  it('one clean value c gives exactly N(u; √ᾱ_t c, 1 − ᾱ_t)', () => {
    const i = 199;
    const ab = schedule.alphaBars[i]!;
    const us = [-2, -0.3, 0, 0.7, 2.4];
    const got = noisedPixelDensity(us, [0.75, 0.75, 0.75], i, schedule);
    us.forEach((u, k) => expect(got[k]).toBeCloseTo(normal(u, Math.sqrt(ab) * 0.75, 1 - ab), 12));
  });

  it('weights each clean value by its share of the pixels, and integrates to 1', () => {
    const i = 49;
    const ab = schedule.alphaBars[i]!;
    const x0 = [-1, -1, -1, 1];
    const us = Array.from({ length: 4001 }, (_, k) => -5 + k * 0.0025);
    const p = noisedPixelDensity(us, x0, i, schedule);
    expect(p[1600]).toBeCloseTo(0.75 * normal(us[1600]!, -Math.sqrt(ab), 1 - ab) + 0.25 * normal(us[1600]!, Math.sqrt(ab), 1 - ab), 12);
    let area = 0;
    for (let k = 1; k < us.length; k++) area += 0.5 * (p[k]! + p[k - 1]!) * 0.0025;
    expect(area).toBeCloseTo(1, 6);
  });

  it('at t = T (ᾱ_T ≈ 4·10⁻⁵) is N(0, 1) to within 0.003 everywhere, for digit-like pixels in [−1, 1]', () => {
    const x0 = levelsToUnit([0, 0, 0, 0, 2, 5, 9, 12, 16, 16]);
    const us = Array.from({ length: 81 }, (_, k) => -4 + k * 0.1);
    const p = noisedPixelDensity(us, x0, schedule.T - 1, schedule);
    us.forEach((u, k) => expect(Math.abs(p[k]! - normal(u, 0, 1))).toBeLessThan(3e-3));
  });

  it('the histogram of qSample draws matches it bin by bin (within 4 standard errors)', () => {
    const rng = makeRng(8);
    const image = levelsToUnit(Array.from({ length: 64 }, (_, k) => (k * 7) % 17));
    const copies = 1500;
    const x0 = new Float32Array(64 * copies);
    for (let r = 0; r < copies; r++) x0.set(image, r * 64);
    const i = 299;
    const xt = qSample(x0, rng.normals(x0.length), i, schedule);
    const bins = 24;
    const h = densityHistogram(xt, -3, 3, bins);
    const width = 6 / bins;
    for (let j = 0; j < bins; j++) {
      // The bin's expected density: the mixture averaged over the bin (Simpson's rule on 3 points).
      const [a, m, b] = noisedPixelDensity([-3 + j * width, -3 + (j + 0.5) * width, -3 + (j + 1) * width], image, i, schedule);
      const q = ((a! + 4 * m! + b!) / 6) * width; // probability of the bin
      const se = Math.sqrt((q * (1 - q)) / xt.length) / width;
      expect(Math.abs(h.density[j]! - q / width), `bin ${j}`).toBeLessThan(4 * se + 1e-4);
    }
  });
});
