/**
 * The benchmark cases, shared by the Node runner (scripts/bench) and the in-browser bench worker:
 * training speed of the default model, DDIM and DDPM sampling of 2000 points, and the training
 * time it takes to reach the engine tests' quality bar on two moons. Each runs on whatever tfjs
 * backend is current; the caller picks it. Every case reads results back before it stops the
 * clock, so queued GPU work is counted.
 */
import * as tf from '@tensorflow/tfjs';
import { makeDataset } from '../engine/datasets';
import { energyDistance } from '../engine/metrics';
import { makeRng } from '../engine/rng';
import { makeSchedule, type Schedule } from '../engine/schedule';
import { DEFAULT_SAMPLE, Denoiser, resolveDenoiserConfig, sample, Trainer, type SampleMethod } from '../engine/tf';
import { DEFAULT_SESSION } from '../state/sessionDefaults';
import { BENCH_CASES, median, type BenchCase, type BenchEvent, type CaseResult } from './report';
import { yieldToEvents } from '../worker/yieldToEvents';
import { LOOP_CASES, measureLoopCase, type LoopCase } from './loopCases';
import { FULL_UPSAMPLE_BUDGET, measureUpsampleSampling, measureUpsampleToBar, measureUpsampleTraining, QUICK_UPSAMPLE_BUDGET, UPSAMPLE_K, type UpsampleBudget } from './upsampleCases';
import { FULL_IMAGE_BUDGET, GRID_IMAGES, measureImageSampling, measureImagesToQuality, measureImageTraining, QUICK_IMAGE_BUDGET, type ImageBudget } from './imageCases';
import type { ImageDataLoader } from '../worker/imageData';
import { FULL_VIDEO_BUDGET, measureVideoSampling, measureVideoToBar, measureVideoTraining, QUICK_VIDEO_BUDGET, VIDEO_SAMPLE_CLIPS, type VideoBudget } from './videoCases';
import { FULL_LATENT_BUDGET, measureLatentSampling, measureLatentToQuality, QUICK_LATENT_BUDGET, type LatentBudget } from './latentCases';

/** Time caps per case. A sampling run cut by its cap is extrapolated (and says so). */
export interface BenchBudget {
  /** Untimed training before the timed window (first-call costs, shader compiles). */
  warmupMs: number;
  /** The timed training window. */
  trainMs: number;
  /** Longest a sampling run may take before it is stopped and extrapolated. */
  sampleCapMs: number;
  /** Time to quality: stop after this many steps or this much training time. */
  qualityMaxSteps: number;
  qualityMaxTrainMs: number;
  /** Steps between quality checks (the issue: every 250). */
  qualityEvery: number;
  /** The sampler and sample size of the quality check. */
  qualityEval: { method: SampleMethod; n: number };
  /** The image model's cases (./imageCases.ts). */
  images: ImageBudget;
  /** The video models' cases (./videoCases.ts). */
  video: VideoBudget;
  /** Latent diffusion's cases (./latentCases.ts). */
  latent: LatentBudget;
  /** The upsampler's time to its bar (./upsampleCases.ts). */
  upsample: UpsampleBudget;
  /**
   * Backends that run the cases training through the worker's loop: the chapter-7 models and the
   * image model (null: all). Quick runs keep CI short with wasm only: on SwiftShader's WebGPU a
   * first 64-image grid alone took 17 s, shader compiles included, and the chapter-7 models sent
   * no progress report within a quick run's 2 s on SwiftShader's WebGPU or WebGL.
   */
  loopBackends: readonly string[] | null;
}

export const FULL_BUDGET: BenchBudget = {
  warmupMs: 1500,
  trainMs: 10_000,
  sampleCapMs: 60_000,
  qualityMaxSteps: 3000,
  qualityMaxTrainMs: 60_000,
  qualityEvery: 250,
  qualityEval: { method: 'ddpm', n: 2000 },
  images: FULL_IMAGE_BUDGET,
  video: FULL_VIDEO_BUDGET,
  latent: FULL_LATENT_BUDGET,
  upsample: FULL_UPSAMPLE_BUDGET,
  loopBackends: null,
};

