/**
 * Measures latent diffusion on the 8×8 digits against pixel-space diffusion on the same data, under
 * Node on the WASM backend (src/engine/latent/latentRecipe.ts records what these runs measured):
 *  1. for each latent size d: the autoencoder's training time, its per-pixel reconstruction error on
 *     the held-out digits and the digit classifier's accuracy and confident share on them;
 *  2. the latent DDPM (the playground's 2D model with dim = d) trained on the standardised codes,
 *     scored every `every` seconds of training on `samples` decoded DDIM samples with the digit
 *     yardstick (src/engine/images/sampleQuality.ts): confident share, classes, FID;
 *  3. the pixel-space recipe (src/engine/images/digitModel.ts), same conditioning, same clock;
 *  4. a side-by-side table: dimensions, training time to the bar, final quality.
 *
 * Run: node scripts/latent/run.mjs [--dims=2,8] [--seconds=20] [--every=2] [--samples=2000]
 *      [--classes=0|10 (10: both models conditional on the digit, drawn evenly at w = 0)]
 *      [--pixel=1 (0: skip the pixel baseline)] [--seed=0] [--aeSteps=1500] [--penalty=1e-3]
 *      [--noise=0] [--hidden=128,64] [--aeLr=2e-3] [--write=public/pretrained (the autoencoders' files; `npm run pretrain -- --datasets=latent` writes them)]
 * Timing counts training only (sampling and scoring are excluded).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeDigits, digitsHeldOut, digitsTrain, DIGIT_DIM, type LabelledImages } from '../../src/engine/datasets/digits';
import { decodeDigitClassifier } from '../../src/engine/images/classifier';
import { buildDigitModel, drawDigits, drawUnconditional, evenDigits } from '../../src/engine/images/digitModel';
import { frechetEnds } from '../../src/engine/images/frechetEnds';
import { makeDigitYardstick, passesDigitBar, scoreDigits, type DigitScore, type DigitYardstick } from '../../src/engine/images/sampleQuality';
import { encodeAutoencoderFile, readAutoencoderFile } from '../../src/engine/latent/autoencoderFile';
import { buildLatentDiffusion, drawLatentDigits, encodeDigits } from '../../src/engine/latent/latentDiffusion';
import { fromStandardLatents } from '../../src/engine/latent/latentScale';
import { makeRng } from '../../src/engine/rng';
import { AUTOENCODER_STEPS, AUTOENCODER_TRAINING } from '../../src/engine/latent/latentRecipe';
import { measureReconstruction, type ReconstructionReport } from '../../src/engine/latent/reconstruction';
import { Autoencoder, AutoencoderTrainer } from '../../src/engine/tf/autoencoder';
import type { Trainer } from '../../src/engine/tf/trainer';
import { useTestBackend } from '../../src/engine/tf/testBackend';

const DATA = resolve(import.meta.dirname, '../../public/data');
const bytes = (name: string): ArrayBuffer => {
  const b = readFileSync(resolve(DATA, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

interface Options {
  dims: number[];
  seconds: number;
  every: number;
  samples: number;
  classes: number;
  pixel: number;
  seed: number;
  aeSteps: number;
  penalty: number;
  noise: number;
  hidden: number[];
  aeLr: number;
  /** Folder to write each autoencoder's file to (digit-autoencoder-d<d>.bin, 8-bit weights); empty: none. */
  write: string;
}

const DEFAULTS: Options = {
  dims: [2, 8], seconds: 20, every: 2, samples: 2000, classes: 0, pixel: 1, seed: 0,
  aeSteps: AUTOENCODER_STEPS, penalty: AUTOENCODER_TRAINING.latentPenalty, noise: AUTOENCODER_TRAINING.latentNoise, hidden: [128, 64], aeLr: AUTOENCODER_TRAINING.learningRate, write: '',
};

const fmt = (s: DigitScore): string => `confident ${(100 * s.confidentShare).toFixed(1)}%, classes ${s.classesPresent}, evenness ${s.normalisedEntropy.toFixed(3)}, FID ${s.frechet.toFixed(2)}, nearest-train ratio ${s.nearestRatio.toFixed(2)}`;
const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** One model's run: its training-time clock, the time it first met the bar, and its last score. */
interface Run {
  name: string;
  dims: number;
  prepSeconds: number;
  steps: number;
  trainSeconds: number;
  barAt: number;
  last: DigitScore | null;
  best: DigitScore | null;
  recon?: ReconstructionReport;
}

