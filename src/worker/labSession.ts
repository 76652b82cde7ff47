/**
 * The chapter-7 lab experiments inside the worker, beside the main Session: a DDPM on sine-wave
 * signals, a one-shot denoiser trained on the same signals, and a class-conditional DDPM with
 * classifier-free guidance on labelled blobs. Each model is built on first use. Training runs in
 * chunks of about 40 ms with a yield between them (so pauses, samples and the main session's own
 * loop get their turn) and reports each model's step and loss every ~100 ms.
 */
import * as tf from '@tensorflow/tfjs';
import { labelledBlobs, makeSineWaves } from '../engine/datasets';
import { EngineInputError, requireInteger } from '../engine/inputError';
import { makeRng } from '../engine/rng';
import { makeSchedule, type Schedule } from '../engine/schedule';
import {
  ConditionalDenoiser, conditionalLoss, DEFAULT_CONDITIONAL, DEFAULT_SAMPLE, Denoiser, guidedModel, LabTrainer, OneShotDenoiser, oneShotLoss,
  resolveDenoiserConfig, sample, Trainer, type EpsModel,
} from '../engine/tf';
import {
  BLOB_COUNT, BLOB_SEED, DROP_LABEL, LAB_BATCH, LAB_LEARNING_RATE, LAB_MODELS, LAB_SCHEDULE, LAB_TRAINS, SINE_COUNT, SINE_LENGTH, SINE_SEED,
  type LabExperiment, type LabModel,
} from './labConfig';
import type { LabRequest, LabSampleResult } from './protocol';
import type { Post } from './session';
import { yieldToEvents } from './yieldToEvents';

const CHUNK_MS = 40;
const PROGRESS_EVERY_MS = 100;
const EMA_DECAY = 0.99;
/** An ε-prediction loss this large (it starts near 1) means training has diverged. */
const DIVERGED_LOSS = 1e4;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One trainable lab network. */
interface Unit {
  train(n: number): void;
  readStats(): Promise<{ step: number; loss: number }>;
  readonly stepCount: number;
  dispose(): void;
}

interface SineUnit extends Unit {
  kind: 'sine';
  data: Float32Array;
  sampler: () => EpsModel;
}
interface OneShotUnit extends Unit {
  kind: 'oneShot';
  model: OneShotDenoiser;
}
interface GuidanceUnit extends Unit {
  kind: 'guidance';
  ema: ConditionalDenoiser;
}

type Units = { sine?: SineUnit; oneShot?: OneShotUnit; guidance?: GuidanceUnit };

export class LabSession {
  private readonly schedule: Schedule = makeSchedule(LAB_SCHEDULE);
  private readonly units: Units = {};
  private readonly running = new Set<LabExperiment>();
  private looping = false;
  private activeSamples = 0;
  /** The latest sample run per experiment: an older one still going is cancelled. */
  private readonly sampleRuns = new Map<LabExperiment, number>();
  private readonly trainRuns = new Map<LabExperiment, number>();

  constructor(private readonly post: Post) {}

  /** Handles one lab request and returns the reply's value (with buffers to transfer). */
  async handle(request: LabRequest): Promise<{ value: unknown; transfer: Transferable[] }> {
    const { experiment } = request;
    switch (request.action) {
      case 'train':
        this.trainRuns.set(experiment, request.runId);
        if (request.steps !== undefined) await this.trainSteps(experiment, request.steps);
        else this.start(experiment);
        return { value: this.steps(), transfer: [] };
      case 'pause':
        this.running.delete(experiment);
        this.postState();
        return { value: this.steps(), transfer: [] };
      case 'reset':
        this.reset(experiment);
        return { value: this.steps(), transfer: [] };
      case 'sample': {
        const result = await this.sample(request);
        return { value: result, transfer: [result.points.buffer, ...(result.oneShot ? [result.oneShot.buffer] : [])] };
      }
    }
  }

  /** Steps taken by every model built so far. */
  private steps(): Partial<Record<LabModel, number>> {
    const out: Partial<Record<LabModel, number>> = {};
    for (const m of LAB_MODELS) if (this.units[m]) out[m] = this.units[m]!.stepCount;
    return out;
  }

  private unit(model: LabModel): Unit {
    if (model === 'sine') return (this.units.sine ??= this.buildSine());
    if (model === 'oneShot') return (this.units.oneShot ??= this.buildOneShot());
    return (this.units.guidance ??= this.buildGuidance());
  }

