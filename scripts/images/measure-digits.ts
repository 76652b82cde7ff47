/**
 * Measures the image model: a Denoiser trained on the training split of the 8×8 digits under Node
 * on the WASM backend (our SIMD kernels), scored every few seconds of training with the digit
 * yardstick (src/engine/images/sampleQuality.ts). Defaults are the chosen recipe
 * (src/engine/images/digitModel.ts, which records what these runs measured); flags vary it.
 * Prints steps/s, the training time at which each bar is first met, and the scores:
 *  - classes 0: the unconditional network's samples;
 *  - classes 10: the ∅ path alone (w = −1), the digit drawn evenly at w = 0 (p(x) = Σ_c p(c) p(x | c),
 *    the recipe's unconditional digits), and the digit asked for at guidance `w` (with the asked-for share).
 *
 * --dataset=shapes measures the shapes recipe instead (src/engine/images/shapeModel.ts: 16×16 shapes,
 * six classes, the shape classifier), its defaults those of that recipe.
 * Run: node scripts/images/run.mjs [--dataset=digits|shapes] [--seconds=60] [--every=20] [--samples=2000] [--classes=10|0]
 *      [--w=2] [--drop=0.1] [--width=256] [--depth=2] [--batch=128] [--lr=2e-3] [--schedule=cosine]
 *      [--T=1000] [--ema=0.995] [--seed=0] [--clip=1 (x̂₀ clipped to ±1 while sampling; 0: off)]
 *      [--eta=0] [--ddim=50] [--decayAt=1 --decayBy=1 (rate × decayBy from decayAt × seconds on)]
 * Timing counts training only (sampling and scoring are excluded and reported apart).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeDigits, digitsHeldOut, digitsTrain } from '../../src/engine/datasets/digits';
import { decodeDigitClassifier } from '../../src/engine/images/classifier';
import { shapesHeldOut, shapesTrain } from '../../src/engine/datasets/shapeSplits';
import { buildShapeModel, SHAPE_NET } from '../../src/engine/images/shapeModel';
import { evenClasses, buildDigitModel, DIGIT_GUIDANCE, DIGIT_NET, DIGIT_SAMPLER, DIGIT_SCHEDULE, DIGIT_TRAINER, drawDigits, drawUnconditional, evenDigits } from '../../src/engine/images/digitModel';
import { makeDigitYardstick, passesDigitBar, scoreDigits, type DigitScore, type DigitYardstick } from '../../src/engine/images/sampleQuality';
import type { ScheduleKind } from '../../src/engine/schedule';
import { useTestBackend } from '../../src/engine/tf/testBackend';

const DATA = resolve(import.meta.dirname, '../../public/data');
const bytes = (name: string): ArrayBuffer => {
  const b = readFileSync(resolve(DATA, name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

export interface DigitRunOptions {
  dataset: 'digits' | 'shapes';
  /** What the network predicts: 'eps' (the recipe) or 'x0'. */
  prediction: 'eps' | 'x0';
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
  /** 10: class-conditional (one-hot with ∅); 0: unconditional. */
  classes: number;
  /** Guidance weight of the class-conditional scores (eq. 7.4). */
  w: number;
  /** Probability a training label is dropped to ∅ (conditional models). */
  drop: number;
  /** DDIM steps of the scored samples. */
  ddim: number;
  /** Learning-rate step: from this fraction of `seconds` on, the rate is multiplied by `decayBy` (1: no step). */
  decayAt: number;
  decayBy: number;
}

export const DEFAULT_DIGIT_RUN: DigitRunOptions = {
  dataset: 'digits', prediction: 'eps', seconds: 60, every: 20, samples: 2000, seed: 0, decayAt: 1, decayBy: 1,
  width: DIGIT_NET.width, depth: DIGIT_NET.depth, classes: DIGIT_NET.classes,
  batch: DIGIT_TRAINER.batchSize, lr: DIGIT_TRAINER.learningRate, ema: DIGIT_TRAINER.emaDecay, drop: DIGIT_TRAINER.dropLabel,
  schedule: DIGIT_SCHEDULE.kind, T: DIGIT_SCHEDULE.T,
  w: DIGIT_GUIDANCE, clip: DIGIT_SAMPLER.clipX0 ?? 0, eta: DIGIT_SAMPLER.eta, ddim: DIGIT_SAMPLER.steps,
};

const fmt = (s: DigitScore): string =>
  `confident ${(100 * s.confidentShare).toFixed(1)}%, classes ${s.classesPresent}, entropy ${s.normalisedEntropy.toFixed(3)}, FID ${s.frechet.toFixed(2)}, nearest-train ratio ${s.nearestRatio.toFixed(2)}, copied ${(100 * s.copiedShare).toFixed(1)}%` +
  (Number.isNaN(s.askedShare) ? '' : `, asked-for ${(100 * s.askedShare).toFixed(1)}%`);

/** One scored kind of sample, with the training time at which it first met the bar. */
interface Track {
  name: string;
  barAt: number;
  last: DigitScore | null;
}

function record(track: Track, score: DigitScore, y: DigitYardstick, seconds: number): string {
  const pass = passesDigitBar(score, y);
  if (pass && Number.isNaN(track.barAt)) track.barAt = seconds;
  track.last = score;
  return `\n    ${track.name}: ${fmt(score)}${pass ? '  PASS' : ''}`;
}