/** Trains `trainer` for `seconds`, scoring `draw()` every `every` seconds; fills in the run. */
async function trainAndScore(run: Run, trainer: Trainer, o: Options, y: DigitYardstick, draw: () => Promise<Float32Array>): Promise<void> {
  let trainMs = 0;
  let chunk = 20;
  let lastScored = -1;
  for (let checkpoint = o.every; checkpoint <= o.seconds + 1e-9; checkpoint += o.every) {
    while (trainMs < checkpoint * 1000) {
      const t0 = performance.now();
      trainer.train(chunk);
      trainMs += performance.now() - t0;
      chunk = Math.max(1, Math.min(2000, Math.round((chunk * 250) / Math.max(1, performance.now() - t0))));
    }
    if (trainer.stepCount === lastScored) continue; // a long chunk ran past this checkpoint too
    lastScored = trainer.stepCount;
    const { loss } = await trainer.readStats();
    const score = scoreDigits(y, await draw());
    const pass = passesDigitBar(score, y);
    if (pass && Number.isNaN(run.barAt)) run.barAt = trainMs / 1000;
    if (!run.best || score.confidentShare > run.best.confidentShare) run.best = score;
    run.last = score;
    console.log(`  ${run.name}: ${(trainMs / 1000).toFixed(1)} s, ${trainer.stepCount} steps, loss ${loss.toFixed(4)}: ${fmt(score)}${pass ? '  PASS' : ''}`);
  }
  run.steps = trainer.stepCount;
  run.trainSeconds = trainMs / 1000;
}

