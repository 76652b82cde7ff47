/**
 * Bench cases for the image model of issue 14 (the 8×8 digit recipe, src/engine/images/digitModel.ts),
 * run through the worker's own ImageModels and TrainingLoop, as the image-train widget uses them:
 *  - trainImages: training steps/s between two progress reports of the loop;
 *  - sampleImages: a 64-image grid by DDIM-50 (one digit per row, drawn evenly: the widget's
 *    "unconditional" grid), the median of a few runs;
 *  - imagesToQuality: seconds of training, counted from "Train" (data loading included), until 2,000
 *    samples (digits drawn evenly, w = 0) pass the digit bar (sampleQuality.ts passesDigitBar);
 *    training pauses for each check, and checking time is not counted.
 * The data come from `load`: the site's files in the browser, public/data under Node.
 */
import { digitsHeldOut, digitsTrain } from '../engine/datasets/digits';
import { DIGIT_SAMPLER, evenDigits, perRowDigits } from '../engine/images/digitModel';
import { makeDigitYardstick, passesDigitBar, scoreDigits } from '../engine/images/sampleQuality';
import { makeSchedule } from '../engine/schedule';
import { sample } from '../engine/tf';
import { IMAGE_SCHEDULE } from '../worker/imageConfig';
import { ImageData, type ImageDataLoader } from '../worker/imageData';
import { ImageModels } from '../worker/imageModels';
import type { WorkerEvent } from '../worker/protocol';
import { TrainingLoop } from '../worker/trainingLoop';
import { yieldToEvents } from '../worker/yieldToEvents';

/** The image cases' time caps. */
export interface ImageBudget {
  warmupMs: number;
  trainMs: number;
  /** Timed runs of the 64-image grid (after one untimed run); the median is reported. */
  sampleRuns: number;
  /** Time to quality: give up after this much training; check about this often; this many samples per check. */
  qualityMaxTrainMs: number;
  qualityEveryMs: number;
  qualitySamples: number;
}

export const FULL_IMAGE_BUDGET: ImageBudget = { warmupMs: 1500, trainMs: 10_000, sampleRuns: 5, qualityMaxTrainMs: 120_000, qualityEveryMs: 2000, qualitySamples: 2000 };
/** `--quick`: enough to see that each case runs (CI); time to quality is cut at 3 s and checked once, on 500 samples. */
export const QUICK_IMAGE_BUDGET: ImageBudget = { warmupMs: 300, trainMs: 2000, sampleRuns: 2, qualityMaxTrainMs: 3000, qualityEveryMs: 3000, qualitySamples: 500 };

/** The grid the widget draws. */
export const GRID_IMAGES = 64;
const DDIM_STEPS = 50;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const now = (): number => performance.now();

type Tick = (fraction: number, text: string) => void;

/** The worker's image model with its own loop; `latest` is the last progress report of `images`. */
function imageRig(load: ImageDataLoader) {
  const rig = {
    latest: null as { step: number; at: number } | null,
    loop: null as unknown as TrainingLoop,
    images: null as unknown as ImageModels,
    dispose() {
      rig.images.dispose();
      rig.loop.dispose();
    },
  };
  const post = (e: WorkerEvent): void => {
    if (e.type === 'progress' && e.model === 'images') rig.latest = { step: e.step, at: now() };
  };
  rig.loop = new TrainingLoop(post);
  // The bench times training from scratch (to the bar, steps/s): the pretrained default is not offered, so the model starts untrained.
  const fromScratch: ImageDataLoader = (file) => (file === 'pretrained' ? Promise.reject(new Error('the bench trains from scratch')) : load(file));
  rig.images = new ImageModels(post, rig.loop, fromScratch);
  return rig;
}

/** Waits until `rig.latest` is a report after `after` (or null after), at most `ms`. */
async function nextReport(rig: { latest: { step: number; at: number } | null }, after: { at: number } | null, ms: number): Promise<{ step: number; at: number } | null> {
  const until = now() + ms;
  while ((rig.latest === null || (after !== null && rig.latest.at <= after.at)) && now() < until) await sleep(50);
  return rig.latest && (after === null || rig.latest.at > after.at) ? rig.latest : null;
}

/**
 * Training steps/s of the image model through the worker loop, between two progress reports. A slow
 * backend (a GPU one compiling its shaders) may report nothing in the window: it gets up to `graceMs`
 * more for each of the two reports, then has no figure (null) rather than a wrong one.
 */
export async function measureImageTraining(load: ImageDataLoader, budget: ImageBudget, graceMs: number, onTick: Tick): Promise<{ stepsPerSecond: number | null; steps: number; seconds: number; threads: number }> {
  const rig = imageRig(load);
  try {
    const unit = await rig.images.ensure();
    rig.loop.start('images', 1);
    await sleep(budget.warmupMs);
    const from = await nextReport(rig, null, graceMs);
    const start = now();
    while (from && now() - start < budget.trainMs) {
      await sleep(250);
      onTick((now() - start) / budget.trainMs, `step ${rig.latest?.step ?? 0}`);
    }
    const to = from && (await nextReport(rig, from, graceMs));
    rig.loop.pause('images');
    if (!from || !to) return { stepsPerSecond: null, steps: 0, seconds: 0, threads: unit.threads };
    const seconds = (to.at - from.at) / 1000;
    return { stepsPerSecond: (to.step - from.step) / seconds, steps: to.step - from.step, seconds, threads: unit.threads };
  } finally {
    rig.dispose();
  }
}

