/**
 * The worker's one training loop, for every model it trains (the main session, the chapter-7 lab
 * models): round-robin chunks sized to take about 40 ms each (a slow network trained beside a fast
 * one does not hold the fast one back), progress per model every ~100 ms, a checkpoint every 250
 * steps, and on a non-finite or exploding loss a roll-back to the last checkpoint with a message.
 * While any sample or evaluation runs, training waits: a reader waiting for samples comes first.
 * It talks to the outside only through `post`.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedWeight } from '../engine/tf';
import type { ModelId } from '../engine/modelIds';
import type { WorkerEvent } from './protocol';
import type { TrainableModel } from './trainable';
import { yieldToEvents } from './yieldToEvents';

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

export const CHECKPOINT_EVERY = 250;
export const PROGRESS_EVERY_MS = 100;
/** Train this long between yields, so pause requests and samples are handled promptly. */
const CHUNK_MS = 40;
const MAX_CHUNK = 200;
/** Steps per chunk of a `step` request (a progress report after each). */
const STEP_CHUNK = 25;
/** ε-prediction MSE starts near 1; a loss this large means training has diverged even if still finite. */
const DIVERGED_LOSS = 1e4;
/** How often a loop that waits for a sampler looks again. */
const SAMPLING_PRIORITY_WAIT_MS = 20;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Entry {
  model: TrainableModel;
  /** Post each checkpoint to the page too (the main model: the page restores it after a crash). */
  persist: boolean;
  runId: number;
  running: boolean;
  chunk: number;
  /** Steps since the last progress report, for the rate. */
  counted: number;
  /** The step count at the last loss read: no steps since means a NaN loss is "nothing to say". */
  stepAtRead: number;
  checkpoint: { step: number; weights: NamedWeight[] } | null;
  smoothed: number;
  /** Bumped when the model is replaced or rolled back: a read begun before belongs to the old one. */
  generation: number;
}

export class TrainingLoop {
  private readonly entries = new Map<ModelId, Entry>();
  private looping = false;
  /** Samples and evaluations in progress: training waits while any is active. */
  private activeEvaluations = 0;

  constructor(private readonly post: Post) {}

  /** Trains `model` under `id` from now on (replacing any model there, which stops). */
  register(id: ModelId, model: TrainableModel, options: { persist?: boolean } = {}): void {
    this.unregister(id);
    this.entries.set(id, { model, persist: options.persist ?? false, runId: 0, running: false, chunk: 1, counted: 0, stepAtRead: model.stepCount, checkpoint: null, smoothed: Number.NaN, generation: 0 });
  }