/** `--quick`: a few seconds per case, to check that the bench runs (its figures are rough). */
export const QUICK_BUDGET: BenchBudget = {
  warmupMs: 300,
  trainMs: 2000,
  sampleCapMs: 2000,
  qualityMaxSteps: 250,
  qualityMaxTrainMs: 3000,
  qualityEvery: 250,
  qualityEval: { method: 'ddim', n: 500 },
  images: QUICK_IMAGE_BUDGET,
  video: QUICK_VIDEO_BUDGET,
  latent: QUICK_LATENT_BUDGET,
  upsample: QUICK_UPSAMPLE_BUDGET,
  loopBackends: ['wasm'],
};

/** The quality bar of the engine's training test: energy-distance ratio to held-out data. */
export const QUALITY_RATIO = 0.25;
const SAMPLE_POINTS = 2000;
/** Like the session: train in chunks of about this long, read the loss at most this often. */
const CHUNK_MS = 40;
const READ_EVERY_MS = 100;

const now = (): number => performance.now();


interface Built {
  schedule: Schedule;
  model: Denoiser;
  trainer: Trainer;
}

/** The default session's model and trainer (the Training chapter's settings: two moons, batch 256). */
function buildDefault(): Built {
  const c = DEFAULT_SESSION;
  const schedule = makeSchedule({ kind: c.schedule, T: c.T });
  const config = resolveDenoiserConfig({ dim: 2, T: c.T, width: c.width, depth: c.depth, timeEmbedDim: c.timeEmbedDim, inputEmbedDim: c.inputEmbedDim, prediction: c.prediction });
  const model = new Denoiser(config, c.seed);
  const data = makeDataset('twoMoons', c.nPoints, c.seed).points;
  const trainer = new Trainer(model, schedule, data, { learningRate: c.learningRate, batchSize: c.batchSize, optimizer: c.optimizer, seed: c.seed });
  return { schedule, model, trainer };
}

function disposeBuilt(b: Built): void {
  b.trainer.dispose();
  b.model.dispose();
}

/**
 * Trains the way the worker's session does (chunks of ~40 ms, loss read back every ~100 ms) until
 * `ms` have passed or `maxSteps` steps are done; returns the steps and the seconds, read-backs included.
 */
async function trainLikeSession(trainer: Trainer, ms: number, maxSteps: number, onTick?: (steps: number, elapsed: number) => void): Promise<{ steps: number; seconds: number }> {
  const start = now();
  let lastRead = start;
  let steps = 0;
  let chunk = 1;
  while (steps < maxSteps && now() - start < ms) {
    const k = Math.min(chunk, maxSteps - steps);
    const t0 = now();
    trainer.train(k);
    steps += k;
    chunk = Math.max(1, Math.min(200, Math.round((k * CHUNK_MS) / Math.max(1, now() - t0))));
    if (now() - lastRead >= READ_EVERY_MS) {
      const stats = await trainer.readStats();
      if (!Number.isFinite(stats.loss)) throw new Error(`training diverged (loss ${stats.loss}) at step ${stats.step}`);
      lastRead = now();
      onTick?.(steps, lastRead - start);
    }
    await yieldToEvents();
  }
  await trainer.readStats(); // waits for every queued step
  return { steps, seconds: (now() - start) / 1000 };
}

type Emit = (event: BenchEvent) => void;

interface CaseContext {
  where: CaseResult['where'];
  backend: string;
  budget: BenchBudget;
  emit: Emit;
  loadImageData?: ImageDataLoader;
}

function progress(ctx: CaseContext, c: BenchCase, fraction: number, text: string): void {
  ctx.emit({ type: 'case', backend: ctx.backend, case: c, fraction: Math.max(0, Math.min(1, fraction)), text });
}

async function trainCase(ctx: CaseContext): Promise<CaseResult> {
  const built = buildDefault();
  try {
    const { budget } = ctx;
    progress(ctx, 'train', 0, 'warming up');
    await trainLikeSession(built.trainer, budget.warmupMs, Number.POSITIVE_INFINITY);
    const { steps, seconds } = await trainLikeSession(built.trainer, budget.trainMs, Number.POSITIVE_INFINITY, (s, elapsed) =>
      progress(ctx, 'train', elapsed / budget.trainMs, `${s} steps, ${((s * 1000) / elapsed).toFixed(1)} steps/s`),
    );
    const { engine, threads } = built.trainer;
    const how = `${engine} engine${threads > 1 ? `, ${threads} threads` : ''}`;
    return { where: ctx.where, backend: ctx.backend, case: 'train', value: steps / seconds, unit: 'steps/s', extrapolated: false, note: `${steps} steps in ${seconds.toFixed(1)} s (after ${(budget.warmupMs / 1000).toFixed(1)} s warm-up), ${how}`, detail: { steps, seconds, engine, threads } };
  } finally {
    disposeBuilt(built);
  }
}

