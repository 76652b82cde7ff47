/**
 * Bench cases for issue 15's upsampler, through the worker's own Upsampler and TrainingLoop
 * (src/worker/upsampler.ts), as the upsample widget uses them:
 *  - trainUpsample: training steps/s from scratch between two progress reports of the loop;
 *  - upsampleToBar: seconds of training from scratch (digits loaded and the model built included)
 *    until completions of held-out digits' 4×4 views meet the shipped file's bar
 *    (upsamplePretrained.test.ts: condition error and pixel spread both past half a grey level);
 *    training pauses for each check, and checking time is not counted;
 *  - sampleUpsample: seconds for K = 8 completions of one 4×4 condition (DDIM-50, with the
 *    condition errors and pixel spread), the median of a few runs after one untimed run (which
 *    loads the shipped weights).
 * The digits and weights come from `load`: the site's files in the browser, public/ under Node.
 */
import { decodeDigits, digitsHeldOut } from '../engine/datasets/digits';
import { measureUpsampler } from '../engine/upsample/upsampleFigures';
import type { ImageDataLoader } from '../worker/imageData';
import type { WorkerEvent } from '../worker/protocol';
import { TrainingLoop } from '../worker/trainingLoop';
import { Upsampler } from '../worker/upsampler';
import { median } from './report';

/** Completions per request, as the widget asks. */
export const UPSAMPLE_K = 8;

export interface UpsampleBudget {
  /** Give up after this much training. */
  barMaxTrainMs: number;
  /** Training between checks. */
  barEveryMs: number;
  /** Held-out digits per check (K = 8 completions each). */
  barDigits: number;
}
export const FULL_UPSAMPLE_BUDGET: UpsampleBudget = { barMaxTrainMs: 120_000, barEveryMs: 2000, barDigits: 30 };
/** `--quick`: cut at 2 s and checked once, on 10 digits (not reached). */
export const QUICK_UPSAMPLE_BUDGET: UpsampleBudget = { barMaxTrainMs: 2000, barEveryMs: 2000, barDigits: 10 };
/** The shipped file's bar (upsamplePretrained.test.ts): half a grey level (2/16 / 2), the error below it, the spread above. */
export const UPSAMPLE_BAR = 1 / 16;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const now = (): number => performance.now();
type Tick = (fraction: number, text: string) => void;

/** The worker's upsampler on its own loop, remembering the loop's latest progress report. */
function upsampleRig(load: ImageDataLoader) {
  const rig = {
    latest: null as { step: number; at: number } | null,
    loop: null as unknown as TrainingLoop,
    up: null as unknown as Upsampler,
    dispose() {
      rig.up.dispose();
      rig.loop.dispose();
    },
  };
  const post = (e: WorkerEvent): void => {
    if (e.type === 'progress' && e.model === 'upsample') rig.latest = { step: e.step, at: now() };
  };
  rig.loop = new TrainingLoop(post);
  rig.up = new Upsampler(post, rig.loop, load);
  return rig;
}

export async function measureUpsampleSampling(load: ImageDataLoader, runs: number, onTick: Tick): Promise<{ median: number; seconds: number[] }> {
  const rig = upsampleRig(load);
  try {
    // A blank-ish condition: the cost does not depend on it.
    const cond = new Float32Array(16).fill(-1);
    cond[5] = 0.5;
    await rig.up.sample({ cond, k: UPSAMPLE_K, seed: 0 });
    const seconds: number[] = [];
    for (let r = 0; r < runs; r++) {
      onTick(r / runs, `request ${r + 1} of ${runs}`);
      const t0 = performance.now();
      const result = await rig.up.sample({ cond, k: UPSAMPLE_K, seed: 1 + r });
      seconds.push((performance.now() - t0) / 1000);
      if (!result.samples.every(Number.isFinite)) throw new Error('the completions are not finite');
    }
    return { median: median(seconds), seconds };
  } finally {
    rig.dispose();
  }
}