  /** Stops and forgets the model under `id` (its owner disposes it). */
  unregister(id: ModelId): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.generation++;
    this.entries.delete(id);
    if (e.running) this.postState();
  }

  /** The model under `id` has new weights from outside (a new build, an import): stop it silently and forget its checkpoint. */
  forget(id: ModelId): void {
    const e = this.entries.get(id);
    if (!e) return;
    const wasRunning = e.running;
    e.running = false;
    e.generation++;
    e.checkpoint = null;
    e.smoothed = Number.NaN;
    e.stepAtRead = e.model.stepCount;
    if (wasRunning) this.postState();
  }

  /** Weights loaded at `step` (an import, a restored checkpoint) are the point to roll back to. */
  restored(id: ModelId, weights: NamedWeight[], step: number): void {
    const e = this.entries.get(id);
    if (!e) return;
    e.checkpoint = { step, weights };
    e.stepAtRead = e.model.stepCount;
    e.smoothed = Number.NaN;
  }

  isRunning(id: ModelId): boolean {
    return this.entries.get(id)?.running ?? false;
  }

  running(): ModelId[] {
    return [...this.entries].filter(([, e]) => e.running).map(([id]) => id);
  }

  /** Trains `id` until paused, under `runId`. */
  start(id: ModelId, runId: number): void {
    const e = this.require(id);
    e.runId = runId;
    if (e.running) return;
    e.running = true;
    e.chunk = 1;
    this.postState();
    if (!this.looping) void this.loop();
  }

  /** Stops training `id` and says so. */
  pause(id: ModelId): void {
    const e = this.entries.get(id);
    if (!e?.running) return;
    e.running = false;
    this.post({ type: 'paused', model: id, runId: e.runId, step: e.model.stepCount, reason: 'user' });
    this.postState();
  }

  /** Trains `id` exactly `n` steps (in chunks, reporting after each), then returns. */
  async stepN(id: ModelId, runId: number, n: number): Promise<void> {
    const e = this.require(id);
    e.runId = runId;
    const generation = e.generation;
    for (let left = n; left > 0; ) {
      const k = Math.min(left, STEP_CHUNK);
      e.model.train(k);
      left -= k;
      if (!(await this.report(id, e, 0, false)) || e.generation !== generation) return;
      await yieldToEvents();
    }
  }

  /** Runs a sample or evaluation; training waits until it (and any other) is done. */
  async evaluating<T>(run: () => Promise<T>): Promise<T> {
    this.activeEvaluations++;
    try {
      return await run();
    } finally {
      this.activeEvaluations--;
    }
  }

  private require(id: ModelId): Entry {
    const e = this.entries.get(id);
    if (!e) throw new Error(id === 'main' ? 'configure the session first' : `no model ${id}`);
    return e;
  }

  private active(): Array<[ModelId, Entry]> {
    return [...this.entries].filter(([, e]) => e.running);
  }

  private async loop(): Promise<void> {
    this.looping = true;
    let lastReport = performance.now();
    try {
      while (this.active().length > 0) {
        if (this.activeEvaluations > 0) {
          // A streamed trajectory takes the sampler's time, not twice that.
          await sleep(SAMPLING_PRIORITY_WAIT_MS);
          lastReport = performance.now();
          for (const e of this.entries.values()) e.counted = 0;
          continue;
        }
        for (const [, e] of this.active()) {
          const start = performance.now();
          e.model.train(e.chunk);
          e.counted += e.chunk;
          // Size the next chunk so it takes about CHUNK_MS.
          e.chunk = Math.max(1, Math.min(MAX_CHUNK, Math.round((e.chunk * CHUNK_MS) / Math.max(0.5, performance.now() - start))));
        }
        const now = performance.now();
        if (now - lastReport >= PROGRESS_EVERY_MS) {
          for (const [id, e] of this.active()) {
            const rate = (e.counted * 1000) / (now - lastReport);
            e.counted = 0;
            await this.report(id, e, rate, true);
          }
          lastReport = now;
        }
        await yieldToEvents();
      }
    } finally {
      this.looping = false;
    }
  }

  /** Reads the loss, posts progress, checkpoints, and rolls back on divergence. False when training of `id` must stop. */
  private async report(id: ModelId, e: Entry, stepsPerSecond: number, running: boolean): Promise<boolean> {
    const generation = e.generation;
    const stats = await e.model.readStats();
    if (e.generation !== generation || this.entries.get(id) !== e) return false;
    const step = e.model.stepCount;
    const tookSteps = step !== e.stepAtRead;
    e.stepAtRead = step;
    if (!tookSteps) return true; // nothing new to say (NaN means "no steps" here)
    if (!Number.isFinite(stats.loss) || stats.loss > DIVERGED_LOSS) {
      this.rollBack(id, e, stats.loss);
      return false;
    }
    e.smoothed = Number.isNaN(e.smoothed) ? stats.loss : 0.9 * e.smoothed + 0.1 * stats.loss;
    const bucketLoss = stats.bucketLoss;
    this.post(
      { type: 'progress', model: id, runId: e.runId, step, loss: stats.loss, smoothedLoss: e.smoothed, stepsPerSecond, ...(bucketLoss ? { bucketLoss } : {}), numTensors: tf.memory().numTensors, running, threads: e.model.threads },
      bucketLoss ? [bucketLoss.buffer] : [],
    );
    if (!e.checkpoint || step - e.checkpoint.step >= CHECKPOINT_EVERY) await this.saveCheckpoint(e, step);
    return true;
  }

  private async saveCheckpoint(e: Entry, step: number): Promise<void> {
    const generation = e.generation;
    const weights = await e.model.getWeights();
    if (e.generation !== generation) return;
    e.checkpoint = { step, weights };
    if (!e.persist) return;
    // The page keeps a copy so a new worker can resume from it after a crash.
    const copy = weights.map((w) => ({ ...w, values: Float32Array.from(w.values) }));
    this.post({ type: 'checkpoint', step, weights: copy }, copy.map((w) => w.values.buffer));
  }

  /** A non-finite or exploding loss: stop, restore the last finite weights with a fresh optimizer, and say so. */
  private rollBack(id: ModelId, e: Entry, loss: number): void {
    const failedAt = e.model.stepCount;
    const target = e.checkpoint;
    e.running = false;
    if (target) e.model.setWeights(target.weights, target.step);
    else e.model.reinitialise();
    e.generation++;
    e.checkpoint = target;
    e.smoothed = Number.NaN;
    const step = e.model.stepCount;
    e.stepAtRead = step;
    const advice = e.model.divergenceAdvice?.();
    this.post({
      type: 'paused', model: id, runId: e.runId, step, reason: 'nonFinite', rolledBackTo: step,
      message: `Training diverged at step ${failedAt} (loss ${Number.isFinite(loss) ? loss.toExponential(1) : loss}), so it paused by itself and the weights went back to step ${step}.${advice ? ` ${advice}` : ''}`,
    });
    this.postState();
  }

  private postState(): void {
    this.post({ type: 'state', running: this.running() });
  }

  /** Stops every model (their owners dispose them). */
  dispose(): void {
    for (const id of [...this.entries.keys()]) this.unregister(id);
  }
}
