/**
 * `npm run pretrain` for the image model: trains the digits DDPM on the worker's own recipe
 * (src/worker/imageNetwork.ts: the same network, seeds, trainer and schedule as a page that
 * presses Train), under Node, and writes public/pretrained/digits.bin: the weight average in
 * float16 (the model file of src/engine/modelFile.ts, its settings those of an 8×8 image model,
 * src/engine/images/digitModelFile.ts), so chapter 8 shows digits the moment it opens.
 *
 * Why 8-bit weights (src/engine/int8Weights.ts): the recipe has 175,680 weights (inputs 64 pixels
 * + 11 class slots + 32 time features → 256 → 256 → 256 → 64), 703 KB in float32 and 352 KB in
 * float16, both over the 300 KB for this file; int8 with a scale per output column is
 * 180 KB, and the decoded model is what is scored below (and by src/worker/digitsPretrained.test.ts).
 *
 * It prints the training time and the digit yardstick's figures (src/engine/images/sampleQuality.ts)
 * for the decoded file: N samples drawn as the page draws its grid (DDIM-50, η = 0, x̂₀ clipped,
 * the digit drawn evenly per row), beside the two ends of the scale: N training digits (real vs
 * real) and N uniform-noise images (noise vs real).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeDigits, digitsHeldOut, digitsTrain, DIGIT_DIM, type DigitSet } from '../../src/engine/datasets/digits';
import { decodeDigitClassifier } from '../../src/engine/images/classifier';
import { DIGIT_SAMPLER, evenDigits, perRowDigits } from '../../src/engine/images/digitModel';
import { checkImageModelFile } from '../../src/engine/images/digitModelFile';
import { makeDigitYardstick, passesDigitBar, scoreDigits, type DigitScore } from '../../src/engine/images/sampleQuality';
import { decodeModelFile, encodeModelFile, type WeightDtype } from '../../src/engine/modelFile';
import { makeRng } from '../../src/engine/rng';
import { makeSchedule } from '../../src/engine/schedule';
import { Denoiser, resolveDenoiserConfig, sample } from '../../src/engine/tf';
import { IMAGE_SCHEDULE } from '../../src/worker/imageConfig';
import { buildDigitNetwork, IMAGE_FILE_CONFIG, IMAGE_NET } from '../../src/worker/imageNetwork';

const PUBLIC = resolve(import.meta.dirname, '../../public');
/** Steps of the shipped default: ~30–60 s of training in a page (WASM: 200–400 steps/s). */
export const DIGIT_STEPS = 8000;
/** How the weights are stored (see above; --digit-dtype=float16 to compare). */
export let DIGIT_FILE_DTYPE: WeightDtype = 'int8';
export const setDigitDtype = (dtype: WeightDtype): void => void (DIGIT_FILE_DTYPE = dtype);
/** Samples scored, and their seed (the page's grid uses seed 8; any seed is a fair draw). */
const SCORED = 1000;
const SCORE_SEED = 1;

const line = (s: DigitScore): string => `confident ${(100 * s.confidentShare).toFixed(1)}%, classes ${s.classesPresent}, evenness ${s.normalisedEntropy.toFixed(2)}, FID ${s.frechet.toFixed(2)}`;

function digitSet(): DigitSet {
  const bytes = readFileSync(resolve(PUBLIC, 'data/digits-8x8.bin'));
  return decodeDigits(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Trains `steps` steps and writes the file to `out`; returns its size in bytes. */
export async function pretrainDigits(steps: number, out: string): Promise<number> {
  const set = digitSet();
  const train = digitsTrain(set);
  const schedule = makeSchedule(IMAGE_SCHEDULE);
  const net = buildDigitNetwork(schedule, { points: train.points, labels: Int32Array.from(train.labels) });
  const t0 = performance.now();
  for (let k = 0; k < steps; k += 500) net.trainer.train(Math.min(500, steps - k));
  const loss = (await net.trainer.readStats()).loss;
  const seconds = (performance.now() - t0) / 1000;
  const weights = await net.trainer.sampler.getWeights();
  net.dispose();
  const bytes = encodeModelFile({ config: IMAGE_FILE_CONFIG, step: steps, weights }, DIGIT_FILE_DTYPE);
  writeFileSync(out, bytes);
  console.log(`digits: ${steps} steps in ${seconds.toFixed(0)} s (${(steps / seconds).toFixed(0)} steps/s), loss ${loss.toFixed(3)}; ${bytes.length} bytes (${(bytes.length / 1024).toFixed(0)} KB, ${DIGIT_FILE_DTYPE}) → ${out}`);
  return bytes.length;
}

/** Scores the file at `path` as the page would draw from it. */
export async function evaluateDigits(path: string, n = SCORED): Promise<void> {
  const file = checkImageModelFile(decodeModelFile(readFileSync(path)), IMAGE_FILE_CONFIG);
  const set = digitSet();
  const classifierBytes = readFileSync(resolve(PUBLIC, 'data/digit-classifier.bin'));
  const yardstick = makeDigitYardstick(decodeDigitClassifier(classifierBytes.buffer.slice(classifierBytes.byteOffset, classifierBytes.byteOffset + classifierBytes.byteLength)), digitsTrain(set), digitsHeldOut(set));
  const model = new Denoiser(resolveDenoiserConfig(IMAGE_NET), 0);
  model.setWeights(file.weights);
  const t0 = performance.now();
  const { points } = await sample(perRowDigits(model, evenDigits(n)), makeSchedule(IMAGE_SCHEDULE), { ...DIGIT_SAMPLER, n, seed: SCORE_SEED });
  const seconds = (performance.now() - t0) / 1000;
  model.dispose();
  const samples = scoreDigits(yardstick, points.map((v) => Math.max(-1, Math.min(1, v))));
  const real = scoreDigits(yardstick, digitsTrain(set).points.subarray(0, n * DIGIT_DIM));
  const rng = makeRng(5);
  const noise = scoreDigits(yardstick, Float32Array.from({ length: n * DIGIT_DIM }, () => 2 * rng.uniform() - 1));
  console.log(`digits.bin: ${file.step} steps; ${n} samples (DDIM-50, ${seconds.toFixed(1)} s): ${line(samples)}; passes the bar: ${passesDigitBar(samples, yardstick)}`);
  console.log(`  ends of the scale: real training digits ${line(real)}; uniform noise ${line(noise)}; held-out confident ${(100 * yardstick.heldOutConfidentShare).toFixed(1)}%`);
}
