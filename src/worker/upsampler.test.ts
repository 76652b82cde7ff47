import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitsHeldOut } from '../engine/datasets/digits';
import { loadDigits } from '../engine/datasets/digitsFixture';
import { EngineInputError } from '../engine/inputError';
import { useTestBackend } from '../engine/tf/testBackend';
import { downsample } from '../engine/upsample/downsample';
import { Upsampler } from './upsampler';
import { validateRequest } from './validateRequest';

const shipped = (): ArrayBuffer => {
  const b = readFileSync(resolve(__dirname, '../../public/pretrained/upsample.bin'));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

describe('the worker’s upsampler', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('loads the shipped file once and answers k completions of a held-out digit’s 4×4 view that match it', async () => {
    let loads = 0;
    const up = new Upsampler(async (file) => (loads++, expect(file).toBe('upsamplePretrained'), shipped()));
    const cond = downsample(digitsHeldOut(loadDigits()).points.subarray(0, 64));
    const r = await up.sample({ cond, k: 4, seed: 3, owner: 'a' });
    expect(r.samples.length).toBe(4 * 64);
    expect(Array.from(r.downsampled)).toEqual(Array.from(downsample(r.samples)));
    expect(r.errors.length).toBe(4);
    // Half a grey level (2/16 / 2), the shipped file's bar (upsamplePretrained.test.ts).
    expect(r.conditionError).toBeLessThan(1 / 16);
    expect(r.pixelSpread).toBeGreaterThan(0);
    expect(r.cancelled).toBe(false);
    const again = await up.sample({ cond, k: 4, seed: 3, owner: 'a' });
    expect(Array.from(again.samples)).toEqual(Array.from(r.samples));
    expect(loads).toBe(1);
    up.dispose();
  });

  it('a newer request of the same owner cancels the older one; another owner’s runs on', async () => {
    const up = new Upsampler(async () => shipped());
    const cond = new Float32Array(16).fill(-1);
    await up.ensure();
    const first = up.sample({ cond, k: 2, seed: 1, owner: 'w' });
    const other = up.sample({ cond, k: 2, seed: 1, owner: 'x' });
    const second = up.sample({ cond, k: 2, seed: 2, owner: 'w' });
    expect((await first).cancelled).toBe(true);
    expect((await second).cancelled).toBe(false);
    expect((await other).cancelled).toBe(false);
    up.dispose();
  });

  it('refuses a condition that is not 16 values in [−1, 1], naming it', async () => {
    const up = new Upsampler(async () => shipped());
    await expect(up.sample({ cond: new Float32Array(15), k: 2, seed: 1 })).rejects.toThrow(EngineInputError);
    await expect(up.sample({ cond: new Float32Array(16).fill(1.5), k: 2, seed: 1 })).rejects.toThrow(/cond/);
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
    up.dispose();
  });
});
