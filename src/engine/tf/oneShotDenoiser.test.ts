import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSineWaves } from '../datasets';
import { expectInputError } from '../expectInputError';
import { makeRng } from '../rng';
import { makeSchedule } from '../schedule';
import { spreadAcrossSignals } from '../signalStats';
import { LabTrainer } from './labTrainer';
import { OneShotDenoiser, oneShotLoss } from './oneShotDenoiser';
import { useTestBackend } from './testBackend';

beforeAll(async () => {
  await useTestBackend();
});

const L = 32;
const data = makeSineWaves(2000, 1, L).points;
const heldOut = makeSineWaves(200, 2, L).points;

/** Trains a one-shot denoiser for `steps` at noise level ᾱ and returns its outputs for fresh noisy held-out signals. */
async function trainAndDenoise(alphaBar: number, steps: number): Promise<{ outputs: Float32Array; first: number; last: number }> {
  const model = new OneShotDenoiser({ dim: L, width: 64, depth: 2 }, 0);
  const trainer = new LabTrainer(model.variables, oneShotLoss(model, data, alphaBar, makeRng(1), 128), [], { learningRate: 2e-3 });
  trainer.train(1);
  const first = (await trainer.readStats()).loss;
  const tensors = tf.memory().numTensors;
  trainer.train(steps - 1);
  const last = (await trainer.readStats()).loss;
  expect(tf.memory().numTensors).toBe(tensors);
  const noise = makeRng(3).normals(heldOut.length);
  const noisy = heldOut.map((x, k) => Math.sqrt(alphaBar) * x + Math.sqrt(1 - alphaBar) * noise[k]!);
  const outputs = await model.predict(noisy);
  trainer.dispose();
  model.dispose();
  return { outputs, first, last };
}

describe('the one-shot denoiser (eq. 7.2): no timestep, x̃ straight to x_0', () => {
  const dataSpread = spreadAcrossSignals(heldOut, 200, L); // ≈ 1: random phases vary every position fully

  it('from the final state x_T its outputs collapse to about the data mean E[x_0] (eq. 7.3)', async () => {
    // ᾱ_T of the lab schedule: √ᾱ_T ≈ 0.006, so x_T carries almost nothing of x_0.
    const alphaBarT = makeSchedule({ kind: 'linear', T: 200 }).alphaBars[199]!;
    expect(alphaBarT).toBeLessThan(1e-3);
    const { outputs, first, last } = await trainAndDenoise(alphaBarT, 200);
    expect(last).toBeLessThan(first);
    // E[x_0 | x_T] ≈ E[x_0] = 0 at every position, so the outputs barely differ from one another,
    expect(dataSpread).toBeGreaterThan(0.8);
    expect(spreadAcrossSignals(outputs, 200, L)).toBeLessThan(0.1 * dataSpread);
    // and sit near 0, the average signal; the best possible loss is then Var(x_0) ≈ 1 per value.
    const rms = Math.sqrt(outputs.reduce((s, v) => s + v * v, 0) / outputs.length);
    expect(rms).toBeLessThan(0.3);
    expect(last).toBeGreaterThan(0.8);
  });

  it('from a lightly noised signal the same network keeps the variety: the collapse is the noise level, not the network', async () => {
    const { outputs } = await trainAndDenoise(0.9, 200);
    expect(spreadAcrossSignals(outputs, 200, L)).toBeGreaterThan(0.5 * dataSpread);
  });

  it('checks its inputs', () => {
    const model = new OneShotDenoiser({ dim: L, width: 8, depth: 1 }, 0);
    expectInputError(() => oneShotLoss(model, new Float32Array(L + 1), 0.5, makeRng(0), 8), 'data');
    expectInputError(() => oneShotLoss(model, data, 1.5, makeRng(0), 8), 'alphaBar');
    expectInputError(() => new OneShotDenoiser({ dim: 0, width: 8, depth: 1 }, 0), 'dim');
    model.dispose();
  });
});