async function samplingCase(ctx: CaseContext, method: SampleMethod): Promise<CaseResult> {
  const c: BenchCase = method;
  const built = buildDefault();
  try {
    // The weights do not change the cost; an untrained network samples as fast as a trained one.
    const base = { ...DEFAULT_SAMPLE, method, steps: 50, n: SAMPLE_POINTS, seed: 1 };
    progress(ctx, c, 0, 'warming up');
    await sample(built.trainer.sampler, built.schedule, { ...base, method: 'ddim', steps: 2 });
    const cap = ctx.budget.sampleCapMs;
    let done = 0;
    let total = 1;
    let lastYield = now();
    const start = now();
    // Progress the way the worker's session asks for it: a callback per step that yields every ~100 ms.
    const result = await sample(built.trainer.sampler, built.schedule, {
      ...base,
      onStep: async (d, t) => {
        done = d;
        total = t;
        if (now() - lastYield >= READ_EVERY_MS) {
          progress(ctx, c, Math.max(d / t, (now() - start) / cap), `${d} of ${t} steps`);
          await yieldToEvents();
          lastYield = now();
        }
      },
      isCancelled: () => now() - start > cap,
    });
    const seconds = (now() - start) / 1000;
    const finite = result.points.every(Number.isFinite);
    if (!finite) throw new Error('sampling produced non-finite points');
    if (result.cancelled) {
      const steps = Math.max(1, done);
      return { where: ctx.where, backend: ctx.backend, case: c, value: (seconds * total) / steps, unit: 's', extrapolated: true, note: `stopped after ${steps} of ${total} steps in ${seconds.toFixed(1)} s, scaled to all ${total}`, detail: { steps, total, seconds } };
    }
    return { where: ctx.where, backend: ctx.backend, case: c, value: seconds, unit: 's', extrapolated: false, note: `${result.visited.length} steps, ${SAMPLE_POINTS} points`, detail: { steps: result.visited.length, seconds } };
  } finally {
    disposeBuilt(built);
  }
}