  private sineData(): Float32Array {
    return this.units.sine?.data ?? makeSineWaves(SINE_COUNT, SINE_SEED, SINE_LENGTH).points;
  }

  /** The DDPM on signals: the playground's denoiser with dim = signal length (x_t fed raw, no coordinate embedding). */
  private buildSine(): SineUnit {
    const data = this.sineData();
    const config = resolveDenoiserConfig({ dim: SINE_LENGTH, T: this.schedule.T, width: 128, depth: 2, timeEmbedDim: 32, inputEmbedDim: 0 });
    const model = new Denoiser(config, 1);
    const trainer = new Trainer(model, this.schedule, data, { batchSize: LAB_BATCH, learningRate: LAB_LEARNING_RATE, emaDecay: EMA_DECAY, seed: 2 });
    return {
      kind: 'sine', data,
      train: (n) => trainer.train(n),
      readStats: () => trainer.readStats(),
      get stepCount() { return trainer.stepCount; },
      sampler: () => trainer.sampler,
      dispose: () => { trainer.dispose(); model.dispose(); },
    };
  }

  /** The one-shot denoiser of eq. 7.2, trained on x̃ = the final state x_T of the same schedule. */
  private buildOneShot(): OneShotUnit {
    const model = new OneShotDenoiser({ dim: SINE_LENGTH, width: 64, depth: 2 }, 3);
    const alphaBarT = this.schedule.alphaBars[this.schedule.T - 1]!;
    const trainer = new LabTrainer(model.variables, oneShotLoss(model, this.sineData(), alphaBarT, makeRng(4), LAB_BATCH), [], { learningRate: LAB_LEARNING_RATE });
    return {
      kind: 'oneShot', model,
      train: (n) => trainer.train(n),
      readStats: () => trainer.readStats(),
      get stepCount() { return trainer.stepCount; },
      dispose: () => { trainer.dispose(); model.dispose(); },
    };
  }

  /** The class-conditional denoiser, trained with labels dropped to ∅ with probability DROP_LABEL. */
  private buildGuidance(): GuidanceUnit {
    const set = labelledBlobs(BLOB_COUNT, BLOB_SEED);
    const config = { ...DEFAULT_CONDITIONAL, dim: 2, T: this.schedule.T, classes: set.classes };
    const model = new ConditionalDenoiser(config, 5);
    const ema = new ConditionalDenoiser(config, 5);
    const loss = conditionalLoss(model, this.schedule, set.points, set.labels, makeRng(6), { batchSize: LAB_BATCH, dropLabel: DROP_LABEL });
    const trainer = new LabTrainer(model.variables, loss, ema.variables, { learningRate: LAB_LEARNING_RATE, emaDecay: EMA_DECAY });
    return {
      kind: 'guidance', ema,
      train: (n) => trainer.train(n),
      readStats: () => trainer.readStats(),
      get stepCount() { return trainer.stepCount; },
      dispose: () => { trainer.dispose(); model.dispose(); ema.dispose(); },
    };
  }

  private start(experiment: LabExperiment): void {
    for (const m of LAB_TRAINS[experiment]) this.unit(m);
    this.running.add(experiment);
    this.postState();
    if (!this.looping) void this.loop();
  }

  /** Trains exactly `n` steps of every model the experiment trains, in chunks, then reports. */
  private async trainSteps(experiment: LabExperiment, n: number): Promise<void> {
    const models = LAB_TRAINS[experiment];
    let left = n;
    while (left > 0) {
      const k = Math.min(left, 25);
      for (const m of models) this.unit(m).train(k);
      left -= k;
      await yieldToEvents();
    }
    for (const m of models) if (!(await this.report(m, 0))) return;
  }

  private async loop(): Promise<void> {
    this.looping = true;
    // Each model gets its own chunk of about CHUNK_MS: a slow network trained beside a fast one
    // does not hold the fast one back.
    const chunks = new Map<LabModel, number>();
    let lastReport = performance.now();
    const counted = new Map<LabModel, number>();
    try {
      while (this.running.size > 0) {
        if (this.activeSamples > 0) {
          // A reader waiting for samples comes first; training resumes when they are done.
          await sleep(20);
          lastReport = performance.now();
          counted.clear();
          continue;
        }
        const models = new Set<LabModel>();
        for (const e of this.running) for (const m of LAB_TRAINS[e]) models.add(m);
        for (const m of models) {
          const chunk = chunks.get(m) ?? 1;
          const start = performance.now();
          this.unit(m).train(chunk);
          const elapsed = performance.now() - start;
          counted.set(m, (counted.get(m) ?? 0) + chunk);
          chunks.set(m, Math.max(1, Math.min(200, Math.round((chunk * CHUNK_MS) / Math.max(0.5, elapsed)))));
        }
        const now = performance.now();
        if (now - lastReport >= PROGRESS_EVERY_MS) {
          for (const m of models) if (!(await this.report(m, ((counted.get(m) ?? 0) * 1000) / (now - lastReport)))) break;
          lastReport = now;
          counted.clear();
        }
        await yieldToEvents();
      }
    } finally {
      this.looping = false;
    }
  }

