/**
 * `npm run pretrain`: trains the default model on every built-in 2D dataset, seeded, and writes
 * public/pretrained/<dataset>.bin (the weight average, float16, with its settings and the number
 * of steps trained), so the page can show a working reverse process the moment it opens.
 *
 * The recipe, per dataset (seeds, data, network and settings as a fresh page's session):
 *   1. 15,000 steps exactly as the page trains (Adam at the settings' learning rate, 2e-3, batch
 *      256, weight average decay 0.995): about what 30 s of training in the page reach (the
 *      Chromium WASM backend does ~500 steps/s). The script scores this model too: it is what
 *      src/engine/tf/pretrainedQuality.test.ts sets its bars from.
 *   2. The rest at a lower learning rate: half at 0.3× and half at 0.1× (a step decay), each
 *      phase a fresh Trainer (Adam's moments restart; its batches seeded with seed + steps done,
 *      as the page's roll-back does) with a weight average of decay 0.999. At 2e-3 Adam's jitter,
 *      not the number of steps, is what limits the samples: on two moons the page's weight average
 *      scored 0.036–0.072 (2000-point ratio, DDIM) anywhere between 5,000 and 20,000 steps, while
 *      the raw weights swung between 0.16 and 1.7; deterministic DDIM shows it most.
 *
 * Prints, for each dataset, the file's size, the time, and the energy-distance ratio of 8000
 * samples against held-out data (scripts/pretrain/quality.ts; N(0, I) scores 1) with the page's
 * default sampler (DDIM, 50 steps, η = 0) after phase 1 and for the shipped weights, and with DDPM
 * over all 1000 steps for reference.
 *
 * The image model (chapter 8) is trained too, as `digits` (scripts/pretrain/digits.ts): its own
 * recipe and step count (DIGIT_STEPS; --digit-steps=N), 8-bit weights (--digit-dtype=float16 to compare), written to public/pretrained/digits.bin.
 *
 * Options: --steps=N (total per dataset, default 40000; the first min(N, 15000) are phase 1; each
 * later phase restarts the weight average, so phases of a few hundred steps give worse files),
 * The shapes image model is `shapes` (scripts/pretrain/shapes.ts: --shape-steps=N, --shape-report=N).
 * The two video models are `video` (scripts/video/pretrain.ts: --video-steps=N each; always written to public/pretrained/).
 * Latent diffusion's autoencoders are `latent` (scripts/pretrain/latent.ts: digit-autoencoder-d2.bin and -d8.bin).
 * Issue 15's upsampler is `upsample` (scripts/upsample/pretrain.ts: public/pretrained/upsample.bin, UPSAMPLE_STEPS steps).
 * --datasets=twoMoons,rings (a subset; `digits`, `shapes`, `video`, `latent` and `upsample` name the image and video models), --evaluate (train nothing: score the files already in
 * public/pretrained/), --out=DIR (write or read the files there instead of public/pretrained/).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DATASET_NAMES, makeDataset } from '../../src/engine/datasets';
import { decodeModelFile, encodeModelFile } from '../../src/engine/modelFile';
import { makeSchedule, type Schedule } from '../../src/engine/schedule';
import { DEFAULT_TRAINER, Denoiser, resolveDenoiserConfig, sample, Trainer } from '../../src/engine/tf';
import { useTestBackend } from '../../src/engine/tf/testBackend';
import { sessionConfigFrom } from '../../src/state/sessionDefaults';
import { DEFAULT_SETTINGS } from '../../src/state/settingsTable';
import type { SessionConfig } from '../../src/worker/protocol';
import { DIGIT_STEPS, evaluateDigits, pretrainDigits, setDigitDtype } from './digits';
import { evaluateShapes, pretrainShapes, SHAPE_STEPS } from './shapes';
import { evaluateVideo, pretrainVideo, VIDEO_STEPS } from '../video/pretrain';
import { pretrainLatent } from './latent';
import { evaluateUpsample, pretrainUpsample } from '../upsample/pretrain';
import { UPSAMPLE_STEPS } from '../../src/engine/upsample/upsampleRecipe';
import { type BuiltInDataset, ddpmSampler, defaultSampler, edRatio } from './quality';

const SHIPPED = resolve(import.meta.dirname, '../../public/pretrained');
let OUT = SHIPPED;

/** Steps trained exactly as the page trains (~30 s in the page at ~500 steps/s). */
export const PAGE_STEPS = 15000;
const DEFAULT_STEPS = 40000;
/** Learning rate of each later phase, as a fraction of the settings' rate; the phases share the remaining steps equally. */
const DECAY = [0.3, 0.1];
const DECAY_EMA = 0.999;