async function qualityCase(ctx: CaseContext): Promise<CaseResult> {
  const { budget } = ctx;
  const built = buildDefault();
  // The engine training test's yardstick: held-out two moons, and N(0, I) samples scoring 1.
  const heldOut = makeDataset('twoMoons', 2000, 2).points;
  const gaussian = makeRng(3).normals(4000);
  const baseline = energyDistance(gaussian, heldOut, 2);
  const history: Array<{ step: number; trainSeconds: number; ratio: number }> = [];
  const { method, n } = budget.qualityEval;
  // Quick runs check with fewer points and DDIM: a smoke test, not the engine test's yardstick.
  const evalLabel = `${method.toUpperCase()}${method === 'ddim' ? ' 50' : ''}, ${n} points`;
  let trainSeconds = 0;
  let evalSeconds = 0;
  try {
    while (built.trainer.stepCount < budget.qualityMaxSteps && trainSeconds * 1000 < budget.qualityMaxTrainMs) {
      const target = Math.min(budget.qualityMaxSteps, (Math.floor(built.trainer.stepCount / budget.qualityEvery) + 1) * budget.qualityEvery);
      const left = budget.qualityMaxTrainMs - trainSeconds * 1000;
      const before = trainSeconds;
      const run = await trainLikeSession(built.trainer, left, target - built.trainer.stepCount, (s, elapsed) =>
        progress(ctx, 'quality', (before * 1000 + elapsed) / budget.qualityMaxTrainMs, `step ${built.trainer.stepCount} (${(before + elapsed / 1000).toFixed(1)} s of training)`),
      );
      trainSeconds += run.seconds;
      const t0 = now();
      progress(ctx, 'quality', (trainSeconds * 1000) / budget.qualityMaxTrainMs, `checking quality at step ${built.trainer.stepCount}`);
      // A check that cannot finish within the sampling cap (a slow backend) ends the case. The
      // onStep callback makes the sampler wait for the device now and then, so a GPU backend
      // cannot queue all its steps before the cap is looked at.
      const checked = await sample(built.trainer.sampler, built.schedule, { ...DEFAULT_SAMPLE, ...budget.qualityEval, steps: 50, seed: 4, onStep: () => undefined, isCancelled: () => now() - t0 > budget.sampleCapMs });
      evalSeconds += (now() - t0) / 1000;
      if (checked.cancelled) {
        return { where: ctx.where, backend: ctx.backend, case: 'quality', value: null, unit: 's', extrapolated: false, note: `${evalLabel}: the check at step ${built.trainer.stepCount} did not finish in ${(budget.sampleCapMs / 1000).toFixed(0)} s`, detail: { history, evalSeconds } };
      }
      const ratio = checked.points.every(Number.isFinite) ? energyDistance(checked.points, heldOut, 2) / baseline : Number.POSITIVE_INFINITY;
      history.push({ step: built.trainer.stepCount, trainSeconds, ratio });
      if (ratio <= QUALITY_RATIO) {
        return { where: ctx.where, backend: ctx.backend, case: 'quality', value: trainSeconds, unit: 's', extrapolated: false, note: `${evalLabel}: ratio ${ratio.toFixed(3)} at step ${built.trainer.stepCount} (${evalSeconds.toFixed(1)} s more spent checking)`, detail: { history, evalSeconds } };
      }
    }
    const best = history.reduce((a, b) => (b.ratio < a.ratio ? b : a), history[0] ?? { step: 0, trainSeconds: 0, ratio: Number.NaN });
    return { where: ctx.where, backend: ctx.backend, case: 'quality', value: null, unit: 's', extrapolated: false, note: `${evalLabel}: not reached in ${built.trainer.stepCount} steps / ${trainSeconds.toFixed(1)} s: best ratio ${best.ratio.toFixed(3)} at step ${best.step}`, detail: { history, evalSeconds } };
  } finally {
    disposeBuilt(built);
  }
}

/** The note of a loop case a quick run skips on this backend, or null to run it. */
function skippedInQuickRun(ctx: CaseContext): string | null {
  const only = ctx.budget.loopBackends;
  return only && !only.includes(ctx.backend) ? `not run on ${ctx.backend} in quick runs (only ${only.join(', ')})` : null;
}

async function loopCase(ctx: CaseContext, c: LoopCase): Promise<CaseResult> {
  const skipped = skippedInQuickRun(ctx);
  if (skipped) return { where: ctx.where, backend: ctx.backend, case: c, value: null, unit: 'steps/s', extrapolated: false, note: skipped };
  progress(ctx, c, 0, 'warming up');
  const { stepsPerSecond, steps, seconds } = await measureLoopCase(c, ctx.budget, (fraction, text) => progress(ctx, c, fraction, text));
  return { where: ctx.where, backend: ctx.backend, case: c, value: stepsPerSecond, unit: 'steps/s', extrapolated: false, note: `${steps} steps in ${seconds.toFixed(1)} s between progress reports (after ${(ctx.budget.warmupMs / 1000).toFixed(1)} s warm-up)`, detail: { steps, seconds } };
}

const IMAGE_CASES = ['trainImages', 'sampleImages', 'imagesToQuality'] as const;
type ImageCase = (typeof IMAGE_CASES)[number];
const isImageCase = (c: BenchCase): c is ImageCase => (IMAGE_CASES as readonly string[]).includes(c);