export async function main(argv: string[]): Promise<number> {
  const o: DigitRunOptions = { ...DEFAULT_DIGIT_RUN };
  for (const a of argv) {
    const m = /^--(\w+)=(.+)$/.exec(a);
    if (!m || !(m[1]! in o)) throw new Error(`unknown option ${a} (see scripts/images/measure-digits.ts)`);
    (o as unknown as Record<string, number | string>)[m[1]!] = ['schedule', 'dataset', 'prediction'].includes(m[1]!) ? m[2]! : Number(m[2]);
  }
  const shapes = o.dataset === 'shapes';
  if (shapes && !argv.some((a) => a.startsWith('--classes='))) o.classes = SHAPE_NET.classes;
  if (shapes && !argv.some((a) => a.startsWith('--prediction='))) o.prediction = SHAPE_NET.prediction ?? 'eps';
  const backend = await useTestBackend();
  const set = shapes ? null : decodeDigits(bytes('digits-8x8.bin'));
  const train = set ? digitsTrain(set) : shapesTrain();
  const yardstick = makeDigitYardstick(decodeDigitClassifier(bytes(shapes ? 'shape-classifier.bin' : 'digit-classifier.bin')), train, set ? digitsHeldOut(set) : shapesHeldOut());
  const { trainer, schedule, dispose } = (shapes ? buildShapeModel : buildDigitModel)(train, o.seed, {
    net: { width: o.width, depth: o.depth, classes: o.classes, prediction: o.prediction },
    trainer: { batchSize: o.batch, learningRate: o.lr, emaDecay: o.ema, dropLabel: o.drop },
    schedule: { kind: o.schedule, T: o.T },
  });
  const sampling = { steps: o.ddim, eta: o.eta, clipX0: o.clip > 0 ? o.clip : undefined };
  console.log(`${o.dataset}: ${train.n} training images; ${backend} (${trainer.engine}, ${trainer.threads} thread(s)); ${JSON.stringify(o)}`);
  console.log(`held-out images: confident ${(100 * yardstick.heldOutConfidentShare).toFixed(1)}% (bar ${(80 * yardstick.heldOutConfidentShare).toFixed(1)}%)`);

  const tracks: Track[] = (o.classes > 0 ? ['∅ path (w = −1)', `${shapes ? 'shape' : 'digit'} drawn evenly, w = 0`, `${shapes ? 'shape' : 'digit'} asked for, w = ${o.w}`] : ['unconditional']).map((name) => ({ name, barAt: Number.NaN, last: null }));
  const asked = shapes ? evenClasses(o.samples, o.classes) : evenDigits(o.samples);
  let trainMs = 0;
  let chunk = 20;
  for (let checkpoint = o.every; checkpoint <= o.seconds + 1e-9; checkpoint += o.every) {
    while (trainMs < checkpoint * 1000) {
      if (trainMs >= o.decayAt * o.seconds * 1000 && trainer.learningRate === o.lr && o.decayBy !== 1) trainer.learningRate = o.lr * o.decayBy;
      const t0 = performance.now();
      trainer.train(chunk);
      trainMs += performance.now() - t0;
      // Chunks of about 0.25 s keep the checkpoints on time without a read-back per step.
      chunk = Math.max(1, Math.min(2000, Math.round((chunk * 250) / Math.max(1, performance.now() - t0))));
    }
    const { loss } = await trainer.readStats();
    const s0 = performance.now();
    const seconds = trainMs / 1000;
    let lines = '';
    if (o.classes > 0) {
      lines += record(tracks[0]!, scoreDigits(yardstick, await drawDigits(trainer.sampler, schedule, asked, -1, 1000 + o.seed, sampling)), yardstick, seconds);
      lines += record(tracks[1]!, scoreDigits(yardstick, await drawDigits(trainer.sampler, schedule, asked, 0, 2000 + o.seed, sampling)), yardstick, seconds);
      lines += record(tracks[2]!, scoreDigits(yardstick, await drawDigits(trainer.sampler, schedule, asked, o.w, 3000 + o.seed, sampling), asked), yardstick, seconds);
    } else {
      lines += record(tracks[0]!, scoreDigits(yardstick, await drawUnconditional(trainer.sampler, schedule, o.samples, 1000 + o.seed, sampling)), yardstick, seconds);
    }
    const steps = trainer.stepCount;
    console.log(`${seconds.toFixed(1)} s, ${steps} steps (${((steps / trainMs) * 1000).toFixed(0)} steps/s), lr ${trainer.learningRate.toExponential(1)}, loss ${loss.toFixed(4)}  [sampling and scoring ${((performance.now() - s0) / 1000).toFixed(1)} s]${lines}`);
  }
  console.log(`\nsummary: ${((trainer.stepCount / trainMs) * 1000).toFixed(0)} steps/s`);
  for (const t of tracks) console.log(`  ${t.name}: bar first met at ${Number.isNaN(t.barAt) ? 'never' : `${t.barAt.toFixed(1)} s`}; final ${t.last ? fmt(t.last) : '—'}`);
  dispose();
  return 0;
}