/**
 * Seconds per 64-image DDIM-50 grid (the median of the runs), drawn the way the worker draws the
 * widget's grid (ImageModels.sample: one digit per row drawn evenly, x̂₀ clipped, a progress
 * callback that yields every ~100 ms). A run past `capMs` (a slow backend) is stopped and scaled up.
 */
export async function measureImageSampling(load: ImageDataLoader, budget: ImageBudget, capMs: number, onTick: Tick): Promise<{ seconds: number[]; extrapolated: boolean }> {
  const rig = imageRig(load);
  try {
    const unit = await rig.images.ensure();
    const schedule = makeSchedule(IMAGE_SCHEDULE);
    const eps = perRowDigits(unit.network.trainer.sampler, evenDigits(GRID_IMAGES));
    const options = { ...DIGIT_SAMPLER, n: GRID_IMAGES, seed: 1 };
    // The weights do not change the cost; an untrained network samples as fast as a trained one.
    await sample(eps, schedule, { ...options, steps: 2 });
    const seconds: number[] = [];
    let extrapolated = false;
    for (let k = 0; k < budget.sampleRuns && !extrapolated; k++) {
      onTick(k / budget.sampleRuns, `grid ${k + 1} of ${budget.sampleRuns}`);
      let done = 0;
      let lastYield = now();
      const t0 = now();
      const result = await sample(eps, schedule, {
        ...options,
        seed: 1 + k,
        steps: DDIM_STEPS,
        onStep: async (d) => {
          done = d;
          if (now() - lastYield >= 100) {
            await yieldToEvents();
            lastYield = now();
          }
        },
        isCancelled: () => now() - t0 > capMs,
      });
      const s = (now() - t0) / 1000;
      if (!result.points.every(Number.isFinite)) throw new Error('the grid is not finite');
      extrapolated = result.cancelled;
      seconds.push(result.cancelled ? (s * DDIM_STEPS) / Math.max(1, done) : s);
    }
    return { seconds, extrapolated };
  } finally {
    rig.dispose();
  }
}

export interface ImageQualityCheck {
  step: number;
  trainSeconds: number;
  confidentShare: number;
  classesPresent: number;
  passes: boolean;
}

/**
 * Training seconds from "Train" (building the model and loading the data included) until
 * `qualitySamples` digits pass the bar; null when not within `qualityMaxTrainMs`.
 */
export async function measureImagesToQuality(load: ImageDataLoader, budget: ImageBudget, onTick: Tick): Promise<{ seconds: number | null; checks: ImageQualityCheck[]; checkSeconds: number; heldOutConfidentShare: number }> {
  const data = new ImageData(load);
  const [net, set] = await Promise.all([data.classifier(), data.digits()]);
  const yardstick = makeDigitYardstick(net, digitsTrain(set), digitsHeldOut(set));
  const schedule = makeSchedule(IMAGE_SCHEDULE);
  const digits = evenDigits(budget.qualitySamples);
  const rig = imageRig(load);
  const checks: ImageQualityCheck[] = [];
  let trainSeconds = 0;
  let checkSeconds = 0;
  try {
    const t0 = now();
    const unit = await rig.images.ensure();
    trainSeconds += (now() - t0) / 1000;
    while (trainSeconds * 1000 < budget.qualityMaxTrainMs) {
      const started = now();
      rig.loop.start('images', 1);
      await sleep(Math.min(budget.qualityEveryMs, budget.qualityMaxTrainMs - trainSeconds * 1000));
      rig.loop.pause('images');
      trainSeconds += (now() - started) / 1000;
      const c0 = now();
      onTick((trainSeconds * 1000) / budget.qualityMaxTrainMs, `checking at step ${unit.stepCount} (${trainSeconds.toFixed(1)} s of training)`);
      const { points } = await sample(perRowDigits(unit.network.trainer.sampler, digits), schedule, { ...DIGIT_SAMPLER, n: digits.length, seed: 11 });
      const score = scoreDigits(yardstick, points.map((v) => Math.max(-1, Math.min(1, v))));
      const passes = passesDigitBar(score, yardstick);
      checks.push({ step: unit.stepCount, trainSeconds, confidentShare: score.confidentShare, classesPresent: score.classesPresent, passes });
      checkSeconds += (now() - c0) / 1000;
      if (passes) return { seconds: trainSeconds, checks, checkSeconds, heldOutConfidentShare: yardstick.heldOutConfidentShare };
    }
    return { seconds: null, checks, checkSeconds, heldOutConfidentShare: yardstick.heldOutConfidentShare };
  } finally {
    rig.dispose();
  }
}