async function imageCase(ctx: CaseContext, c: ImageCase): Promise<CaseResult> {
  const load = ctx.loadImageData;
  if (!load) throw new Error('no loader for the image data was given');
  const tick = (fraction: number, text: string): void => progress(ctx, c, fraction, text);
  const budget = ctx.budget.images;
  const base = { where: ctx.where, backend: ctx.backend, case: c, extrapolated: false } as const;
  const skipped = skippedInQuickRun(ctx);
  if (skipped) return { ...base, value: null, unit: c === 'trainImages' ? 'steps/s' : 's', note: skipped };
  tick(0, 'warming up');
  if (c === 'trainImages') {
    const { stepsPerSecond, steps, seconds, threads } = await measureImageTraining(load, budget, ctx.budget.sampleCapMs, tick);
    if (stepsPerSecond === null) return { ...base, value: null, unit: 'steps/s', note: `fewer than two progress reports in ${((budget.warmupMs + budget.trainMs + 2 * ctx.budget.sampleCapMs) / 1000).toFixed(0)} s (its first steps took longer)` };
    return { ...base, value: stepsPerSecond, unit: 'steps/s', note: `${steps} steps in ${seconds.toFixed(1)} s between progress reports (after ${(budget.warmupMs / 1000).toFixed(1)} s warm-up)${threads > 1 ? `, ${threads} threads` : ''}`, detail: { steps, seconds, threads } };
  }
  if (c === 'sampleImages') {
    const { seconds, extrapolated } = await measureImageSampling(load, budget, ctx.budget.sampleCapMs, tick);
    const runs = `${seconds.map((s) => s.toFixed(2)).join(', ')} s`;
    const note = extrapolated ? `a grid of ${GRID_IMAGES} stopped at the ${(ctx.budget.sampleCapMs / 1000).toFixed(0)}-s cap, scaled to all 50 steps` : `median of ${seconds.length} grids of ${GRID_IMAGES} (${runs}), one digit per row drawn evenly`;
    return { ...base, extrapolated, value: extrapolated ? seconds[seconds.length - 1]! : median(seconds), unit: 's', note, detail: { seconds } };
  }
  const run = await measureImagesToQuality(load, budget, tick);
  const last = run.checks[run.checks.length - 1];
  const how = `${budget.qualitySamples} samples, digits drawn evenly, w = 0; checked every ~${(budget.qualityEveryMs / 1000).toFixed(1)} s (${run.checkSeconds.toFixed(1)} s more spent checking)`;
  const seen = last ? `confident ${(100 * last.confidentShare).toFixed(1)}% (bar ${(80 * run.heldOutConfidentShare).toFixed(1)}%), ${last.classesPresent} digits at step ${last.step}` : 'no check';
  const note = run.seconds === null ? `not reached in ${(budget.qualityMaxTrainMs / 1000).toFixed(0)} s: ${seen}; ${how}` : `${seen}; ${how}`;
  return { ...base, value: run.seconds, unit: 's', note, detail: { checks: run.checks, checkSeconds: run.checkSeconds } };
}

const VIDEO_CASES = ['trainVideo', 'sampleVideo', 'videoToBar'] as const;
type VideoCase = (typeof VIDEO_CASES)[number];
const isVideoCase = (c: BenchCase): c is VideoCase => (VIDEO_CASES as readonly string[]).includes(c);

async function videoCase(ctx: CaseContext, c: VideoCase): Promise<CaseResult> {
  const tick = (fraction: number, text: string): void => progress(ctx, c, fraction, text);
  const budget = ctx.budget.video;
  const base = { where: ctx.where, backend: ctx.backend, case: c, extrapolated: false } as const;
  const skipped = skippedInQuickRun(ctx);
  if (skipped) return { ...base, value: null, unit: c === 'trainVideo' ? 'steps/s' : 's', note: skipped };
  tick(0, 'warming up');
  if (c === 'trainVideo') {
    const { stepsPerSecond, steps, seconds, threads } = await measureVideoTraining(budget, ctx.budget.sampleCapMs, tick);
    if (stepsPerSecond === null) return { ...base, value: null, unit: 'steps/s', note: 'fewer than two progress reports (its first steps took longer)' };
    return { ...base, value: stepsPerSecond, unit: 'steps/s', note: `${steps} steps in ${seconds.toFixed(1)} s between progress reports (after ${(budget.warmupMs / 1000).toFixed(1)} s warm-up)${threads > 1 ? `, ${threads} threads` : ''}`, detail: { steps, seconds, threads } };
  }
  if (c === 'sampleVideo') {
    const { seconds } = await measureVideoSampling(budget, tick);
    return { ...base, value: median(seconds), unit: 's', note: `median of ${seconds.length} (${seconds.map((s) => s.toFixed(2)).join(', ')} s): ${VIDEO_SAMPLE_CLIPS} joint clips + ${VIDEO_SAMPLE_CLIPS * 8} per-frame frames, scored`, detail: { seconds } };
  }
  const run = await measureVideoToBar(budget, tick);
  const last = run.checks[run.checks.length - 1];
  const seen = last ? `step ${last.step}: frame change ×${last.changeRatio.toFixed(2)} of the data's, ${(100 * last.ballShare).toFixed(0)}% balls` : 'no check';
  const how = `${budget.barSamples} clips, checked every ~${(budget.barEveryMs / 1000).toFixed(0)} s (${run.checkSeconds.toFixed(1)} s more spent checking)`;
  return { ...base, value: run.seconds, unit: 's', note: `${run.seconds === null ? `not reached in ${(budget.barMaxTrainMs / 1000).toFixed(0)} s: ` : ''}${seen}; ${how}`, detail: { checks: run.checks, checkSeconds: run.checkSeconds } };
}