function modelFor(config: SessionConfig): Denoiser {
  const { T, width, depth, timeEmbedDim, inputEmbedDim, prediction } = config;
  return new Denoiser(resolveDenoiserConfig({ dim: 2, T, width, depth, timeEmbedDim, inputEmbedDim, prediction }), config.seed);
}

async function score(model: Denoiser, schedule: Schedule, name: BuiltInDataset, ddpm: boolean): Promise<{ ddim: number; ddpm: number }> {
  const fast = edRatio((await sample(model, schedule, defaultSampler())).points, name);
  const slow = ddpm ? edRatio((await sample(model, schedule, ddpmSampler())).points, name) : Number.NaN;
  return { ddim: fast, ddpm: slow };
}

/** Splits `steps` into phases: [steps, learning rate, weight-average decay]. */
export function phases(steps: number, lr: number): Array<[number, number, number]> {
  const first = Math.min(steps, PAGE_STEPS);
  const rest = steps - first;
  // Phase 1 as the page's session builds its Trainer: only lr, batch, optimizer and seed set, the rest defaults.
  const out: Array<[number, number, number]> = [[first, lr, DEFAULT_TRAINER.emaDecay]];
  DECAY.forEach((f, k) => {
    const n = Math.floor(rest / DECAY.length) + (k === DECAY.length - 1 ? rest % DECAY.length : 0);
    if (n > 0) out.push([n, lr * f, DECAY_EMA]);
  });
  return out;
}

