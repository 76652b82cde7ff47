import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitsHeldOut } from '../engine/datasets/digits';
import { digitsBytes, loadDigits } from '../engine/datasets/digitsFixture';
import { EngineInputError } from '../engine/inputError';
import { useTestBackend } from '../engine/tf/testBackend';
import { downsample } from '../engine/upsample/downsample';
import type { ImageDataFile } from './imageData';
import type { ProgressEvent, WorkerEvent } from './protocol';
import { TrainingLoop } from './trainingLoop';
import { Upsampler } from './upsampler';
import { validateRequest } from './validateRequest';

const shipped = (): ArrayBuffer => {
  const b = readFileSync(resolve(__dirname, '../../public/pretrained/upsample.bin'));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};
/** The shipped file's steps (scripts/upsample/pretrain.ts, upsampleRecipe.ts UPSAMPLE_STEPS). */
const SHIPPED_STEPS = 8000;

/** The worker's upsampler on its own loop, the site's files read from public/ (a `missing` one answers 404). */
function makeUpsampler(missing: ImageDataFile[] = []) {
  const events: WorkerEvent[] = [];
  const loads: ImageDataFile[] = [];
  const post = (e: WorkerEvent): void => void events.push(e);
  const loop = new TrainingLoop(post);
  const up = new Upsampler(post, loop, async (file) => {
    loads.push(file);
    if (missing.includes(file)) throw new Error('404 Not Found');
    if (file === 'digits') return digitsBytes();
    expect(file).toBe('upsamplePretrained');
    return shipped();
  });
  return { events, loads, loop, up, dispose: () => (up.dispose(), loop.dispose()) };
}