/** Latent diffusion's cases (latentCases.ts), on the image data's loader. */
async function latentCase(ctx: CaseContext, c: 'latentToQuality' | 'sampleLatent'): Promise<CaseResult> {
  const load = ctx.loadImageData;
  if (!load) throw new Error('no loader for the image data was given');
  const tick = (fraction: number, text: string): void => progress(ctx, c, fraction, text);
  const base = { where: ctx.where, backend: ctx.backend, case: c, extrapolated: false, unit: 's' } as const;
  const skipped = skippedInQuickRun(ctx);
  if (skipped) return { ...base, value: null, note: skipped };
  const budget = ctx.budget.latent;
  if (c === 'sampleLatent') {
    const { seconds } = await measureLatentSampling(load, budget, tick);
    return { ...base, value: median(seconds), note: `median of ${seconds.length} runs (${seconds.map((s) => s.toFixed(2)).join(', ')} s), ${budget.samples} codes sampled and decoded`, detail: { seconds } };
  }
  const run = await measureLatentToQuality(load, budget, tick);
  const last = run.checks[run.checks.length - 1];
  const seen = last ? `step ${last.step}: confident ${(100 * last.confidentShare).toFixed(1)}% (bar ${(100 * run.bar).toFixed(1)}%), FID ${last.frechet.toFixed(2)} (noise ${run.frechetNoise.toFixed(1)})` : 'no check';
  const how = `${budget.samples} samples, checked every ~${(budget.everyMs / 1000).toFixed(1)} s (${run.checkSeconds.toFixed(1)} s more spent checking)`;
  return { ...base, value: run.seconds, note: run.seconds === null ? `not reached in ${(budget.maxTrainMs / 1000).toFixed(0)} s: ${seen}; ${how}` : `${seen}; ${how}`, detail: { checks: run.checks, checkSeconds: run.checkSeconds } };
}

