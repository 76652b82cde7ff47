import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitsBytes } from '../engine/datasets/digitsFixture';
import { classifierBytes } from '../engine/images/classifierFixture';
import { checkImageModelFile } from '../engine/images/digitModelFile';
import { decodeModelFile, encodeModelFile, ModelFileError } from '../engine/modelFile';
import { useTestBackend } from '../engine/tf/testBackend';
import { ImageModels } from './imageModels';
import { IMAGE_FILE_CONFIG } from './imageNetwork';
import type { WorkerEvent } from './protocol';
import { TrainingLoop } from './trainingLoop';

const SHIPPED = resolve(__dirname, '../../public/pretrained/digits.bin');
/** The limit for this file. */
const MAX_BYTES = 300 * 1024;
const shipped = (): ArrayBuffer => {
  const b = readFileSync(SHIPPED);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

/** The worker's image model with the site's files; `pretrained` answers the default's request (a throw: the fetch failed). */
function makeImages(pretrained: () => ArrayBuffer = shipped) {
  const events: WorkerEvent[] = [];
  const post = (e: WorkerEvent): void => void events.push(e);
  const loop = new TrainingLoop(post);
  const images = new ImageModels(post, loop, async (file) => (file === 'digits' ? digitsBytes() : file === 'classifier' ? classifierBytes() : pretrained()));
  const origins = () => events.filter((e) => e.type === 'modelOrigin');
  return { images, loop, origins, dispose: () => (images.dispose(), loop.dispose()) };
}

const weightsOf = async (images: ImageModels): Promise<number[][]> => (await (await images.ensure()).getWeights()).map((w) => Array.from(w.values));

describe('the pretrained digits model', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('ships as an 8×8 image model file of at most 300 KB', () => {
    expect(statSync(SHIPPED).size).toBeLessThanOrEqual(MAX_BYTES);
    const file = checkImageModelFile(decodeModelFile(shipped()), IMAGE_FILE_CONFIG);
    expect(file.step).toBeGreaterThan(0);
  });

  it('the worker starts from it (its step count, origin pretrained), and 500 samples by DDIM-50 clear the digit bar without training', async () => {
    const { step } = decodeModelFile(shipped());
    const { images, origins, dispose } = makeImages();
    const built = performance.now();
    expect(await images.status()).toEqual({ origin: { kind: 'pretrained', steps: step }, step });
    console.info(`built from digits.bin in ${(performance.now() - built).toFixed(0)} ms (digits and file read, decoded, weights set)`);
    expect(images.steps()).toEqual({ images: step });
    expect(origins()).toEqual([{ type: 'modelOrigin', model: 'images', origin: { kind: 'pretrained', steps: step }, step }]);
    const t0 = performance.now();
    const r = await images.sample(1, { n: 500, seed: 1, w: 0, steps: 50, score: true });
    const s = r.score!;
    console.info(`pretrained digits (${step} steps): 500 samples in ${((performance.now() - t0) / 1000).toFixed(1)} s, confident ${(100 * s.confidentShare).toFixed(1)}% (held-out ${(100 * s.heldOutConfidentShare).toFixed(1)}%), classes ${s.classesPresent}, FID ${s.frechet.toFixed(2)}`);
    expect(r.step).toBe(step);
    expect(s.passes).toBe(true);
    expect(s.confidentShare).toBeGreaterThanOrEqual(0.8 * s.heldOutConfidentShare);
    expect(s.classesPresent).toBe(10);
    dispose();
  }, 60_000);

  it('falls back to an untrained model with a note saying why when the file cannot be loaded (missing, or not a model file)', async () => {
    for (const [answer, why] of [[() => { throw new Error('the server answered 404 Not Found'); }, /404 Not Found/], [() => new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer, /not a Diffusion Playground model file/]] as const) {
      const { images, origins, dispose } = makeImages(answer);
      const status = await images.status();
      expect(status.step).toBe(0);
      expect(status.origin.kind).toBe('untrained');
      expect(status.origin.note).toMatch(why);
      expect(status.origin.note).toMatch(/starts untrained/);
      expect(origins()).toHaveLength(1);
      dispose();
    }
  });

  it('Train from scratch gives fresh weights at step 0; Back to pretrained gives the file’s weights and step again', async () => {
    const { images, loop, dispose } = makeImages();
    const pretrained = await weightsOf(images);
    const { step } = await images.status();
    await loop.stepN('images', 1, 3);
    expect((await images.status()).step).toBe(step + 3);
    expect(await images.restart('scratch')).toEqual({ origin: { kind: 'untrained', steps: 0 }, step: 0 });
    expect((await weightsOf(images))[0]).not.toEqual(pretrained[0]);
    expect(await images.restart('pretrained')).toEqual({ origin: { kind: 'pretrained', steps: step }, step });
    expect(await weightsOf(images)).toEqual(pretrained);
    dispose();
  }, 60_000);

  it('refuses a model file of another kind or image size, naming what it is and what is expected, with the current model kept', async () => {
    const { images, loop, dispose } = makeImages();
    await images.ensure();
    await loop.stepN('images', 1, 2);
    const before = await images.status();
    const weights = await weightsOf(images);
    const points2d = encodeModelFile({ config: { dataset: 'twoMoons', T: 1000, width: 128 }, step: 500, weights: [{ name: 'w', shape: [2], values: Float32Array.from([1, 2]) }] });
    const image16 = encodeModelFile({ config: { ...IMAGE_FILE_CONFIG, width: 16, height: 16 }, step: 500, weights: [{ name: 'w', shape: [2], values: Float32Array.from([1, 2]) }] });
    const wrongShapes = encodeModelFile({ config: IMAGE_FILE_CONFIG, step: 500, weights: [{ name: 'w', shape: [2], values: Float32Array.from([1, 2]) }] });
    const cases: Array<[Uint8Array, RegExp]> = [
      [points2d, /This is a 2D-points model \(the twoMoons dataset.*needs an image model for 8×8 images \(64 pixels\)/],
      [image16, /This is an image model for 16×16 images; the digits model needs an image model for 8×8 images/],
      [wrongShapes, /weights do not fit the digits network/],
      [new Uint8Array([68, 80, 77, 70, 0, 0, 0, 0]), /header is not valid JSON|no Diffusion Playground header/],
    ];
    for (const [bytes, message] of cases) {
      const load = images.load(bytes.slice().buffer, 'bad.dpmodel');
      await expect(load).rejects.toThrow(ModelFileError);
      await expect(load).rejects.toThrow(message);
      expect(await images.status()).toEqual(before);
      expect(await weightsOf(images)).toEqual(weights);
    }
    dispose();
  }, 60_000);

  it('a downloaded model file loads back: same weights (float32), its steps, origin the file', async () => {
    const { images, loop, dispose } = makeImages();
    await images.ensure();
    await loop.stepN('images', 1, 4);
    const { bytes, step } = await images.exportFile();
    const saved = (await (await images.ensure()).network.trainer.sampler.getWeights()).map((w) => Array.from(w.values));
    expect(checkImageModelFile(decodeModelFile(bytes), IMAGE_FILE_CONFIG).step).toBe(step);
    await images.restart('scratch');
    expect(await images.load(bytes.slice().buffer, 'mine.dpmodel')).toEqual({ origin: { kind: 'file', steps: step, name: 'mine.dpmodel' }, step });
    const loaded = (await (await images.ensure()).network.trainer.sampler.getWeights()).map((w) => Array.from(w.values));
    expect(loaded).toEqual(saved);
    dispose();
  }, 60_000);
});