export async function main(argv: string[]): Promise<number> {
  const o: Options = { ...DEFAULTS };
  for (const a of argv) {
    const m = /^--(\w+)=(.+)$/.exec(a);
    if (!m || !(m[1]! in o)) throw new Error(`unknown option ${a} (see scripts/latent/measure.ts)`);
    (o as unknown as Record<string, unknown>)[m[1]!] = m[1] === 'dims' || m[1] === 'hidden' ? m[2]!.split(',').map(Number) : m[1] === 'write' ? m[2]! : Number(m[2]);
  }
  const backend = await useTestBackend();
  const set = decodeDigits(bytes('digits-8x8.bin'));
  const train = digitsTrain(set);
  const heldOut: LabelledImages = digitsHeldOut(set);
  const classifier = decodeDigitClassifier(bytes('digit-classifier.bin'));
  const y = makeDigitYardstick(classifier, train, heldOut);
  const ends = frechetEnds(y, o.samples);
  console.log(`digits: ${train.n} training, ${heldOut.n} held out; ${backend}; ${JSON.stringify(o)}`);
  console.log(`bar: confident ≥ ${pct(0.8 * y.heldOutConfidentShare)} (held-out ${pct(y.heldOutConfidentShare)}), all 10 digits; FID ends for ${o.samples}: real ${ends.real.toFixed(2)}, noise ${ends.noise.toFixed(1)}`);
  const conditional = o.classes > 0;
  const runs: Run[] = [];

  for (const d of o.dims) {
    const t0 = performance.now();
    const ae = new Autoencoder({ dim: DIGIT_DIM, latentDim: d, hidden: o.hidden }, o.seed);
    const aeTrainer = new AutoencoderTrainer(ae, train.points, { ...AUTOENCODER_TRAINING, latentPenalty: o.penalty, latentNoise: o.noise, learningRate: o.aeLr, seed: o.seed });
    aeTrainer.train(o.aeSteps);
    const aeLoss = await aeTrainer.readLoss();
    aeTrainer.dispose();
    const aeSeconds = (performance.now() - t0) / 1000;
    if (o.write) {
      const file = encodeAutoencoderFile(ae.config, await ae.getWeights(), o.aeSteps);
      const path = resolve(o.write, `digit-autoencoder-d${d}.bin`);
      writeFileSync(path, file);
      // What is scored from here on is the file's 8-bit weights, as a reader of the file gets them.
      ae.setWeights(readAutoencoderFile(file, ae.config).weights);
      console.log(`  wrote ${path} (${file.length} bytes, int8); scoring its weights`);
    }
    const recon = await measureReconstruction(ae, heldOut, classifier);
    const trainRecon = await measureReconstruction(ae, train, classifier);
    console.log(`\nd = ${d}: autoencoder ${ae.parameterCount} weights, ${o.aeSteps} steps in ${aeSeconds.toFixed(1)} s (mean loss ${aeLoss.toFixed(4)})`);
    console.log(`  held-out reconstructions: MSE ${recon.mse.toFixed(4)} per pixel (train ${trainRecon.mse.toFixed(4)}), classifier accuracy ${pct(recon.accuracy)} (originals ${pct(recon.originalAccuracy)}), confident ${pct(recon.confidentShare)} (originals ${pct(recon.originalConfidentShare)})`);
    const reconScore = scoreDigits(y, await ae.decode(await ae.encode(heldOut.points)));
    console.log(`  held-out reconstructions scored as samples: ${fmt(reconScore)}${passesDigitBar(reconScore, y) ? '  PASS' : ''}`);
    if (o.seconds <= 0) {
      ae.dispose();
      continue;
    }
    const codes = await encodeDigits(ae, train);
    // The floor a DDPM must beat: codes drawn from N(0, I) in the standardised space (what an
    // untrained DDPM's samples are close to), decoded.
    const gaussian = scoreDigits(y, await ae.decode(fromStandardLatents(makeRng(1000 + o.seed).normals(o.samples * d), codes.scale)));
    console.log(`  u ~ N(0, I) decoded (no DDPM): ${fmt(gaussian)}${passesDigitBar(gaussian, y) ? '  PASS' : ''}`);
    const latent = buildLatentDiffusion(codes, o.seed, { conditional });
    const run: Run = { name: `latent d = ${d}`, dims: d, prepSeconds: aeSeconds, steps: 0, trainSeconds: 0, barAt: Number.NaN, last: null, best: null, recon };
    await trainAndScore(run, latent.trainer, o, y, async () => (await drawLatentDigits(latent.trainer.sampler, latent.schedule, ae, codes.scale, o.samples, 1000 + o.seed)).images);
    runs.push(run);
    latent.dispose();
    ae.dispose();
  }

  if (o.pixel && o.seconds > 0) {
    const pixel = buildDigitModel(train, o.seed, { net: { classes: conditional ? 10 : 0 } });
    const run: Run = { name: 'pixel d = 64', dims: DIGIT_DIM, prepSeconds: 0, steps: 0, trainSeconds: 0, barAt: Number.NaN, last: null, best: null };
    console.log('');
    const asked = evenDigits(o.samples);
    await trainAndScore(run, pixel.trainer, o, y, () => (conditional ? drawDigits(pixel.trainer.sampler, pixel.schedule, asked, 0, 1000 + o.seed) : drawUnconditional(pixel.trainer.sampler, pixel.schedule, o.samples, 1000 + o.seed)));
    runs.push(run);
    pixel.dispose();
  }

  if (runs.length > 0) {
    console.log(`\nside by side (${conditional ? 'digit drawn evenly, w = 0' : 'unconditional'}; ${o.samples} samples per score; training seconds on ${backend}):`);
    console.log('model          | dims | autoencoder | DDPM steps/s | bar met at | final: confident, classes, FID | best confident | recon MSE, accuracy');
    for (const r of runs) {
      const s = r.last!;
      console.log(
        `${r.name.padEnd(14)} | ${String(r.dims).padStart(4)} | ${r.prepSeconds ? `${r.prepSeconds.toFixed(1)} s`.padStart(11) : '—'.padStart(11)} | ${(r.steps / r.trainSeconds).toFixed(0).padStart(12)} | ${(Number.isNaN(r.barAt) ? 'never' : `${r.barAt.toFixed(1)} s`).padStart(10)} | ${pct(s.confidentShare)}, ${s.classesPresent}, ${s.frechet.toFixed(2)} | ${pct(r.best!.confidentShare)} | ${r.recon ? `${r.recon.mse.toFixed(4)}, ${pct(r.recon.accuracy)}` : '—'}`,
      );
    }
  }
  return 0;
}