/** Issue 15's upsampler (./upsampleCases.ts): training from scratch through the loop, or the widget's request, K completions of one 4×4 image. */
async function upsampleCase(ctx: CaseContext, c: 'trainUpsample' | 'upsampleToBar' | 'sampleUpsample'): Promise<CaseResult> {
  const load = ctx.loadImageData;
  if (!load) throw new Error('no loader for the image data was given');
  const skipped = skippedInQuickRun(ctx);
  if (c === 'trainUpsample') {
    const base = { where: ctx.where, backend: ctx.backend, case: c, extrapolated: false, unit: 'steps/s' } as const;
    if (skipped) return { ...base, value: null, note: skipped };
    const budget = ctx.budget.video;
    const { stepsPerSecond, steps, seconds, threads } = await measureUpsampleTraining(load, budget, ctx.budget.sampleCapMs, (fraction, text) => progress(ctx, c, fraction, text));
    if (stepsPerSecond === null) return { ...base, value: null, note: 'fewer than two progress reports (its first steps took longer)' };
    return { ...base, value: stepsPerSecond, note: `${steps} steps in ${seconds.toFixed(1)} s between progress reports (after ${(budget.warmupMs / 1000).toFixed(1)} s warm-up), batch 128${threads > 1 ? `, ${threads} threads` : ''}`, detail: { steps, seconds, threads } };
  }
  if (c === 'upsampleToBar') {
    const base = { where: ctx.where, backend: ctx.backend, case: c, extrapolated: false, unit: 's' } as const;
    if (skipped) return { ...base, value: null, note: skipped };
    const budget = ctx.budget.upsample;
    const run = await measureUpsampleToBar(load, budget, (fraction, text) => progress(ctx, c, fraction, text));
    const last = run.checks[run.checks.length - 1];
    const seen = last ? `step ${last.step}: condition error ${last.conditionError.toFixed(3)}, spread ${last.pixelSpread.toFixed(3)}` : 'no check';
    const how = `${budget.barDigits} held-out digits × ${UPSAMPLE_K}, checked every ~${(budget.barEveryMs / 1000).toFixed(0)} s (${run.checkSeconds.toFixed(1)} s more spent checking)`;
    return { ...base, value: run.seconds, note: `${run.seconds === null ? `not reached in ${(budget.barMaxTrainMs / 1000).toFixed(0)} s: ` : ''}${seen}; ${how}`, detail: { checks: run.checks, checkSeconds: run.checkSeconds } };
  }
  const base = { where: ctx.where, backend: ctx.backend, case: 'sampleUpsample', extrapolated: false, unit: 's' } as const;
  if (skipped) return { ...base, value: null, note: skipped };
  const runs = ctx.budget.images.sampleRuns;
  const r = await measureUpsampleSampling(load, runs, (fraction, text) => progress(ctx, 'sampleUpsample', fraction, text));
  return { ...base, value: r.median, note: `median of ${runs} requests of ${UPSAMPLE_K} (${r.seconds.map((s) => s.toFixed(2)).join(', ')} s), after one that loads the weights`, detail: { seconds: r.seconds } };
}

export interface RunCasesOptions {
  where: CaseResult['where'];
  /** The name of the current tfjs backend, as the table shows it. */
  backend: string;
  quick: boolean;
  cases?: readonly BenchCase[];
  onEvent?: Emit;
  /** Reads the image model's data files (the site's in a browser, public/data under Node). */
  loadImageData?: ImageDataLoader;
}

/** Runs the chosen cases on the current tfjs backend, one after another; a case that throws is reported, not fatal. */
export async function runCases(options: RunCasesOptions): Promise<CaseResult[]> {
  const emit: Emit = options.onEvent ?? (() => undefined);
  const ctx: CaseContext = { where: options.where, backend: options.backend, budget: options.quick ? QUICK_BUDGET : FULL_BUDGET, emit, loadImageData: options.loadImageData };
  const results: CaseResult[] = [];
  for (const c of options.cases ?? BENCH_CASES) {
    const tensorsBefore = tf.memory().numTensors;
    let result: CaseResult;
    try {
      result = c === 'sampleUpsample' || c === 'trainUpsample' || c === 'upsampleToBar' ? await upsampleCase(ctx, c) : c === 'train' ? await trainCase(ctx) : c === 'latentToQuality' || c === 'sampleLatent' ? await latentCase(ctx, c) : isImageCase(c) ? await imageCase(ctx, c) : isVideoCase(c) ? await videoCase(ctx, c) : c === 'quality' ? await qualityCase(ctx) : c in LOOP_CASES ? await loopCase(ctx, c as LoopCase) : await samplingCase(ctx, c as SampleMethod);
    } catch (e) {
      result = { where: ctx.where, backend: ctx.backend, case: c, value: null, unit: c === 'train' || c === 'trainImages' || c === 'trainVideo' || c === 'trainUpsample' || c in LOOP_CASES ? 'steps/s' : 's', extrapolated: false, note: '', error: e instanceof Error ? e.message : String(e) };
    }
    const leaked = tf.memory().numTensors - tensorsBefore;
    if (leaked !== 0 && !result.error) result.note += ` (tensor count changed by ${leaked})`;
    results.push(result);
    emit({ type: 'result', result });
  }
  return results;
}

/** Backend details worth recording next to the figures (WASM SIMD and threads). */
export async function describeBackend(name: string): Promise<string> {
  if (name !== 'wasm') return '';
  const flag = async (f: string): Promise<string> => {
    try {
      return String(await tf.env().getAsync(f));
    } catch {
      return '?';
    }
  };
  return `SIMD ${await flag('WASM_HAS_SIMD_SUPPORT')}, threads ${await flag('WASM_HAS_MULTITHREAD_SUPPORT')}`;
}
