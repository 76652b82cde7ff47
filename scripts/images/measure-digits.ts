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
import { DEFAULT_SAMPLE, Denoiser, resolveDenoiserConfig, sample, Trainer, type EpsModel } from '../../src/engine/tf';
import { guidedEpsModel } from '../../src/engine/tf/guidedSampler';
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
  /** 10: a class-conditional model (one-hot with ∅), scored unconditionally (w = −1) and guided at `w`. */
  classes: number;
  /** Guidance weight of the conditional scores (eq. 7.4). */
  w: number;
  /** Probability a training label is dropped to ∅ (conditional models). */
  drop: number;
  /** DDIM steps of the scored samples. */
  ddim: number;
  /** Learning-rate step: at this fraction of `seconds` the rate is multiplied by `decayBy` (1: no step). */
  decayAt: number;
  decayBy: number;
}

export const DEFAULT_DIGIT_RUN: DigitRunOptions = { seconds: 90, every: 10, width: 256, depth: 2, batch: 128, lr: 2e-3, schedule: 'linear', T: 1000, ema: 0.995, seed: 0, samples: 500, clip: 1, eta: 0, classes: 0, w: 2, drop: 0.1, ddim: 50, decayAt: 1, decayBy: 1 };

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
  const config = resolveDenoiserConfig({ dim: 64, T: o.T, width: o.width, depth: o.depth, timeEmbedDim: 32, inputEmbedDim: 0, classes: o.classes });
  const model = new Denoiser(config, o.seed);
  const data = o.classes > 0 ? { points: train.points, labels: Int32Array.from(train.labels) } : train.points;
  const trainer = new Trainer(model, schedule, data, { batchSize: o.batch, learningRate: o.lr, emaDecay: o.ema, seed: o.seed, dropLabel: o.drop });
  const draw = async (eps: EpsModel, n: number, seed: number): Promise<Float32Array> => {
    const result = await sample(eps, schedule, { ...DEFAULT_SAMPLE, method: 'ddim', steps: o.ddim, eta: o.eta, n, seed, clipX0: o.clip > 0 ? o.clip : undefined });
    return result.points.map((v) => Math.max(-1, Math.min(1, v)));
  };
  // Conditional: n/10 samples of each digit c from ε̃ at weight w, labelled with the digit asked for.
  const drawGuided = async (n: number, w: number): Promise<{ points: Float32Array; asked: Int32Array }> => {
    const per = Math.ceil(n / 10);
    const points = new Float32Array(per * 10 * 64);
    const asked = new Int32Array(per * 10);
    for (let c = 0; c < 10; c++) {
      points.set(await draw(guidedEpsModel(trainer.sampler, c, w), per, 2000 + 17 * c + o.seed), c * per * 64);
      asked.fill(c, c * per, (c + 1) * per);
    }
    return { points, asked };
  };
  console.log(`digits: ${train.n} training images; ${backend} (${trainer.engine}, ${trainer.threads} thread(s)); ${JSON.stringify(o)}`);
  console.log(`held-out digits: confident ${(100 * yardstick.heldOutConfidentShare).toFixed(1)}% (bar ${(80 * yardstick.heldOutConfidentShare).toFixed(1)}%)`);

  let trainMs = 0;
  let chunk = 20;
  let barAt = Number.NaN;
  let guidedBarAt = Number.NaN;
  let last: DigitScore | null = null;
  let lastGuided: DigitScore | null = null;
  for (let checkpoint = o.every; checkpoint <= o.seconds + 1e-9; checkpoint += o.every) {
    while (trainMs < checkpoint * 1000) {
      if (trainMs >= o.decayAt * o.seconds * 1000 && trainer.learningRate === o.lr) trainer.learningRate = o.lr * o.decayBy;
      const t0 = performance.now();
      trainer.train(chunk);
      trainMs += performance.now() - t0;
      // Chunks of about 0.25 s keep the checkpoints on time without a read-back per step.
      chunk = Math.max(1, Math.min(2000, Math.round((chunk * 250) / Math.max(1, performance.now() - t0))));
    }
    const { loss } = await trainer.readStats();
    const s0 = performance.now();
    // Unconditional samples: the plain network, or a conditional one at w = −1 (ε̃ = ε_∅).
    const points = await draw(o.classes > 0 ? guidedEpsModel(trainer.sampler, 0, -1) : trainer.sampler, o.samples, 1000 + o.seed);
    last = scoreDigits(yardstick, points);
    const pass = passesDigitBar(last, yardstick);
    if (pass && Number.isNaN(barAt)) barAt = trainMs / 1000;
    let guidedLine = '';
    if (o.classes > 0) {
      // w = 0 with the digits drawn evenly is also an unconditional sampler: p(x) = Σ_c p(c) p(x | c).
      const plain = await drawGuided(o.samples, 0);
      const p0 = scoreDigits(yardstick, plain.points);
      guidedLine += `\n    class drawn, w=0: asked-for ${(100 * scoreDigits(yardstick, plain.points, plain.asked).askedShare).toFixed(1)}%, ${fmt(p0)}${passesDigitBar(p0, yardstick) ? '  PASS' : ''}`;
      const g = await drawGuided(o.samples, o.w);
      lastGuided = scoreDigits(yardstick, g.points, g.asked);
      const gPass = passesDigitBar(lastGuided, yardstick);
      if (gPass && Number.isNaN(guidedBarAt)) guidedBarAt = trainMs / 1000;
      guidedLine += `\n    guided w=${o.w}: asked-for ${(100 * lastGuided.askedShare).toFixed(1)}%, ${fmt(lastGuided)}${gPass ? '  PASS' : ''}`;
    }
    const sampleMs = performance.now() - s0;
    const steps = trainer.stepCount;
    console.log(`${(trainMs / 1000).toFixed(1)} s, ${steps} steps (${((steps / trainMs) * 1000).toFixed(0)} steps/s), loss ${loss.toFixed(4)}: ${fmt(last)}${pass ? '  PASS' : ''}  [sampling ${(sampleMs / 1000).toFixed(1)} s]${guidedLine}`);
  }
  const steps = trainer.stepCount;
  console.log(`\nsummary: ${((steps / trainMs) * 1000).toFixed(0)} steps/s; unconditional bar first met at ${Number.isNaN(barAt) ? 'never' : `${barAt.toFixed(1)} s of training`}; final ${last ? fmt(last) : '—'}`);
  if (o.classes > 0) console.log(`guided (w = ${o.w}) bar first met at ${Number.isNaN(guidedBarAt) ? 'never' : `${guidedBarAt.toFixed(1)} s`}; final asked-for ${lastGuided ? (100 * lastGuided.askedShare).toFixed(1) : '—'}%, ${lastGuided ? fmt(lastGuided) : '—'}`);
  trainer.dispose();
  model.dispose();
  return 0;
}