async function pretrain(name: BuiltInDataset, steps: number): Promise<void> {
  const config = sessionConfigFrom({ ...DEFAULT_SETTINGS, dataset: name });
  const started = performance.now();
  const schedule = makeSchedule({ kind: config.schedule, T: config.T });
  const model = modelFor(config);
  const data = makeDataset(name, config.nPoints, config.seed).points;
  let done = 0;
  let trainMs = 0;
  let pageScore = Number.NaN;
  let trainer: Trainer | null = null;
  let loss = Number.NaN;
  for (const [n, learningRate, emaDecay] of phases(steps, config.learningRate)) {
    trainer?.dispose(); // writes the last steps into `model`, which the next phase starts from
    const seed = config.seed + done;
    trainer = new Trainer(model, schedule, data, { learningRate, batchSize: config.batchSize, optimizer: config.optimizer, seed, emaDecay });
    const t0 = performance.now();
    for (let k = 0; k < n; k += 500) trainer.train(Math.min(500, n - k));
    loss = (await trainer.readStats()).loss;
    trainMs += performance.now() - t0;
    done += n;
    if (done === Math.min(steps, PAGE_STEPS)) pageScore = (await score(trainer.sampler, schedule, name, false)).ddim;
  }
  const weights = await trainer!.sampler.getWeights();
  const bytes = encodeModelFile({ config, step: done, weights }, 'float16');
  writeFileSync(resolve(OUT, `${name}.bin`), bytes);
  trainer!.dispose();
  model.dispose();
  // Score what was written (float16), as the page and the test load it.
  const shipped = await scoreFile(name);
  const rate = (done / trainMs) * 1000;
  console.log(
    `${name}: ${(bytes.length / 1024).toFixed(0)} KB, ${done} steps (${rate.toFixed(0)} steps/s), loss ${loss.toFixed(3)}, ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
      `ED ratio, default sampler: ${pageScore.toFixed(3)} after ${Math.min(steps, PAGE_STEPS)} steps (a 30-s page run), ${shipped.ddim.toFixed(3)} shipped; DDPM-1000 shipped ${shipped.ddpm.toFixed(3)}`,
  );
}

async function scoreFile(name: BuiltInDataset): Promise<{ ddim: number; ddpm: number; step: number }> {
  const file = decodeModelFile(readFileSync(resolve(OUT, `${name}.bin`)));
  const config = file.config as unknown as SessionConfig;
  const model = modelFor(config);
  model.setWeights(file.weights);
  const result = await score(model, makeSchedule({ kind: config.schedule, T: config.T }), name, true);
  model.dispose();
  return { ...result, step: file.step };
}

export async function main(argv: string[]): Promise<number> {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const steps = Number(value('steps') ?? DEFAULT_STEPS);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps must be a positive whole number (got ${value('steps')})`);
  const digitSteps = Number(value('digit-steps') ?? DIGIT_STEPS);
  if (!Number.isInteger(digitSteps) || digitSteps < 1) throw new Error(`--digit-steps must be a positive whole number (got ${value('digit-steps')})`);
  const dtype = value('digit-dtype');
  if (dtype !== undefined) {
    if (!['float32', 'float16', 'int8'].includes(dtype)) throw new Error(`--digit-dtype must be float32, float16 or int8 (got ${dtype})`);
    setDigitDtype(dtype as 'float32' | 'float16' | 'int8');
  }
  const shapeSteps = Number(value('shape-steps') ?? SHAPE_STEPS);
  const shapeReport = Number(value('shape-report') ?? 4000);
  if (!Number.isInteger(shapeSteps) || shapeSteps < 1 || !Number.isInteger(shapeReport) || shapeReport < 1) throw new Error('--shape-steps and --shape-report must be positive whole numbers');
  const videoSteps = Number(value('video-steps') ?? VIDEO_STEPS);
  if (!Number.isInteger(videoSteps) || videoSteps < 1) throw new Error(`--video-steps must be a positive whole number (got ${value('video-steps')})`);
  const asked = value('datasets')?.split(',') ?? [...DATASET_NAMES, 'digits', 'shapes', 'video', 'latent', 'upsample'];
  const images = ['digits', 'shapes', 'video', 'latent', 'upsample'];
  const withUpsample = asked.includes('upsample');
  const upsampleFile = resolve(value('out') ?? SHIPPED, 'upsample.bin');
  for (const name of asked) if (!images.includes(name) && !(DATASET_NAMES as readonly string[]).includes(name)) throw new Error(`unknown dataset ${name}`);
  const withDigits = asked.includes('digits');
  const withShapes = asked.includes('shapes');
  const withVideo = asked.includes('video');
  const datasets = asked.filter((name) => !images.includes(name));
  const shapesFile = resolve(value('out') ?? SHIPPED, 'shapes.bin');
  OUT = resolve(value('out') ?? SHIPPED);
  const backend = await useTestBackend();
  const digitsFile = resolve(OUT, 'digits.bin');
  if (argv.includes('--evaluate')) {
    if (withDigits && existsSync(digitsFile)) await evaluateDigits(digitsFile);
    if (withShapes && existsSync(shapesFile)) await evaluateShapes(shapesFile);
    if (withVideo) await evaluateVideo();
    if (withUpsample && existsSync(upsampleFile)) await evaluateUpsample(upsampleFile);
    for (const name of datasets as BuiltInDataset[]) {
      if (!existsSync(resolve(OUT, `${name}.bin`))) continue;
      const r = await scoreFile(name);
      console.log(`${name}: ${r.step} steps; ED ratio, default sampler ${r.ddim.toFixed(3)}, DDPM-1000 ${r.ddpm.toFixed(3)}`);
    }
    return 0;
  }
  mkdirSync(OUT, { recursive: true });
  if (datasets.length > 0) console.log(`pretraining ${datasets.join(', ')} for ${steps} steps each on ${backend}: ${phases(steps, DEFAULT_SETTINGS.lr).map(([n, lr]) => `${n} at ${lr.toExponential(0)}`).join(', then ')}`);
  for (const name of datasets as BuiltInDataset[]) await pretrain(name, steps);
  if (withDigits) {
    await pretrainDigits(digitSteps, digitsFile);
    await evaluateDigits(digitsFile);
  }
  if (withShapes) {
    await pretrainShapes(shapeSteps, shapesFile, shapeReport);
    await evaluateShapes(shapesFile);
  }
  if (withVideo) await pretrainVideo({ joint: videoSteps, perFrame: videoSteps });
  // Latent diffusion's two autoencoders (scripts/pretrain/latent.ts).
  if (asked.includes('latent') && !argv.includes('--evaluate')) {
    await pretrainLatent(OUT);
  }
  if (withUpsample) {
    await pretrainUpsample(UPSAMPLE_STEPS, upsampleFile);
    await evaluateUpsample(upsampleFile);
  }
  console.log(`tensors left: ${tf.memory().numTensors}`);
  return 0;
}
