import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSineWaves } from '../datasets';
import { expectInputError } from '../expectInputError';
import { makeRng } from '../rng';
import { makeSchedule } from '../schedule';
import { spreadAcrossSignals } from '../signalStats';
import { Denoiser } from './denoiser';
import { resolveDenoiserConfig } from './denoiserConfig';
import { buildOneShotModel, ONE_SHOT_NET } from './labModels';
import { useTestBackend } from './testBackend';
import { Trainer } from './trainer';

beforeAll(async () => {
  await useTestBackend();
});

const L = 32;
const schedule = makeSchedule({ kind: 'linear', T: 200 });
const data = makeSineWaves(2000, 1, L).points;
const heldOut = makeSineWaves(200, 2, L).points;
const oneShotConfig = resolveDenoiserConfig({ ...ONE_SHOT_NET, dim: L, T: schedule.T });

/** Trains the one-shot network at 0-indexed timestep i for `steps` on the Trainer; its outputs for fresh noisy held-out signals at that ᾱ. */
async function trainAndDenoise(i: number, steps: number): Promise<{ outputs: Float32Array; first: number; last: number }> {
  const alphaBar = schedule.alphaBars[i]!;
  const model = new Denoiser(oneShotConfig, 0);
  const trainer = new Trainer(model, schedule, data, { batchSize: 128, learningRate: 2e-3, optimizer: 'adam', emaDecay: 0, fixedTimestep: i, seed: 1 });
  trainer.train(1);
  const first = (await trainer.readStats()).loss;
  const tensors = tf.memory().numTensors;
  trainer.train(steps - 1);
  const last = (await trainer.readStats()).loss;
  expect(tf.memory().numTensors).toBe(tensors);
  const noise = makeRng(3).normals(heldOut.length);
  const noisy = heldOut.map((x, k) => Math.sqrt(alphaBar) * x + Math.sqrt(1 - alphaBar) * noise[k]!);
  const outputs = await model.outputArray(noisy, i);
  trainer.dispose();
  model.dispose();
  return { outputs, first, last };
}

// The assertions the chapter-7 one-shot denoiser has always had to meet, on the one Trainer.
describe('the one-shot denoiser (eq. 7.2) on the Trainer: no timestep, x̃ straight to x_0', () => {
  const dataSpread = spreadAcrossSignals(heldOut, 200, L);

  it('from the final state x_T its outputs collapse to about the data mean E[x_0] (eq. 7.3)', async () => {
    expect(schedule.alphaBars[schedule.T - 1]!).toBeLessThan(1e-3);
    const { outputs, first, last } = await trainAndDenoise(schedule.T - 1, 200);
    expect(last).toBeLessThan(first);
    expect(dataSpread).toBeGreaterThan(0.8);
    expect(spreadAcrossSignals(outputs, 200, L)).toBeLessThan(0.1 * dataSpread);
    const rms = Math.sqrt(outputs.reduce((s, v) => s + v * v, 0) / outputs.length);
    expect(rms).toBeLessThan(0.3);
    expect(last).toBeGreaterThan(0.8);
  });

  it('from a lightly noised signal (ᾱ ≈ 0.9) the same network keeps the variety', async () => {
    // the timestep of the lab schedule whose ᾱ is nearest 0.9 (the old test's noise level)
    let i = 0;
    schedule.alphaBars.forEach((a, k) => { if (Math.abs(a - 0.9) < Math.abs(schedule.alphaBars[i]! - 0.9)) i = k; });
    expect(Math.abs(schedule.alphaBars[i]! - 0.9)).toBeLessThan(0.01);
    const { outputs } = await trainAndDenoise(i, 200);
    expect(spreadAcrossSignals(outputs, 200, L)).toBeGreaterThan(0.5 * dataSpread);
  });

  it('trains on eq. 7.2: its first loss is ‖f(x̃) − x_0‖² averaged by hand over the batch it draws', async () => {
    const alphaBarT = schedule.alphaBars[schedule.T - 1]!;
    const B = 64;
    const model = new Denoiser(oneShotConfig, 3);
    // The Trainer at fixed t = T draws, per step, B data indices, then B·L normals, from its seed's stream.
    const rng = makeRng(4);
    const n = data.length / L;
    const x0 = new Float32Array(B * L);
    for (let b = 0; b < B; b++) {
      const i = rng.int(n);
      x0.set(data.subarray(i * L, (i + 1) * L), b * L);
    }
    const eps = rng.normals(B * L);
    const noisy = x0.map((v, k) => Math.sqrt(alphaBarT) * v + Math.sqrt(1 - alphaBarT) * eps[k]!);
    const out = await model.outputArray(noisy, schedule.T - 1);
    let sum = 0;
    out.forEach((v, k) => (sum += (v - x0[k]!) ** 2));
    const byHand = sum / (B * L);
    const trainer = new Trainer(model, schedule, data, { batchSize: B, learningRate: 2e-3, optimizer: 'adam', gradClip: 1, emaDecay: 0, fixedTimestep: schedule.T - 1, seed: 4 });
    trainer.train(1);
    expect(Math.abs((await trainer.readStats()).loss - byHand)).toBeLessThan(1e-4 * byHand);
    trainer.dispose();
    model.dispose();
  });

  it('the lab builder trains it and predicts x̂_0 for plain arrays; the Trainer checks the timestep', async () => {
    const lab = buildOneShotModel(data, schedule);
    expect(lab.model.config.timeEmbedDim).toBe(0);
    expect(lab.model.config.prediction).toBe('x0');
    lab.trainer.train(3);
    expect((await lab.trainer.readStats()).step).toBe(3);
    expect((await lab.predict(heldOut.subarray(0, 4 * L))).length).toBe(4 * L);
    lab.dispose();
    const model = new Denoiser(oneShotConfig, 0);
    expectInputError(() => new Trainer(model, schedule, data, { fixedTimestep: schedule.T }), 'fixedTimestep');
    expectInputError(() => new Trainer(model, schedule, data, { fixedTimestep: 1.5 }), 'fixedTimestep');
    model.dispose();
  });
});
