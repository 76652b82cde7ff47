import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { labelledBlobs } from '../datasets';
import { LAB_SCHEDULE, SINE_LENGTH } from '../labSettings';
import { makeSchedule } from '../schedule';
import { buildGuidedModel, buildOneShotModel, buildSignalModel, signalData } from './labModels';
import { DEFAULT_SAMPLE, sample } from './sampler';
import { useTestBackend } from './testBackend';

beforeAll(async () => {
  await useTestBackend();
});

describe('the chapter-7 lab models on the one Trainer', () => {
  it('all three train on the SIMD kernels on WASM, sample, and free every tensor they made', async () => {
    const schedule = makeSchedule(LAB_SCHEDULE);
    const before = tf.memory().numTensors;
    const data = signalData();
    const models = [buildSignalModel(schedule, data), buildOneShotModel(data, schedule), buildGuidedModel(schedule, labelledBlobs(300, 1))];
    for (const m of models) {
      expect(m.trainer.engine).toBe(tf.getBackend() === 'wasm' ? 'simd' : 'tfjs');
      m.trainer.train(5);
      const stats = await m.trainer.readStats();
      expect(stats.step).toBe(5);
      expect(Number.isFinite(stats.loss)).toBe(true);
    }
    const [signal, oneShot, guidance] = models as [ReturnType<typeof buildSignalModel>, ReturnType<typeof buildOneShotModel>, ReturnType<typeof buildGuidedModel>];
    expect(signal.trainer.sampler).not.toBe(signal.model); // the weight average
    expect(oneShot.trainer.sampler).toBe(oneShot.model); // no average, as before
    const options = { ...DEFAULT_SAMPLE, n: 4, method: 'ddim' as const, steps: 5 };
    expect((await sample(signal.trainer.sampler, schedule, options)).points.length).toBe(4 * SINE_LENGTH);
    expect((await sample(guidance.guided(1, 2), schedule, options)).points.length).toBe(8);
    expect((await oneShot.predict(data.subarray(0, 3 * SINE_LENGTH))).length).toBe(3 * SINE_LENGTH);
    for (const m of models) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