describe('the worker’s upsampler', () => {
  let before = 0;
  beforeAll(async () => {
    await useTestBackend();
    before = tf.memory().numTensors;
  });

  it('loads the shipped file and the digits once, says so, and answers k completions of a held-out digit’s 4×4 view that match it', async () => {
    const w = makeUpsampler();
    const cond = downsample(digitsHeldOut(loadDigits()).points.subarray(0, 64));
    const r = await w.up.sample({ cond, k: 4, seed: 3, owner: 'a' });
    expect(r.samples.length).toBe(4 * 64);
    expect(Array.from(r.downsampled)).toEqual(Array.from(downsample(r.samples)));
    expect(r.errors.length).toBe(4);
    expect(r.step).toBe(SHIPPED_STEPS);
    // Half a grey level (2/16 / 2), the shipped file's bar (upsamplePretrained.test.ts).
    expect(r.conditionError).toBeLessThan(1 / 16);
    expect(r.pixelSpread).toBeGreaterThan(0);
    expect(r.cancelled).toBe(false);
    const again = await w.up.sample({ cond, k: 4, seed: 3, owner: 'a' });
    expect(Array.from(again.samples)).toEqual(Array.from(r.samples));
    expect([...w.loads].sort()).toEqual(['digits', 'upsamplePretrained']);
    const origins = w.events.filter((e) => e.type === 'modelOrigin');
    expect(origins.map((e) => e.type === 'modelOrigin' && [e.model, e.origin.kind, e.step])).toEqual([['upsample', 'pretrained', SHIPPED_STEPS]]);
    w.dispose();
  });

  it('trains from scratch through the loop (its completions match the condition better than untrained ones), and goes back to the shipped file', async () => {
    const w = makeUpsampler();
    expect(await w.up.restart('scratch')).toEqual({ origin: { kind: 'untrained', steps: 0 }, step: 0 });
    expect(w.loads).toEqual(['digits']); // from scratch: the shipped file is not needed
    const cond = downsample(digitsHeldOut(loadDigits()).points.subarray(64, 128));
    const untrained = await w.up.sample({ cond, k: 8, seed: 5 });
    expect(untrained.step).toBe(0);
    await w.loop.stepN('upsample', 1, 300);
    const progress = w.events.filter((e): e is ProgressEvent => e.type === 'progress' && e.model === 'upsample');
    expect(progress.at(-1)!.step).toBe(300);
    expect(Number.isFinite(progress.at(-1)!.loss)).toBe(true);
    expect(w.up.steps()).toEqual({ upsample: 300 });
    const trained = await w.up.sample({ cond, k: 8, seed: 5 });
    expect(trained.step).toBe(300);
    console.info(`condition error untrained ${untrained.conditionError.toFixed(3)}, after 300 steps ${trained.conditionError.toFixed(3)} (spread ${trained.pixelSpread.toFixed(3)})`);
    expect(trained.conditionError).toBeLessThan(untrained.conditionError / 2);
    expect(await w.up.restart('pretrained')).toEqual({ origin: { kind: 'pretrained', steps: SHIPPED_STEPS }, step: SHIPPED_STEPS });
    expect(w.up.steps()).toEqual({ upsample: SHIPPED_STEPS });
    w.dispose();
  });

  it('starts untrained with a note when the shipped file cannot be loaded', async () => {
    const w = makeUpsampler(['upsamplePretrained']);
    await w.up.ensure();
    const origin = w.events.find((e) => e.type === 'modelOrigin');
    expect(origin?.type === 'modelOrigin' && origin.origin.kind).toBe('untrained');
    expect(origin?.type === 'modelOrigin' && origin.origin.note).toMatch(/could not be loaded \(404 Not Found\)/);
    expect(w.up.steps()).toEqual({ upsample: 0 });
    w.dispose();
  });

  it('a newer request of the same owner cancels the older one; another owner’s runs on', async () => {
    const w = makeUpsampler();
    const cond = new Float32Array(16).fill(-1);
    await w.up.ensure();
    const first = w.up.sample({ cond, k: 2, seed: 1, owner: 'w' });
    const other = w.up.sample({ cond, k: 2, seed: 1, owner: 'x' });
    const second = w.up.sample({ cond, k: 2, seed: 2, owner: 'w' });
    expect((await first).cancelled).toBe(true);
    expect((await second).cancelled).toBe(false);
    expect((await other).cancelled).toBe(false);
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a condition that is not 16 values in [−1, 1], naming it, and checks its start and train requests', async () => {
    const w = makeUpsampler();
    await expect(w.up.sample({ cond: new Float32Array(15), k: 2, seed: 1 })).rejects.toThrow(EngineInputError);
    await expect(w.up.sample({ cond: new Float32Array(16).fill(1.5), k: 2, seed: 1 })).rejects.toThrow(/cond/);
    const bad = validateRequest({ type: 'upsample', id: 1, options: { cond: new Float32Array(16).fill(2), k: 8, seed: 1 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.field).toBe('options.cond');
      expect(bad.message).toMatch(/\[−1, 1\].*found 2/);
    }
    const short = validateRequest({ type: 'upsample', id: 1, options: { cond: [0, 0], k: 8, seed: 1 } });
    expect(!short.ok && short.message).toMatch(/16 values/);
    expect(validateRequest({ type: 'upsample', id: 1, options: { cond: new Float32Array(16), k: 8, seed: 1, owner: 'upsample' } }).ok).toBe(true);
    expect(validateRequest({ type: 'upsample', id: 1, options: { cond: new Float32Array(16), k: 1, seed: 1 } }).ok).toBe(false);
    const field = (m: unknown): string => {
      const v = validateRequest(m);
      return v.ok ? 'accepted' : v.field;
    };
    expect(field({ type: 'upsampleStart', id: 1, from: 'scratch' })).toBe('accepted');
    expect(field({ type: 'upsampleStart', id: 1, from: 'nowhere' })).toBe('from');
    expect(field({ type: 'train', id: 1, runId: 1, action: 'start', model: 'upsample' })).toBe('accepted');
    expect(field({ type: 'reset', id: 1, model: 'upsample' })).toBe('accepted');
    expect(field({ type: 'sample', id: 1, runId: 1, model: 'upsample', options: { cond: new Float32Array(16), k: 1, seed: 1 } })).toBe('options.k');
    w.dispose();
  });
});
