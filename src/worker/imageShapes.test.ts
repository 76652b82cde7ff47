/**
 * The worker's shapes model (model id `shapes`): the same ImageModels class as the digits', given
 * the shapes data set (imageDatasets.ts). Its images come from the engine's generator, so it loads
 * only its classifier and its pretrained file (missing here: it starts untrained and says why);
 * its samples are 16×16 with the size in the reply, and its classes are the six shapes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classifierBytes } from '../engine/images/classifierFixture';
import { useTestBackend } from '../engine/tf/testBackend';
import type { ImageDataFile } from './imageData';
import { SHAPES_DATASET } from './imageDatasets';
import { ImageModels } from './imageModels';
import type { WorkerEvent } from './protocol';
import { TrainingLoop } from './trainingLoop';

function makeShapesModel() {
  const events: WorkerEvent[] = [];
  const loads: ImageDataFile[] = [];
  const post = (e: WorkerEvent): void => void events.push(e);
  const loop = new TrainingLoop(post);
  const shapes = new ImageModels(post, loop, async (file) => {
    loads.push(file);
    if (file === 'shapeClassifier') return classifierBytes('shape');
    throw new Error('404 Not Found');
  }, SHAPES_DATASET);
  return { events, loads, loop, shapes, dispose: () => (shapes.dispose(), loop.dispose()) };
}

describe('the shapes image model in the worker', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('builds on the generated shapes, trains under its own id, and samples 16×16 images scored by the shape classifier', async () => {
    const { events, loads, loop, shapes, dispose } = makeShapesModel();
    const status = await shapes.status();
    expect(loads).toEqual(['shapesPretrained']); // no data file: the images are drawn by the engine
    expect(status.origin.kind).toBe('untrained');
    expect(status.origin.note).toMatch(/pretrained shapes model could not be loaded/);
    expect(events.some((e) => e.type === 'modelOrigin' && e.model === 'shapes')).toBe(true);
    await loop.stepN('shapes', 1, 10);
    expect(shapes.steps()).toEqual({ shapes: 10 });
    expect(events.some((e) => e.type === 'progress' && e.model === 'shapes')).toBe(true);

    const r = await shapes.sample(1, { n: 12, seed: 3, classLabel: 4, w: 2, steps: 5, score: true });
    expect(r.model).toBe('shapes');
    expect([r.width, r.height]).toEqual([16, 16]);
    expect(r.pixels.length).toBe(12 * 256);
    expect(r.pixels.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(loads).toContain('shapeClassifier');
    expect(r.score!.confidentHistogram).toHaveLength(6);
    expect(r.score!.askedShare).toBeGreaterThanOrEqual(0);
    expect(r.score!.frechetEnds.noise).toBeGreaterThan(r.score!.frechetEnds.real);
    await expect(shapes.sample(2, { n: 4, seed: 3, classLabel: 6, w: 2, steps: 5 })).rejects.toThrow(/classLabel/);
    const nearest = (await shapes.sample(3, { n: 2, seed: 3, w: 0, steps: 5, nearest: true })).nearest!;
    expect(nearest.pixels.length).toBe(2 * 256);
    dispose();
  }, 120_000);

  it('refuses a digits model file: another image size', async () => {
    const { shapes, dispose } = makeShapesModel();
    const digits = await import('node:fs').then((fs) => fs.readFileSync(new URL('../../public/pretrained/digits.bin', import.meta.url)));
    await expect(shapes.load(digits.buffer.slice(digits.byteOffset, digits.byteOffset + digits.byteLength), 'digits.bin')).rejects.toThrow(/8×8 images; the shapes model needs an image model for 16×16 images/);
    dispose();
  });
});
