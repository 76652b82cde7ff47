/**
 * First measurement of the image model: the playground's Denoiser (dim 64, x_t fed raw, as the
 * chapter-7 sine model) trained on the training split of the 8×8 digits under Node on the WASM
 * backend (our SIMD kernels), scored every few seconds of training with the digit yardstick
 * (src/engine/images/sampleQuality.ts) on 500 DDIM-50 samples. Prints steps/s, the training time
 * at which the unconditional bar is first cleared, and the final scores.
 *
 * Run: node scripts/images/run.mjs [--seconds=90] [--every=10] [--width=256] [--depth=2]
 *      [--batch=128] [--lr=2e-3] [--schedule=linear|cosine] [--T=1000] [--ema=0.995] [--seed=0]
 *      [--samples=500] [--clip=1 (x̂₀ clipped to ±1 while sampling; 0 turns it off)] [--eta=0]
 * Timing counts training only (sampling and scoring are excluded and reported apart).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeDigits, digitsHeldOut, digitsTrain } from '../../src/engine/datasets/digits';
import { decodeDigitClassifier } from '../../src/engine/images/digitClassifier';
import { makeDigitYardstick, passesDigitBar, scoreDigits, type DigitScore } from '../../src/engine/images/sampleQuality';
import { makeSchedule, type ScheduleKind } from '../../src/engine/schedule';
import { DEFAULT_SAMPLE, Denoiser, resolveDenoiserConfig, sample, Trainer } from '../../src/engine/tf';
import { useTestBackend } from '../../src/engine/tf/testBackend';

const DATA = resolve(import.meta.dirname, '../../public/data');
const bytes = (name: string): ArrayBuffer => {
  const b = readFileSync(resolve(DATA, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

export interface DigitRunOptions {
  seconds: number;
  every: number;
  width: number;
  depth: number;
  batch: number;
  lr: number;
  schedule: ScheduleKind;
  T: number;
  ema: number;
  seed: number;
  samples: number;
  clip: number;
  /** DDIM's η for the scored samples (0 deterministic, 1 as DDPM's variance). */
  eta: number;
}

export const DEFAULT_DIGIT_RUN: DigitRunOptions = { seconds: 90, every: 10, width: 256, depth: 2, batch: 128, lr: 2e-3, schedule: 'linear', T: 1000, ema: 0.995, seed: 0, samples: 500, clip: 1, eta: 0 };

const fmt = (s: DigitScore): string =>
  `confident ${(100 * s.confidentShare).toFixed(1)}%, classes ${s.classesPresent}, entropy ${s.normalisedEntropy.toFixed(3)}, FID ${s.frechet.toFixed(2)}, nearest-train ratio ${s.nearestRatio.toFixed(2)}, copied ${(100 * s.copiedShare).toFixed(1)}%`;

export async function main(argv: string[]): Promise<number> {
  const o: DigitRunOptions = { ...DEFAULT_DIGIT_RUN };
  for (const a of argv) {
    const m = /^--(\w+)=(.+)$/.exec(a);
    if (!m || !(m[1]! in o)) throw new Error(`unknown option ${a} (see scripts/images/measure-digits.ts)`);
    (o as unknown as Record<string, number | string>)[m[1]!] = m[1] === 'schedule' ? m[2]! : Number(m[2]);
  }
  const backend = await useTestBackend();
  const set = decodeDigits(bytes('digits-8x8.bin'));
  const train = digitsTrain(set);
  const yardstick = makeDigitYardstick(decodeDigitClassifier(bytes('digit-classifier.bin')), train, digitsHeldOut(set));
  const schedule = makeSchedule({ kind: o.schedule, T: o.T });
  const config = resolveDenoiserConfig({ dim: 64, T: o.T, width: o.width, depth: o.depth, timeEmbedDim: 32, inputEmbedDim: 0 });
  const model = new Denoiser(config, o.seed);
  const trainer = new Trainer(model, schedule, train.points, { batchSize: o.batch, learningRate: o.lr, emaDecay: o.ema, seed: o.seed });
  console.log(`digits: ${train.n} training images; ${backend} (${trainer.engine}, ${trainer.threads} thread(s)); ${JSON.stringify(o)}`);
  console.log(`held-out digits: confident ${(100 * yardstick.heldOutConfidentShare).toFixed(1)}% (bar ${(80 * yardstick.heldOutConfidentShare).toFixed(1)}%)`);

  let trainMs = 0;
  let chunk = 20;
  let barAt = Number.NaN;
  let last: DigitScore | null = null;
  for (let checkpoint = o.every; checkpoint <= o.seconds + 1e-9; checkpoint += o.every) {
    while (trainMs < checkpoint * 1000) {
      const t0 = performance.now();
      trainer.train(chunk);
      trainMs += performance.now() - t0;
      // Chunks of about 0.25 s keep the checkpoints on time without a read-back per step.
      chunk = Math.max(1, Math.min(2000, Math.round((chunk * 250) / Math.max(1, performance.now() - t0))));
    }
    const { loss } = await trainer.readStats();
    const s0 = performance.now();
    const result = await sample(trainer.sampler, schedule, { ...DEFAULT_SAMPLE, method: 'ddim', steps: 50, eta: o.eta, n: o.samples, seed: 1000 + o.seed, clipX0: o.clip > 0 ? o.clip : undefined });
    const points = result.points.map((v) => Math.max(-1, Math.min(1, v)));
    const sampleMs = performance.now() - s0;
    last = scoreDigits(yardstick, points);
    const pass = passesDigitBar(last, yardstick);
    if (pass && Number.isNaN(barAt)) barAt = trainMs / 1000;
    const steps = trainer.stepCount;
    console.log(`${(trainMs / 1000).toFixed(1)} s, ${steps} steps (${((steps / trainMs) * 1000).toFixed(0)} steps/s), loss ${loss.toFixed(4)}: ${fmt(last)}${pass ? '  PASS' : ''}  [sampling ${(sampleMs / 1000).toFixed(1)} s]`);
  }
  const steps = trainer.stepCount;
  console.log(`\nsummary: ${((steps / trainMs) * 1000).toFixed(0)} steps/s; unconditional bar first met at ${Number.isNaN(barAt) ? 'never' : `${barAt.toFixed(1)} s of training`}; final ${last ? fmt(last) : '—'}`);
  trainer.dispose();
  model.dispose();
  return 0;
}
