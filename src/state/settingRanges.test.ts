import { describe, expect, it } from 'vitest';
import { LEARNING_RATE_RANGE } from '../engine/tf/choices';
import { makeDataset } from '../engine/datasets';
import { makeSchedule } from '../engine/schedule';
import { Denoiser, resolveDenoiserConfig, Trainer } from '../engine/tf';
import { useTestBackend } from '../engine/tf/testBackend';
import { checkSetting, SETTINGS_TABLE } from './settingsTable';
import { describeRange, inRange } from './settingRanges';

describe('one range per setting (issue 16, item 2)', () => {
  it("the lr row is the engine's learning-rate range", () => {
    const row = SETTINGS_TABLE.lr;
    expect({ min: row.min, max: row.max, exclusiveMin: row.exclusiveMin }).toEqual(LEARNING_RATE_RANGE);
    expect(describeRange('lr')).toBe('a number in (0, 1]');
  });

  it('every value the table lets through is in range; lr = 1e-8 is one of them', () => {
    for (const v of ['1e-8', '0.5', '1']) {
      const { value, notice } = checkSetting('lr', v);
      expect(notice).toBeUndefined();
      expect(inRange('lr', value)).toBe(true);
    }
    expect(inRange('lr', 0)).toBe(false);
    expect(inRange('T', 10.5)).toBe(false);
    expect(inRange('T', 9)).toBe(false);
  });

  it('the trainer takes the learning rates the table takes, and refuses the others (it refused lr < 1e-7 before)', async () => {
    await useTestBackend();
    const schedule = makeSchedule({ kind: 'linear', T: 10 });
    const model = new Denoiser(resolveDenoiserConfig({ dim: 2, T: 10, width: 16, depth: 1 }), 0);
    const data = makeDataset('twoMoons', 64, 0).points;
    const make = (learningRate: number) => () => new Trainer(model, schedule, data, { learningRate, batchSize: 16 }).dispose();
    expect(make(1e-8)).not.toThrow();
    expect(make(1)).not.toThrow();
    expect(make(0)).toThrow(/learningRate/);
    expect(make(1.5)).toThrow(/learningRate/);
    model.dispose();
  });
});
