import { describe, expect, it } from 'vitest';
import { makeDataset } from './datasets';
import { makeRng } from './rng';
import { leastSquaresScale, meanPairedDistance, qualityYardstick } from './sampleQuality';

describe('qualityYardstick (energy-distance ratio against held-out data)', () => {
  const heldOut = makeDataset('twoMoons', 500, 2).points;
  const yardstick = qualityYardstick(heldOut, 2, 500, 98);

  it('scores its own N(0, I) reference exactly 1, and another N(0, I) draw close to 1', () => {
    expect(yardstick.ratio(makeRng(98).normals(1000))).toBe(1);
    const other = yardstick.ratio(makeRng(5).normals(1000));
    expect(other).toBeGreaterThan(0.8);
    expect(other).toBeLessThan(1.25);
  });

  it('scores a fresh draw of the data itself far below noise', () => {
    // Only the V-statistic's finite-sample term E‖X − X′‖(1/n + 1/m) remains; it is a few % of the noise distance.
    expect(yardstick.ratio(makeDataset('twoMoons', 500, 7).points)).toBeLessThan(0.1);
  });

  it('uses at most maxPoints samples: extra points beyond them do not change the ratio', () => {
    const data = makeDataset('twoMoons', 500, 7).points;
    const padded = new Float32Array(2000);
    padded.set(data);
    padded.fill(50, 1000);
    expect(yardstick.ratio(padded)).toBe(yardstick.ratio(data));
  });
});

describe('leastSquaresScale and meanPairedDistance', () => {
  it('recovers s from a = s·b + e when e is orthogonal to b', () => {
    const b = Float32Array.from([1, 0, 0, 2, -1, 1]);
    const e = [0, 3, 2, 0, 1, 1]; // ⟨e, b⟩ = 0 − 0 + 0 + 0 − 1 + 1 = 0
    const a = Float32Array.from(b, (v, k) => 0.99 * v + e[k]!);
    expect(leastSquaresScale(a, b)).toBeCloseTo(0.99, 6);
    expect(leastSquaresScale(b, b)).toBe(1);
  });

  it('averages paired Euclidean distances (a 3-4-5 and a 0 pair)', () => {
    expect(meanPairedDistance(Float32Array.from([3, 4, 1, 1]), Float32Array.from([0, 0, 1, 1]), 2)).toBe(2.5);
  });

  it('rejects arrays of different lengths by name', () => {
    expect(() => leastSquaresScale(new Float32Array(4), new Float32Array(2))).toThrow(/b must be/);
    expect(() => meanPairedDistance(new Float32Array(4), new Float32Array(2), 2)).toThrow(/b must be/);
  });
});
