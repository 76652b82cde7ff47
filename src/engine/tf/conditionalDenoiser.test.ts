import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOB_CLASSES, classPurity, labelledBlobs } from '../datasets/labelledBlobs';
import { expectInputError } from '../expectInputError';
import { makeRng } from '../rng';
import { makeSchedule } from '../schedule';
import { ConditionalDenoiser, conditionalLoss, DEFAULT_CONDITIONAL, guidedModel } from './conditionalDenoiser';
import { LabTrainer } from './labTrainer';
import { DEFAULT_SAMPLE, sample } from './sampler';
import { useTestBackend } from './testBackend';

beforeAll(async () => {
  await useTestBackend();
});

const schedule = makeSchedule({ kind: 'linear', T: 200 });

describe('the class-conditional denoiser, trained briefly with dropped labels', () => {
  it('learns both ε(x, t, c) and ε(x, t, ∅): guidance raises the share of samples in class c', async () => {
    const data = labelledBlobs(3000, 12);
    const config = { ...DEFAULT_CONDITIONAL, dim: 2, T: schedule.T, classes: BLOB_CLASSES };
    const model = new ConditionalDenoiser(config, 0);
    const ema = new ConditionalDenoiser(config, 1);
    const trainer = new LabTrainer(model.variables, conditionalLoss(model, schedule, data.points, data.labels, makeRng(2), { batchSize: 128, dropLabel: 0.1 }), ema.variables, { emaDecay: 0.99 });
    trainer.train(1); // Adam creates its moments on the first step
    const first = await trainer.readStats();
    const tensors = tf.memory().numTensors;
    trainer.train(299);
    const last = await trainer.readStats();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(last.step).toBe(300);
    expect(last.loss).toBeLessThan(first.loss);

    const options = { ...DEFAULT_SAMPLE, n: 300, seed: 9 };
    const c = 2;
    const plain = classPurity((await sample(guidedModel(ema, c, 0), schedule, options)).points, c);
    const guided = classPurity((await sample(guidedModel(ema, c, 3), schedule, options)).points, c);
    const unconditional = classPurity((await sample(guidedModel(ema, c, -1), schedule, options)).points, c);
    // Exact values: ≈ 0.92 for class c's own distribution, 1/3 for the mixture, → 1 as w grows.
    expect(plain).toBeGreaterThan(0.6);
    expect(unconditional).toBeLessThan(0.55);
    expect(guided).toBeGreaterThan(0.95);
    expect(guided).toBeGreaterThanOrEqual(plain);
    trainer.dispose();
    model.dispose();
    ema.dispose();
  });

  it('rejects labels outside the classes', () => {
    const model = new ConditionalDenoiser({ ...DEFAULT_CONDITIONAL, dim: 2, T: schedule.T, classes: 2 }, 0);
    expectInputError(() => conditionalLoss(model, schedule, new Float32Array(4), Int32Array.of(0, 2), makeRng(0), { batchSize: 8, dropLabel: 0.1 }), 'labels');
    expectInputError(() => conditionalLoss(model, schedule, new Float32Array(4), Int32Array.of(0, 1), makeRng(0), { batchSize: 8, dropLabel: 1.5 }), 'dropLabel');
    model.dispose();
  });
});