  /** Reads a model's loss and posts it; a diverged model stops the experiments that train it. Returns false then. */
  private async report(model: LabModel, stepsPerSecond: number): Promise<boolean> {
    const unit = this.units[model];
    if (!unit) return false;
    const stats = await unit.readStats();
    if (Number.isNaN(stats.loss)) return true; // no steps since the last read
    if (!Number.isFinite(stats.loss) || stats.loss > DIVERGED_LOSS) {
      for (const e of experimentsTraining(model)) this.running.delete(e);
      this.postState(`The ${model} model diverged at step ${stats.step} (loss ${stats.loss}); press Reset to start it again.`);
      return false;
    }
    this.post({ type: 'labProgress', model, step: stats.step, loss: stats.loss, stepsPerSecond, numTensors: tf.memory().numTensors });
    return true;
  }

  private postState(message?: string): void {
    this.post({ type: 'labState', running: [...this.running], ...(message ? { message } : {}) });
  }

  /** Throws the models of `experiment` away (the next train or sample builds fresh ones). */
  private reset(experiment: LabExperiment): void {
    const model: LabModel = experiment;
    for (const e of experimentsTraining(model)) this.running.delete(e);
    this.units[model]?.dispose();
    delete this.units[model];
    this.sampleRuns.delete(experiment);
    this.postState();
  }

  private async sample(request: LabRequest): Promise<LabSampleResult> {
    const { experiment, runId } = request;
    const n = request.n ?? 16;
    const seed = request.seed ?? 0;
    requireInteger('n', n, 1, 2000);
    if (experiment === 'guidance') {
      if (request.classLabel === undefined) throw new EngineInputError('classLabel', 'a class index for guidance sampling', undefined);
      if (request.w === undefined) throw new EngineInputError('w', 'a guidance weight for guidance sampling', undefined);
    }
    this.sampleRuns.set(experiment, runId);
    this.activeSamples++;
    try {
      let last = performance.now();
      const onStep = async (done: number, total: number): Promise<void> => {
        if (performance.now() - last < CHUNK_MS && done < total) return;
        last = performance.now();
        this.post({ type: 'labSampleProgress', experiment, runId, done, total });
        await yieldToEvents(); // let pauses and newer requests in
      };
      const isCancelled = (): boolean => this.sampleRuns.get(experiment) !== runId;
      const base = { ...DEFAULT_SAMPLE, method: 'ddpm' as const, n, seed, onStep, isCancelled };
      if (experiment === 'guidance') {
        const unit = this.unit('guidance') as GuidanceUnit;
        const result = await sample(guidedModel(unit.ema, request.classLabel!, request.w!), this.schedule, base);
        return { experiment, step: unit.stepCount, points: result.points, cancelled: result.cancelled };
      }
      const sine = this.unit('sine') as SineUnit;
      if (experiment === 'sine') {
        const result = await sample(sine.sampler(), this.schedule, base);
        return { experiment, step: sine.stepCount, points: result.points, cancelled: result.cancelled };
      }
      // The one-shot network and the DDPM start from the same x_T, so they are compared fairly.
      const oneShot = this.unit('oneShot') as OneShotUnit;
      const xT = makeRng(seed).normals(n * SINE_LENGTH);
      const direct = await oneShot.model.predict(xT);
      const result = await sample(sine.sampler(), this.schedule, { ...base, xT });
      return { experiment, step: oneShot.stepCount, ddpmStep: sine.stepCount, points: result.points, oneShot: direct, cancelled: result.cancelled };
    } finally {
      this.activeSamples--;
    }
  }

  dispose(): void {
    this.running.clear();
    for (const m of LAB_MODELS) {
      this.units[m]?.dispose();
      delete this.units[m];
    }
  }
}

/** The experiments whose Train button trains `model`. */
function experimentsTraining(model: LabModel): LabExperiment[] {
  return (Object.keys(LAB_TRAINS) as LabExperiment[]).filter((e) => LAB_TRAINS[e].includes(model));
}
