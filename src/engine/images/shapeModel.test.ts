/**
 * The shapes recipe clears its bar (sampleQuality.ts, with the shape classifier): the shipped
 * pretrained file (public/pretrained/shapes.bin, `npm run pretrain -- --datasets=shapes`, trained on
 * the worker's own recipe) loaded as the page loads it (8-bit weights decoded), scored on DDIM-50
 * samples drawn as the page draws them:
 *  - the shape drawn evenly at w = 0: confident share ≥ 80% of the held-out shapes', all six present;
 *  - each shape asked for at w = 2: the same, and ≥ 90% classified as the shape asked for.
 * Far better than the untrained network, and no sample a copy of a training image. Training itself
 * is measured by scripts/images/run.mjs --dataset=shapes (figures in shapeModel.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shapesHeldOut, shapesTrain } from '../datasets/shapeSplits';
import { decodeModelFile } from '../modelFile';
import { makeSchedule } from '../schedule';
import { Denoiser, resolveDenoiserConfig } from '../tf';
import { useTestBackend } from '../tf/testBackend';
import { loadClassifier } from './classifierFixture';
import { drawDigits } from './digitModel';
import { checkImageModelFile, type ImageModelFileConfig } from './digitModelFile';
import { frechetEnds } from './frechetEnds';
import { ASKED_DIGIT_BAR, CONFIDENT_RATIO_BAR, makeYardstick, passesBar, scoreSamples } from './sampleQuality';
import { evenShapes, SHAPE_GUIDANCE, SHAPE_NET, SHAPE_SCHEDULE } from './shapeModel';

const FILE = resolve(__dirname, '../../../public/pretrained/shapes.bin');
const SAMPLES = 600;
/** The file's settings, written here from the recipe (not imported from the worker: the engine does not import it). */
const EXPECTED: ImageModelFileConfig = {
  kind: 'image-ddpm', width: 16, height: 16, classes: 6,
  net: { width: SHAPE_NET.width, depth: SHAPE_NET.depth, timeEmbedDim: SHAPE_NET.timeEmbedDim, inputEmbedDim: SHAPE_NET.inputEmbedDim, prediction: 'x0' },
  schedule: { kind: 'cosine', T: 1000 },
};

beforeAll(async () => {
  await useTestBackend();
});

describe('the pretrained shapes model', () => {
  const y = makeYardstick(loadClassifier('shape'), shapesTrain(), shapesHeldOut());
  const schedule = makeSchedule(SHAPE_SCHEDULE);
  const config = resolveDenoiserConfig({ ...SHAPE_NET, dim: 256, T: SHAPE_SCHEDULE.T });

  it('is a 16×16 x₀-predicting image model file of at most 300 KB; an ε-predicting network of the same size is refused', () => {
    expect(statSync(FILE).size).toBeLessThanOrEqual(300 * 1024);
    const file = decodeModelFile(readFileSync(FILE));
    expect(() => checkImageModelFile(file, EXPECTED, 'shapes')).not.toThrow();
    const eps = { ...EXPECTED, net: { ...EXPECTED.net, prediction: undefined } };
    expect(() => checkImageModelFile(file, eps, 'shapes')).toThrow(/another network .*predicting x₀.*the shapes model's is .*predicting ε/);
  });

  it(`clears the bar: the shape drawn evenly at w = 0, and asked for at w = ${SHAPE_GUIDANCE} (≥ 90% the shape asked for); far better than untrained`, async () => {
    const file = decodeModelFile(readFileSync(FILE));
    const model = new Denoiser(config, 0);
    model.setWeights(file.weights);
    const untrained = new Denoiser(config, 0);
    const asked = evenShapes(SAMPLES);
    const plain = scoreSamples(y, await drawDigits(model, schedule, asked, 0, 1));
    const guided = scoreSamples(y, await drawDigits(model, schedule, asked, SHAPE_GUIDANCE, 2), asked);
    const noise = scoreSamples(y, await drawDigits(untrained, schedule, asked, SHAPE_GUIDANCE, 2), asked);
    const ends = frechetEnds(y, SAMPLES);
    model.dispose();
    untrained.dispose();
    console.info(`shapes.bin (${file.step} steps), ${SAMPLES} samples: w = 0 confident ${plain.confidentShare.toFixed(3)}, evenness ${plain.normalisedEntropy.toFixed(3)}, FID ${plain.frechet.toFixed(1)}; w = 2 asked-for ${guided.askedShare.toFixed(3)}, FID ${guided.frechet.toFixed(1)}; untrained FID ${noise.frechet.toFixed(1)}; ends real ${ends.real.toFixed(2)}, noise ${ends.noise.toFixed(1)}`);
    for (const s of [plain, guided]) {
      expect(s.confidentShare).toBeGreaterThanOrEqual(CONFIDENT_RATIO_BAR * y.heldOutConfidentShare);
      expect(s.classesPresent).toBe(6);
      expect(s.normalisedEntropy).toBeGreaterThan(0.95);
      expect(s.copiedShare).toBeLessThan(0.01);
      expect(passesBar(s, y)).toBe(true);
      expect(s.frechet).toBeLessThan(noise.frechet / 5);
    }
    expect(guided.askedShare).toBeGreaterThanOrEqual(ASKED_DIGIT_BAR);
    expect(passesBar(noise, y)).toBe(false);
    expect(noise.askedShare).toBeLessThan(0.5); // chance: 1 in 6
  }, 120_000);
});
