import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION } from '../state/sessionDefaults';
import { describeModel, settingsFor, settingsLabel, trainingStatsText } from './modelDescription';

const cosine = { ...DEFAULT_SESSION, schedule: 'cosine' as const };

describe('what the page says about the model (issue 12, item 5)', () => {
  it('names the settings a model is for', () => {
    expect(settingsLabel(cosine)).toBe('two moons, cosine schedule, T = 1000');
    expect(settingsLabel({ ...DEFAULT_SESSION, dataset: 'custom', points: new Float32Array(200) })).toBe('your drawing (100 points), linear schedule, T = 1000');
    expect(settingsLabel({ ...DEFAULT_SESSION, width: 64 })).toContain('width 64 × depth 3');
  });

  it('a pretrained model trained further says how far, not only the steps it shipped with', () => {
    const text = describeModel({ kind: 'pretrained', step: 1500 }, 1800, DEFAULT_SESSION);
    expect(text).toContain('1500 steps');
    expect(text).toContain('1800 steps');
    expect(describeModel({ kind: 'pretrained', step: 1500 }, 1500, DEFAULT_SESSION)).not.toContain('trained here');
    expect(describeModel({ kind: 'saved', step: 400 }, 900, DEFAULT_SESSION)).toContain('900 steps');
    expect(describeModel({ kind: 'imported', step: 400 }, 650, DEFAULT_SESSION)).toContain('650 steps');
  });

  it('fresh weights are called untrained, and "from scratch" only once it has trained', () => {
    expect(describeModel({ kind: 'scratch', step: 0 }, 0, cosine)).toBe('untrained (fresh random weights) for two moons, cosine schedule, T = 1000');
    expect(describeModel({ kind: 'scratch', step: 0 }, 300, cosine)).toContain('trained from scratch in this session: 300 steps');
    expect(describeModel({ kind: 'scratch', step: 0 }, 1, cosine)).toMatch(/: 1 step$/);
  });

  it('before any training the stats line shows no placeholder loss or speed', () => {
    const text = trainingStatsText({ step: 1500, smoothedLoss: Number.NaN, stepsPerSecond: 0, threads: 1, training: false });
    expect(text).toBe('step 1500 · not trained in this session yet');
    expect(text).not.toMatch(/loss –|0\.0 steps\/s/);
  });

  it('while training it shows the loop\'s own speed; paused, the last speed is marked as such', () => {
    const s = { step: 1800, smoothedLoss: 0.41234, stepsPerSecond: 250.26, threads: 2 };
    expect(trainingStatsText({ ...s, training: true })).toBe('step 1800 · loss 0.4123 (mean per coordinate) · 250.3 steps/s on 2 threads');
    expect(trainingStatsText({ ...s, training: false })).toBe('step 1800 · loss 0.4123 (mean per coordinate) · paused (trained at 250.3 steps/s on 2 threads)');
    // Stepped by hand (Algorithm 1's last line): a loss, but no loop speed.
    expect(trainingStatsText({ ...s, stepsPerSecond: 0, training: false })).toBe('step 1800 · loss 0.4123 (mean per coordinate) · paused');
  });

  it('the settings that reproduce a config; a drawing leaves the dataset setting alone', () => {
    expect(settingsFor(cosine)).toEqual({ dataset: 'twoMoons', schedule: 'cosine', T: 1000, width: 128, depth: 3, lr: 2e-3, batch: 256, seed: 0 });
    expect(settingsFor({ ...cosine, dataset: 'custom', points: new Float32Array(4) })).not.toHaveProperty('dataset');
  });
});
