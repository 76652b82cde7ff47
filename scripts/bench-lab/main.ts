/**
 * `npm run bench:lab`: training steps per second of the chapter-7 guidance and one-shot models with
 * their lab settings (batch 128; width 96/depth 2 and 64/2), under Node on the tfjs WASM backend:
 *   before: the old stack (ConditionalDenoiser / OneShotDenoiser on ResidualMlp, tfjs autodiff, LabTrainer's Adam),
 *   after:  the one Trainer (Denoiser, hand-written gradient, packed Adam, our SIMD kernels).
 * Both are built exactly as the worker builds them; A and B alternate within each round, in one
 * process. Options: --rounds=5, --seconds=1.5 (per measurement).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { labelledBlobs } from '../../src/engine/datasets';
import { BLOB_COUNT, BLOB_SEED, DROP_LABEL, LAB_BATCH, LAB_EMA_DECAY, LAB_LEARNING_RATE, LAB_SCHEDULE } from '../../src/engine/labSettings';
import { makeRng } from '../../src/engine/rng';
import { makeSchedule } from '../../src/engine/schedule';
import { ConditionalDenoiser, conditionalLoss, DEFAULT_CONDITIONAL } from '../../src/engine/tf/conditionalDenoiser';
import { LabTrainer } from '../../src/engine/tf/labTrainer';
import { buildGuidedModel, buildOneShotModel, signalData } from '../../src/engine/tf/labModels';
import { OneShotDenoiser, oneShotLoss } from '../../src/engine/tf/oneShotDenoiser';

interface Trainable {
  train(n: number): void;
  readStats(): Promise<{ loss: number }>;
  dispose(): void;
}

const schedule = makeSchedule(LAB_SCHEDULE);

/** The old guidance model, as src/worker/labSession.ts buildGuidance makes it. */
function oldGuidance(): Trainable {
  const set = labelledBlobs(BLOB_COUNT, BLOB_SEED);
  const config = { ...DEFAULT_CONDITIONAL, dim: 2, T: schedule.T, classes: set.classes };
  const model = new ConditionalDenoiser(config, 5);
  const ema = new ConditionalDenoiser(config, 5);
  const loss = conditionalLoss(model, schedule, set.points, set.labels, makeRng(6), { batchSize: LAB_BATCH, dropLabel: DROP_LABEL });
  const trainer = new LabTrainer(model.variables, loss, ema.variables, { learningRate: LAB_LEARNING_RATE, emaDecay: LAB_EMA_DECAY });
  return { train: (n) => trainer.train(n), readStats: () => trainer.readStats(), dispose: () => { trainer.dispose(); model.dispose(); ema.dispose(); } };
}

/** The old one-shot model, as labSession.ts buildOneShot makes it. */
function oldOneShot(): Trainable {
  const model = new OneShotDenoiser({ dim: 32, width: 64, depth: 2 }, 3);
  const trainer = new LabTrainer(model.variables, oneShotLoss(model, signalData(), schedule.alphaBars[schedule.T - 1]!, makeRng(4), LAB_BATCH), [], { learningRate: LAB_LEARNING_RATE });
  return { train: (n) => trainer.train(n), readStats: () => trainer.readStats(), dispose: () => { trainer.dispose(); model.dispose(); } };
}

function asTrainable(lab: { trainer: Trainable; dispose(): void }): Trainable {
  return { train: (n) => lab.trainer.train(n), readStats: () => lab.trainer.readStats(), dispose: () => lab.dispose() };
}

/** Steps per second over about `seconds`, in chunks of 10 steps, the loss read at the end (so queued work is counted). */
async function stepsPerSecond(t: Trainable, seconds: number): Promise<number> {
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < seconds * 1000) {
    t.train(10);
    steps += 10;
  }
  await t.readStats();
  return (steps * 1000) / (performance.now() - start);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function main(argv: string[]): Promise<number> {
  const arg = (name: string, fallback: number): number => Number(argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  const rounds = arg('rounds', 5);
  const seconds = arg('seconds', 1.5);
  await tf.setBackend('wasm');
  await tf.ready();
  const pairs: Array<[string, () => Trainable, () => Trainable]> = [
    ['guidance (96/2, batch 128)', oldGuidance, () => asTrainable(buildGuidedModel(schedule))],
    ['one-shot (64/2, batch 128)', oldOneShot, () => asTrainable(buildOneShotModel(signalData(), schedule))],
  ];
  process.stdout.write(`backend ${tf.getBackend()}, ${rounds} rounds of ${seconds} s per measurement, A/B alternating\n`);
  for (const [name, makeOld, makeNew] of pairs) {
    const before = makeOld();
    const after = makeNew();
    before.train(20); // warm-up: kernels compiled, Adam's moments created
    after.train(20);
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // alternate which goes first, so a slow patch of the machine hits both alike
      if (r % 2 === 0) {
        a.push(await stepsPerSecond(before, seconds));
        b.push(await stepsPerSecond(after, seconds));
      } else {
        b.push(await stepsPerSecond(after, seconds));
        a.push(await stepsPerSecond(before, seconds));
      }
      process.stdout.write(`  ${name} round ${r + 1}: LabTrainer ${a[r]!.toFixed(0)} steps/s, Trainer+SIMD ${b[r]!.toFixed(0)} steps/s\n`);
    }
    process.stdout.write(`${name}: median LabTrainer ${median(a).toFixed(0)} steps/s, Trainer+SIMD ${median(b).toFixed(0)} steps/s, ×${(median(b) / median(a)).toFixed(1)}\n`);
    before.dispose();
    after.dispose();
  }
  return 0;
}
