import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSineWaves } from '../datasets';
import { expectInputError } from '../expectInputError';
import { makeRng } from '../rng';
import { makeSchedule } from '../schedule';
import { spreadAcrossSignals } from '../signalStats';
import { Denoiser } from './denoiser';
import { resolveDenoiserConfig } from './denoiserConfig';
import { LabTrainer } from './labTrainer';
import { buildOneShotModel, ONE_SHOT_NET } from './labModels';
import { OneShotDenoiser, oneShotLoss } from './oneShotDenoiser';
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

// The assertions of oneShotDenoiser.test.ts (the LabTrainer path), on the one Trainer.
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

  it('is the same maths as OneShotDenoiser + oneShotLoss + LabTrainer: same network, same batches, same losses step by step', async () => {
    const alphaBarT = schedule.alphaBars[schedule.T - 1]!;
    const B = 64;
    const steps = 15;
    const model = new Denoiser(oneShotConfig, 3);
    const old = new OneShotDenoiser({ dim: L, width: 64, depth: 2 }, 3);
    // Same initial weights: both are He-normal from the same seeded draws, in the same packed order.
    const theta = tf.tidy(() => model.packed());
    const oldTheta = old.net.theta.dataSync();
    theta.dataSync().forEach((v, k) => expect(Math.abs(v - oldTheta[k]!)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(v))));
    old.net.theta.assign(theta);
    theta.dispose();
    // The same function: f(x̃) of the old network = the new network's output at t = T (which it ignores).
    const x = makeRng(9).normals(5 * L);
    const want = await old.predict(x);
    (await model.outputArray(x, schedule.T - 1)).forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(1e-5));
    (await model.outputArray(x, 17)).forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(1e-5));
    // The Trainer at fixed t = T draws, per step, B data indices then B·L normals: oneShotLoss's draws, in its order.
    const trainer = new Trainer(model, schedule, data, { batchSize: B, learningRate: 2e-3, optimizer: 'adam', gradClip: 1, emaDecay: 0, fixedTimestep: schedule.T - 1, seed: 4 });
    const labTrainer = new LabTrainer(old.variables, oneShotLoss(old, data, alphaBarT, makeRng(4), B), [], { learningRate: 2e-3, gradClip: 1 });
    for (let s = 0; s < steps; s++) {
      trainer.train(1);
      labTrainer.train(1);
      const mine = (await trainer.readStats()).loss;
      const theirs = (await labTrainer.readStats()).loss;
      expect(Math.abs(mine - theirs)).toBeLessThan(1e-4 * theirs);
    }
    const after = tf.tidy(() => model.packed()).dataSync();
    const oldAfter = old.net.theta.dataSync();
    let worst = 0;
    after.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - oldAfter[k]!))));
    expect(worst).toBeLessThan(1e-4);
    trainer.dispose();
    labTrainer.dispose();
    model.dispose();
    old.dispose();
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
