import { describe, expect, it } from 'vitest';
import { bayesPosterior } from './bayes';
import { makeRng } from './rng';

describe("Bayes' rule", () => {
  it('a 1% prior, 95% sensitivity and 5% false positives give 0.0095 / 0.059 ≈ 16.1%', () => {
    expect(bayesPosterior(0.01, 0.95, 0.05)).toBeCloseTo(0.0095 / (0.0095 + 0.0495), 12);
  });

  it('agrees with counting in a simulated population', () => {
    const rng = makeRng(4);
    let positives = 0;
    let illAndPositive = 0;
    for (let k = 0; k < 200000; k++) {
      const ill = rng.uniform() < 0.1;
      const positive = rng.uniform() < (ill ? 0.8 : 0.1);
      if (positive) {
        positives++;
        if (ill) illAndPositive++;
      }
    }
    const p = illAndPositive / positives;
    const se = Math.sqrt((p * (1 - p)) / positives);
    expect(Math.abs(bayesPosterior(0.1, 0.8, 0.1) - p)).toBeLessThan(5 * se);
  });

  it('an uninformative test leaves the prior unchanged', () => {
    expect(bayesPosterior(0.3, 0.6, 0.6)).toBeCloseTo(0.3, 12);
  });
});
