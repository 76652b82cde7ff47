import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIGIT_DIM } from '../engine/datasets/digits';
import { digitsBytes } from '../engine/datasets/digitsFixture';
import { classifierBytes } from '../engine/images/classifierFixture';
import { useTestBackend } from '../engine/tf/testBackend';
import type { ImageDataFile } from './imageData';
import { DIGIT_SCHEDULE } from '../engine/images/digitModel';
import { IMAGE_SCHEDULE } from './imageConfig';
import { ImageModels } from './imageModels';
import type { ProgressEvent, WorkerEvent } from './protocol';
import { TrainingLoop } from './trainingLoop';

/**
 * The worker's wiring of the image model, its data read from public/data (what the site serves) instead of fetched.
 * These tests watch an untrained model learn, so the pretrained default is missing here (the site answering 404):
 * the model starts untrained (imagePretrained.test.ts tests the start from the shipped file).
 */
function makeImages() {
  const events: WorkerEvent[] = [];
  const loads: ImageDataFile[] = [];
  const post = (e: WorkerEvent): void => void events.push(e);
  const loop = new TrainingLoop(post);
  const images = new ImageModels(post, loop, async (file) => {
    loads.push(file);
    if (file === 'pretrained') throw new Error('404 Not Found');
    return file === 'digits' ? digitsBytes() : classifierBytes();
  });
  const dispose = (): void => {
    images.dispose();
    loop.dispose();
  };
  return { events, loads, loop, images, dispose };
}

const progressOf = (events: WorkerEvent[]): ProgressEvent[] => events.filter((e): e is ProgressEvent => e.type === 'progress' && e.model === 'images');

