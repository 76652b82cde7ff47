/**
 * `npm run pretrain -- --datasets=shapes`: trains the shapes DDPM on the worker's own recipe
 * (src/worker/imageNetwork.ts buildShapeNetwork: the network, seeds, trainer and schedule of a page
 * that picks "16×16 shapes" and presses Train) under Node, and writes public/pretrained/shapes.bin,
 * the weight average in 8-bit weights with a scale per output column (src/engine/int8Weights.ts;
 * 256 + 7 class slots + 32 time features → 256 → 256 → 256 → 256 is ~273,000 weights: 1.1 MB in
 * float32, ~280 KB in int8, under the 300 KB).
 *
 * Every `report` steps it scores the weight average as the page would draw from it (DDIM-50, η = 0,
 * x̂₀ clipped; the shape drawn evenly at w = 0, and each shape asked for at w = 2) with the shape
 * yardstick (src/engine/images/sampleQuality.ts and the shape classifier), prints the training time
 * to that point, and writes the file, so an interrupted run still leaves its latest file.
 *
 * The shipped file: 8,000 steps, 66 s of training at 121 steps/s (quiet 2-core machine), 277,824
 * bytes; rerunning the command writes the same bytes. Scored on 1,200 samples: the shape drawn
 * evenly 95.1% confident (held-out shapes 95.7%), evenness 1.00, FID 8.4; asked for at w = 2,
 * 99.8% the shape asked for, FID 47.8; the Fréchet ends for 1,200 images: real 1.86, clipped noise 802.7.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { shapesHeldOut, shapesTrain } from '../../src/engine/datasets/shapeSplits';
import { decodeClassifier } from '../../src/engine/images/classifier';
import { checkImageModelFile } from '../../src/engine/images/digitModelFile';
import { drawDigits } from '../../src/engine/images/digitModel';
import { evenShapes, SHAPE_GUIDANCE } from '../../src/engine/images/shapeModel';
import { frechetEnds } from '../../src/engine/images/frechetEnds';
import { makeYardstick, passesBar, scoreSamples, type SampleScore, type Yardstick } from '../../src/engine/images/sampleQuality';
import { decodeModelFile, encodeModelFile } from '../../src/engine/modelFile';
import { makeSchedule, type Schedule } from '../../src/engine/schedule';
import { Denoiser, resolveDenoiserConfig } from '../../src/engine/tf';
import { IMAGE_SCHEDULE } from '../../src/worker/imageConfig';
import { buildShapeNetwork, SHAPES_FILE_CONFIG, SHAPES_NET } from '../../src/worker/imageNetwork';

const PUBLIC = resolve(import.meta.dirname, '../../public');
/** Steps of the shipped default (--shape-steps=N): the bar is met after ~500 (shapeModel.ts); 8000 draw clean shapes (95% confident, FID 8.4 for 1200 samples). */
export const SHAPE_STEPS = 8000;
/** Samples per score (the held-out split has 1200 images). */
const SCORED = 600;

export const shapeLine = (s: SampleScore): string =>
  `confident ${(100 * s.confidentShare).toFixed(1)}%, classes ${s.classesPresent}, evenness ${s.normalisedEntropy.toFixed(2)}, FID ${s.frechet.toFixed(1)}, nearest-train ratio ${s.nearestRatio.toFixed(2)}` +
  (Number.isNaN(s.askedShare) ? '' : `, asked-for ${(100 * s.askedShare).toFixed(1)}%`);

export function shapeYardstick(): Yardstick {
  const b = readFileSync(resolve(PUBLIC, 'data/shape-classifier.bin'));
  return makeYardstick(decodeClassifier(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer), shapesTrain(), shapesHeldOut());
}

/** Both scores of a network: the shape drawn evenly at w = 0, and asked for at w = 2. */
export async function scoreShapes(net: Denoiser, schedule: Schedule, y: Yardstick, n = SCORED): Promise<{ plain: SampleScore; guided: SampleScore }> {
  const asked = evenShapes(n);
  const plain = scoreSamples(y, await drawDigits(net, schedule, asked, 0, 1));
  const guided = scoreSamples(y, await drawDigits(net, schedule, asked, SHAPE_GUIDANCE, 2), asked);
  return { plain, guided };
}

/** Trains `steps` steps, scoring and writing the file every `report` steps; returns the file's size. */
export async function pretrainShapes(steps: number, out: string, report = 5000): Promise<number> {
  const train = shapesTrain();
  const y = shapeYardstick();
  const schedule = makeSchedule(IMAGE_SCHEDULE);
  const net = buildShapeNetwork(schedule, { points: train.points, labels: Int32Array.from(train.labels) });
  let trainMs = 0;
  let size = 0;
  for (let done = 0; done < steps; ) {
    const n = Math.min(report, steps - done);
    const t0 = performance.now();
    for (let k = 0; k < n; k += 500) net.trainer.train(Math.min(500, n - k));
    const loss = (await net.trainer.readStats()).loss;
    trainMs += performance.now() - t0;
    done += n;
    const weights = await net.trainer.sampler.getWeights();
    const bytes = encodeModelFile({ config: SHAPES_FILE_CONFIG, step: done, weights }, 'int8');
    writeFileSync(out, bytes);
    size = bytes.length;
    const { plain, guided } = await scoreShapes(net.trainer.sampler, schedule, y);
    console.log(`shapes: ${done} steps, ${(trainMs / 1000).toFixed(0)} s training (${((done / trainMs) * 1000).toFixed(0)} steps/s), loss ${loss.toFixed(3)}; ${size} bytes → ${out}`);
    console.log(`  w = 0, shape drawn evenly: ${shapeLine(plain)}; bar ${passesBar(plain, y)}\n  w = ${SHAPE_GUIDANCE}: ${shapeLine(guided)}; bar ${passesBar(guided, y)}`);
  }
  net.dispose();
  return size;
}

/** Scores the file at `path` as the page draws from it (the decoded 8-bit weights), beside the Fréchet scale's ends. */
export async function evaluateShapes(path: string, n = 1200): Promise<void> {
  const file = checkImageModelFile(decodeModelFile(readFileSync(path)), SHAPES_FILE_CONFIG, 'shapes');
  const y = shapeYardstick();
  const model = new Denoiser(resolveDenoiserConfig(SHAPES_NET), 0);
  model.setWeights(file.weights);
  const { plain, guided } = await scoreShapes(model, makeSchedule(IMAGE_SCHEDULE), y, n);
  model.dispose();
  const ends = frechetEnds(y, n);
  console.log(`shapes.bin: ${file.step} steps; ${n} samples: w = 0 ${shapeLine(plain)} (bar ${passesBar(plain, y)}); w = ${SHAPE_GUIDANCE} ${shapeLine(guided)} (bar ${passesBar(guided, y)})`);
  console.log(`  Fréchet ends for ${n} images: real ${ends.real.toFixed(2)}, clipped noise ${ends.noise.toFixed(1)}; held-out confident ${(100 * y.heldOutConfidentShare).toFixed(1)}%`);
}
