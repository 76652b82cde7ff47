/**
 * What the training loop needs of a model: the shape of the engine's `Trainer` (train without
 * reading back, read the loss now and then, count steps) plus weights to checkpoint and restore.
 * Every model the worker trains — the main session and the chapter-7 lab models — is one of these.
 */
import type { NamedWeight } from '../engine/tf';

export interface TrainStatsLike {
  /** Mean loss over the steps since the last read (NaN if none). */
  loss: number;
  /** Mean loss per band of timesteps, for trainers that count them. */
  bucketLoss?: Float32Array;
}

export interface TrainableModel {
  /** Runs `n` optimizer steps without reading anything back. */
  train(n: number): void;
  /** The loss statistics since the last read (waits for queued steps), and resets them. */
  readStats(): Promise<TrainStatsLike>;
  /** Steps taken in all (including those of restored weights). */
  readonly stepCount: number;
  /** CPU threads the steps run on. */
  readonly threads: number;
  /** A copy of every weight the model needs to resume (raw, then averaged, for models that average). */
  getWeights(): Promise<NamedWeight[]>;
  /** Loads weights from `getWeights` taken at `step`, with a fresh optimizer. */
  setWeights(weights: NamedWeight[], step: number): void;
  /** Starts again from fresh weights (a divergence before the first checkpoint). */
  reinitialise(): void;
  /** A sentence on what to change after a divergence, appended to the loop's message. */
  divergenceAdvice?(): string;
}
