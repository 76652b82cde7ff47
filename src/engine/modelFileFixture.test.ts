/**
 * Model files already out in the world keep loading (issue 13, item 4): the committed version-1
 * fixture (fixtures/README.md says how it was written, by the tree before version 2) decodes to
 * the config it was written with, the weight-average decay it lacks filled at 0.995 (what every
 * version-1 model trained with), its step, and every weight value; and it fits the network that
 * config builds.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateRequest } from '../worker/validateRequest';
import { fixtureWeights } from './fixtures/fixtureWeights';
import { decodeModelFile } from './modelFile';
import { Denoiser, resolveDenoiserConfig } from './tf';
import { useTestBackend } from './tf/testBackend';

const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL('./fixtures/model-v1.dpmodel', import.meta.url))));

/** The config in fixtures/README.md's recipe. */
const WRITTEN = { dataset: 'spiral', nPoints: 8000, schedule: 'cosine', T: 100, width: 16, depth: 1, timeEmbedDim: 32, inputEmbedDim: 32, prediction: 'eps', optimizer: 'adam', learningRate: 0.01, batchSize: 128, seed: 7 };

describe('the version-1 model file fixture', () => {
  it('is a version-1 file without emaDecay (so this test reads what old files hold)', () => {
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)))) as { version: number; config: Record<string, unknown> };
    expect(header.version).toBe(1);
    expect(header.config).toEqual(WRITTEN);
  });

  it('loads with its config, emaDecay filled at 0.995, its step and every weight', () => {
    const file = decodeModelFile(bytes);
    expect(file.config).toEqual({ ...WRITTEN, emaDecay: 0.995 });
    expect(file.step).toBe(321);
    expect(file.savedAt).toBe('2026-01-01T00:00:00.000Z');
    const want = fixtureWeights();
    expect(file.weights.map((w) => [w.name, w.shape])).toEqual(want.map((w) => [w.name, w.shape]));
    file.weights.forEach((w, k) => expect(Array.from(w.values)).toEqual(Array.from(want[k]!.values)));
    // Spot values from the formula ((7k + 3j) mod 33 − 16) / 64, worked by hand.
    expect(file.weights[0]!.values[0]).toBe(-16 / 64);
    expect(file.weights[0]!.values[5]).toBe((35 % 33 - 16) / 64); // −14/64
    expect(file.weights[5]!.values[1]).toBe((22 - 16) / 64); // j = 5, k = 1: 7 + 15 = 22
  });

  it('its config is one the worker accepts, and its weights fit the network that config builds', async () => {
    const file = decodeModelFile(bytes);
    expect(validateRequest({ type: 'configure', id: 0, config: file.config })).toMatchObject({ ok: true });
    await useTestBackend();
    const c = file.config as typeof WRITTEN;
    const model = new Denoiser(resolveDenoiserConfig({ dim: 2, T: c.T, width: c.width, depth: c.depth, timeEmbedDim: c.timeEmbedDim, inputEmbedDim: c.inputEmbedDim }), 0);
    expect(() => model.setWeights(file.weights)).not.toThrow();
    const back = await model.getWeights();
    expect(Array.from(back[2]!.values)).toEqual(Array.from(file.weights[2]!.values));
    model.dispose();
  });

  it('every shipped pretrained model (version-1 files) decodes to a config the worker accepts', () => {
    for (const name of ['twoMoons', 'swissRoll', 'eightGaussians', 'checkerboard', 'rings', 'spiral']) {
      const file = decodeModelFile(new Uint8Array(readFileSync(fileURLToPath(new URL(`../../public/pretrained/${name}.bin`, import.meta.url)))));
      expect(file.config.emaDecay, name).toBe(0.995);
      expect(validateRequest({ type: 'configure', id: 0, config: file.config }), name).toMatchObject({ ok: true });
    }
  });
});