describe('the image model in the training loop (under Node)', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('runs on the digit recipe’s schedule (the page reads imageConfig.ts, which cannot import tfjs)', () => {
    expect(IMAGE_SCHEDULE).toEqual(DIGIT_SCHEDULE);
  });

  it('trains on the digits through the loop, its ε-loss falling from ≈ 1 (an untrained net predicts ε ≈ 0, E‖ε‖²/dim = 1)', async () => {
    const before = tf.memory().numTensors;
    const { events, loads, loop, images, dispose } = makeImages();
    await images.ensure();
    expect(loads).toEqual(['digits', 'pretrained']);
    await loop.stepN('images', 1, 20);
    const first = progressOf(events).at(-1)!;
    await loop.stepN('images', 1, 280);
    const last = progressOf(events).at(-1)!;
    expect(images.steps()).toEqual({ images: 300 });
    expect(first.step).toBe(20);
    expect(last.step).toBe(300);
    console.info(`images: loss ${first.loss.toFixed(3)} at step 20, ${last.loss.toFixed(3)} at step 300`);
    expect(first.loss).toBeGreaterThan(0.5);
    expect(last.loss).toBeLessThan(0.6 * first.loss);
    dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('samples n 8×8 images in [−1, 1]; the same seed starts from the same x_T (deterministic DDIM gives the same images), another seed does not', async () => {
    const { images, loop, dispose } = makeImages();
    await images.ensure();
    await loop.stepN('images', 1, 50);
    const options = { n: 6, seed: 3, classLabel: 4, w: 1, steps: 10 };
    const a = await images.sample(1, options);
    expect(a.step).toBe(50);
    expect(a.cancelled).toBe(false);
    expect([a.width, a.height]).toEqual([8, 8]);
    expect(a.pixels.length).toBe(6 * DIGIT_DIM);
    expect(a.pixels.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(a.score).toBeUndefined();
    const again = await images.sample(2, options);
    expect(Array.from(again.pixels)).toEqual(Array.from(a.pixels));
    const other = await images.sample(3, { ...options, seed: 4 });
    expect(Array.from(other.pixels)).not.toEqual(Array.from(a.pixels));
    // A bigger grid from the same seed keeps the smaller one's images (row r of x_T does not depend on n).
    const bigger = await images.sample(4, { ...options, n: 9 });
    const head = bigger.pixels.subarray(0, 6 * DIGIT_DIM);
    for (let k = 0; k < head.length; k++) expect(head[k]).toBeCloseTo(a.pixels[k]!, 4);
    // Unconditional (no class): still the right shape, and not the class-4 images.
    const free = await images.sample(5, { n: 6, seed: 3, w: 1, steps: 10 });
    expect(free.pixels.length).toBe(6 * DIGIT_DIM);
    expect(Array.from(free.pixels)).not.toEqual(Array.from(a.pixels));
    dispose();
  }, 120_000);

  it('scores a sample with the digit yardstick, loading the classifier once', async () => {
    const { images, loads, dispose } = makeImages();
    const scored = await images.sample(1, { n: 40, seed: 1, w: 0, steps: 5, score: true });
    const s = scored.score!;
    expect(s.n).toBe(40);
    for (const share of [s.confidentShare, s.normalisedEntropy, s.copiedShare]) expect(share).toBeGreaterThanOrEqual(0), expect(share).toBeLessThanOrEqual(1);
    expect(s.classesPresent).toBe(s.confidentHistogram.filter((k) => k > 0).length);
    expect(s.confidentHistogram.reduce((a, k) => a + k, 0)).toBe(Math.round(s.confidentShare * 40));
    // An untrained network draws noise: far from real digits in feature statistics (real digits ≈ 1.8; noise 160–180).
    expect(s.frechet).toBeGreaterThan(20);
    expect(s.passes).toBe(false);
    expect(s.heldOutConfidentShare).toBeGreaterThan(0.9); // the classifier is ≥ 0.8 sure of 96.7% of held-out digits
    expect(Number.isNaN(s.askedShare)).toBe(true); // unconditional: no digit was asked for
    const asked = await images.sample(2, { n: 10, seed: 1, classLabel: 3, w: 2, steps: 5, score: true });
    expect(asked.score!.askedShare).toBeGreaterThanOrEqual(0);
    expect(loads.sort()).toEqual(['classifier', 'digits', 'pretrained']);
    dispose();
  }, 120_000);

  it('refuses a scored sample of one image, naming n, before anything runs', async () => {
    const { images, loads, dispose } = makeImages();
    await expect(images.sample(1, { n: 1, seed: 0, w: 0, steps: 5, score: true })).rejects.toMatchObject({ param: 'n' });
    expect(loads).toEqual([]);
    dispose();
  });

  it('a newer sample cancels an older one', async () => {
    const { images, dispose } = makeImages();
    await images.ensure();
    const first = images.sample(1, { n: 8, seed: 1, w: 0, steps: 200 });
    const second = images.sample(2, { n: 8, seed: 1, w: 0, steps: 5 });
    const [a, b] = await Promise.all([first, second]);
    expect(a.cancelled).toBe(true);
    expect(b.cancelled).toBe(false);
    dispose();
  }, 60_000);

  it("a newer sample of one owner leaves another owner's sample running to the end", async () => {
    const { images, dispose } = makeImages();
    await images.ensure();
    const train = images.sample(1, { n: 8, seed: 1, w: 0, steps: 40, owner: 'image-train' });
    const prompt = images.sample(2, { n: 8, seed: 1, classLabel: 3, w: 2, steps: 5, owner: 'image-prompt' });
    const [a, b] = await Promise.all([train, prompt]);
    expect(a.cancelled).toBe(false);
    expect(b.cancelled).toBe(false);
    const alone = await images.sample(3, { n: 8, seed: 1, w: 0, steps: 40 });
    expect(a.pixels).toEqual(alone.pixels); // the interleaved run finished the same chain
    dispose();
  }, 60_000);

  it('reset starts the model again from step 0, without loading the data again', async () => {
    const { images, loads, loop, dispose } = makeImages();
    await images.ensure();
    await loop.stepN('images', 1, 5);
    images.reset();
    expect(images.steps()).toEqual({});
    await expect(loop.stepN('images', 1, 1)).rejects.toThrow();
    await images.ensure();
    await loop.stepN('images', 1, 3);
    expect(images.steps()).toEqual({ images: 3 });
    expect(loads).toEqual(['digits', 'pretrained', 'pretrained']); // the default is asked for again (it failed), the digits are kept
    dispose();
  });

  it('checkpoints and rolls back like every model: its weights come back exactly', async () => {
    const { images, loop, dispose } = makeImages();
    const unit = await images.ensure();
    await loop.stepN('images', 1, 5);
    const saved = await unit.getWeights();
    await loop.stepN('images', 1, 5);
    unit.setWeights(saved, 5);
    expect(unit.stepCount).toBe(5);
    expect((await unit.getWeights()).map((w) => Array.from(w.values))).toEqual(saved.map((w) => Array.from(w.values)));
    dispose();
  });
});
