/**
 * `npm run pretrain` for issue 15's upsampler (also `node scripts/upsample/run.mjs pretrain`): trains
 * the recipe (src/engine/upsample/upsampleRecipe.ts, seeded) on the training digits' (digit, 4×4
 * view) pairs under Node on WASM, writes public/pretrained/upsample.bin (the weight average, int8
 * with a scale per output column, src/engine/int8Weights.ts), then scores the decoded file: k
 * samples for each of m held-out digits' 4×4 views, their condition error and pixel spread, beside
 * two baselines that ignore the condition (another real digit; the unconditional digits model,
 * public/pretrained/digits.bin), and the fixed digit classifier's verdict on the samples.
 *
 * Options: --steps=N (default UPSAMPLE_STEPS), --evaluate (score the shipped file only), --out=FILE.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { digitsHeldOut, digitsTrain } from '../../src/engine/datasets/digits';
import { classifyImages, decodeClassifier } from '../../src/engine/images/classifier';
import { checkImageModelFile } from '../../src/engine/images/digitModelFile';
import { DIGIT_SAMPLER, evenDigits, perRowDigits } from '../../src/engine/images/digitModel';
import { decodeModelFile, encodeModelFile } from '../../src/engine/modelFile';
import { makeSchedule } from '../../src/engine/schedule';
import { Denoiser, resolveDenoiserConfig, sample } from '../../src/engine/tf';
import { useTestBackend } from '../../src/engine/tf/testBackend';
import { measureUpsampler, randomDigitConditionError } from '../../src/engine/upsample/upsampleFigures';
import { checkUpsampleModelFile, upsampleFileConfig } from '../../src/engine/upsample/upsampleModelFile';
import { buildUpsampleModel, upsampleNetwork } from '../../src/engine/upsample/upsampleModel';
import { conditionError, repeatConditions } from '../../src/engine/upsample/upsampleQuality';
import { UPSAMPLE_STEPS } from '../../src/engine/upsample/upsampleRecipe';
import { IMAGE_SCHEDULE } from '../../src/worker/imageConfig';
import { IMAGE_FILE_CONFIG, IMAGE_NET } from '../../src/worker/imageNetwork';
import { digitSet, PUBLIC } from './measure';

export const UPSAMPLE_FILE = resolve(PUBLIC, 'pretrained/upsample.bin');
/** Held-out digits scored, samples per digit, and the seed (the shipped file's test uses its own). */
const M = 100;
const K = 8;
const SEED = 1;

/** Trains `steps` steps and writes the file; returns its size in bytes. */
export async function pretrainUpsample(steps: number, out = UPSAMPLE_FILE): Promise<number> {
  const model = buildUpsampleModel(digitsTrain(digitSet()).points);
  const t0 = performance.now();
  for (let k = 0; k < steps; k += 500) model.trainer.train(Math.min(500, steps - k));
  const { loss } = await model.trainer.readStats();
  const seconds = (performance.now() - t0) / 1000;
  const weights = await model.trainer.sampler.getWeights();
  model.dispose();
  const bytes = encodeModelFile({ config: upsampleFileConfig(), step: steps, weights }, 'int8');
  writeFileSync(out, bytes);
  console.log(`upsample: ${steps} steps in ${seconds.toFixed(0)} s (${(steps / seconds).toFixed(0)} steps/s), loss ${loss.toFixed(3)}; ${bytes.length} bytes (${(bytes.length / 1024).toFixed(0)} KB, int8) → ${out}`);
  return bytes.length;
}

/** Scores the file at `path` as the page draws from it. */
export async function evaluateUpsample(path = UPSAMPLE_FILE): Promise<void> {
  const file = checkUpsampleModelFile(decodeModelFile(readFileSync(path)));
  const set = digitSet();
  const heldOut = digitsHeldOut(set);
  const { net, schedule } = upsampleNetwork();
  net.setWeights(file.weights);
  const t0 = performance.now();
  const f = await measureUpsampler(net, schedule, heldOut.points, M, K, SEED);
  const seconds = (performance.now() - t0) / 1000;
  net.dispose();
  const classifierBytes = readFileSync(resolve(PUBLIC, 'data/digit-classifier.bin'));
  const classifier = decodeClassifier(classifierBytes.buffer.slice(classifierBytes.byteOffset, classifierBytes.byteOffset + classifierBytes.byteLength));
  const c = classifyImages(classifier, f.samples);
  let agree = 0;
  let confident = 0;
  for (let r = 0; r < M * K; r++) {
    if (c.predicted[r] === heldOut.labels[Math.floor(r / K)]) agree++;
    if (c.confidence[r]! >= 0.8) confident++;
  }
  console.log(`upsample.bin: ${file.step} steps, ${M} held-out digits × ${K} samples (DDIM-50, ${seconds.toFixed(1)} s): condition error ${f.conditionError.toFixed(4)}, pixel spread ${f.pixelSpread.toFixed(4)}; classifier: ${((100 * agree) / (M * K)).toFixed(1)}% the source digit's class, ${((100 * confident) / (M * K)).toFixed(1)}% confident`);
  // Baselines that ignore the condition.
  console.log(`  random other held-out digit: condition error ${randomDigitConditionError(heldOut.points, M, 97).toFixed(4)}`);
  const digits = new Denoiser(resolveDenoiserConfig(IMAGE_NET), 0);
  digits.setWeights(checkImageModelFile(decodeModelFile(readFileSync(resolve(PUBLIC, 'pretrained/digits.bin'))), IMAGE_FILE_CONFIG).weights);
  const { points } = await sample(perRowDigits(digits, evenDigits(M * K)), makeSchedule(IMAGE_SCHEDULE), { ...DIGIT_SAMPLER, n: M * K, seed: SEED });
  digits.dispose();
  const uncond = points.map((v) => Math.max(-1, Math.min(1, v)));
  console.log(`  unconditional digits model (digits.bin, digit drawn evenly): condition error ${conditionError(uncond, repeatConditions(f.conds, K)).toFixed(4)}`);
}

export async function main(argv: string[]): Promise<number> {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const steps = Number(value('steps') ?? UPSAMPLE_STEPS);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps must be a positive whole number (got ${value('steps')})`);
  const out = value('out') ? resolve(value('out')!) : UPSAMPLE_FILE;
  await useTestBackend();
  if (!argv.includes('--evaluate')) await pretrainUpsample(steps, out);
  await evaluateUpsample(out);
  return 0;
}