async function reportAfter(rig: ReturnType<typeof upsampleRig>, after: { at: number } | null, ms: number): Promise<{ step: number; at: number } | null> {
  const until = now() + ms;
  while ((rig.latest === null || (after !== null && rig.latest.at <= after.at)) && now() < until) await sleep(50);
  return rig.latest && (after === null || rig.latest.at > after.at) ? rig.latest : null;
}

/**
 * Training steps/s of the upsampler from scratch ("Train the upsampler from scratch") through the
 * loop, between two progress reports after `warmupMs`, over about `trainMs` (null if a slow backend
 * reports nothing within `graceMs`).
 */
export async function measureUpsampleTraining(load: ImageDataLoader, budget: { warmupMs: number; trainMs: number }, graceMs: number, onTick: Tick): Promise<{ stepsPerSecond: number | null; steps: number; seconds: number; threads: number }> {
  const rig = upsampleRig(load);
  try {
    await rig.up.restart('scratch');
    const unit = await rig.up.ensure();
    rig.loop.start('upsample', 1);
    await sleep(budget.warmupMs);
    const from = await reportAfter(rig, null, graceMs);
    const start = now();
    while (from && now() - start < budget.trainMs) {
      await sleep(250);
      onTick((now() - start) / budget.trainMs, `step ${rig.latest?.step ?? 0}`);
    }
    const to = from && (await reportAfter(rig, from, graceMs));
    rig.loop.pause('upsample');
    if (!from || !to) return { stepsPerSecond: null, steps: 0, seconds: 0, threads: unit.threads };
    const seconds = (to.at - from.at) / 1000;
    return { stepsPerSecond: (to.step - from.step) / seconds, steps: to.step - from.step, seconds, threads: unit.threads };
  } finally {
    rig.dispose();
  }
}

export interface UpsampleBarCheck {
  step: number;
  trainSeconds: number;
  conditionError: number;
  pixelSpread: number;
  meets: boolean;
}

/** Training seconds from "Train the upsampler from scratch" until its completions meet the bar; null when not within `barMaxTrainMs`. */
export async function measureUpsampleToBar(load: ImageDataLoader, budget: UpsampleBudget, onTick: Tick): Promise<{ seconds: number | null; checks: UpsampleBarCheck[]; checkSeconds: number }> {
  const heldOut = digitsHeldOut(decodeDigits(await load('digits'))).points;
  const rig = upsampleRig(load);
  const checks: UpsampleBarCheck[] = [];
  let trainSeconds = 0;
  let checkSeconds = 0;
  try {
    const t0 = now();
    await rig.up.restart('scratch');
    const unit = await rig.up.ensure();
    trainSeconds += (now() - t0) / 1000;
    while (trainSeconds * 1000 < budget.barMaxTrainMs) {
      const started = now();
      rig.loop.start('upsample', 1);
      await sleep(Math.min(budget.barEveryMs, budget.barMaxTrainMs - trainSeconds * 1000));
      rig.loop.pause('upsample');
      trainSeconds += (now() - started) / 1000;
      const c0 = now();
      onTick((trainSeconds * 1000) / budget.barMaxTrainMs, `checking at step ${unit.stepCount} (${trainSeconds.toFixed(1)} s of training)`);
      const f = await measureUpsampler(unit.network.trainer.sampler, rig.up.schedule, heldOut, budget.barDigits, UPSAMPLE_K, 11);
      const meets = f.conditionError < UPSAMPLE_BAR && f.pixelSpread > UPSAMPLE_BAR;
      checks.push({ step: unit.stepCount, trainSeconds, conditionError: f.conditionError, pixelSpread: f.pixelSpread, meets });
      checkSeconds += (now() - c0) / 1000;
      if (meets) return { seconds: trainSeconds, checks, checkSeconds };
    }
    return { seconds: null, checks, checkSeconds };
  } finally {
    rig.dispose();
  }
}
