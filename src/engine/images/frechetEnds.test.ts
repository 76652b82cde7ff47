import { describe, expect, it } from 'vitest';
import { digitsHeldOut, digitsTrain } from '../datasets/digits';
import { loadDigits } from '../datasets/digitsFixture';
import { loadClassifier } from './classifierFixture';
import { frechetEnds } from './frechetEnds';
import { makeDigitYardstick } from './sampleQuality';

const set = loadDigits();
const yardstick = makeDigitYardstick(loadClassifier(), digitsTrain(set), digitsHeldOut(set));

describe('the ends of the Fréchet scale', () => {
  it('real digits sit far below noise, at any sample size', () => {
    for (const n of [64, 1000]) {
      const ends = frechetEnds(yardstick, n);
      expect(ends.n).toBe(n);
      expect(ends.real).toBeGreaterThan(0);
      expect(ends.noise).toBeGreaterThan(10 * ends.real);
    }
  });

  it("the real end falls as the sample grows: a Gaussian fitted to fewer images is further from the held-out digits' fit", () => {
    const small = frechetEnds(yardstick, 64).real;
    const large = frechetEnds(yardstick, 1000).real;
    expect(large).toBeLessThan(small / 2);
  });

  it('the noise end is fixed by its seed', () => {
    expect(frechetEnds(yardstick, 64, 3).noise).toBe(frechetEnds(yardstick, 64, 3).noise);
    expect(frechetEnds(yardstick, 64, 3).noise).not.toBe(frechetEnds(yardstick, 64, 4).noise);
  });
});
