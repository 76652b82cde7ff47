import { describe, expect, it } from 'vitest';
import { nearestImages } from './nearestImages';

describe('nearest training images (eq. 8.4)', () => {
  // Four reference "images" of 3 pixels and two queries, with distances worked out by hand.
  const reference = Float32Array.of(
    0, 0, 0, // 0
    3, 4, 0, // 1: 5 from the origin
    1, 0, 0, // 2: 1 from the origin
    0, 0, 2, // 3: 2 from the origin
  );

  it('finds the nearest reference row and its Euclidean distance', () => {
    const out = nearestImages(Float32Array.of(0.9, 0, 0, 3, 4, 0.5), reference, 3);
    expect(Array.from(out.index)).toEqual([2, 1]);
    expect(out.distance[0]).toBeCloseTo(0.1, 6); // (0.9, 0, 0) − (1, 0, 0)
    expect(out.distance[1]).toBeCloseTo(0.5, 6); // (3, 4, 0.5) − (3, 4, 0)
  });

  it('lists the k nearest, nearest first, and d = 0 for an exact copy', () => {
    const out = nearestImages(Float32Array.of(0, 0, 0), reference, 3, 4);
    expect(Array.from(out.index)).toEqual([0, 2, 3, 1]);
    expect(Array.from(out.distance)).toEqual([0, 1, 2, 5]);
  });

  it('on 64-pixel images: a sample one pixel away (by 0.25) from training image 7 is found at 0.25', () => {
    const train = new Float32Array(20 * 64);
    for (let j = 0; j < 20; j++) for (let d = 0; d < 64; d++) train[j * 64 + d] = ((j * 13 + d * 7) % 17) / 8 - 1;
    const sample = train.slice(7 * 64, 8 * 64);
    sample[30] = sample[30]! + 0.25;
    const out = nearestImages(sample, train, 64);
    expect(out.index[0]).toBe(7);
    expect(out.distance[0]).toBeCloseTo(0.25, 6);
  });

  it('refuses bad shapes and a k larger than the reference set', () => {
    expect(() => nearestImages([1, 2], reference, 3)).toThrow(RangeError);
    expect(() => nearestImages([1, 2, 3], [], 3)).toThrow(RangeError);
    expect(() => nearestImages([1, 2, 3], reference, 3, 5)).toThrow(RangeError);
  });
});
