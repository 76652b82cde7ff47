/**
 * Run state streamed from the engine worker: which backend runs and why, training progress of
 * each model (the main model's in the top-level fields, the fixed-recipe models' (chapter 7's lab models, the image model) in `models`),
 * the latest samples and traced paths, and notices for the reader. The worker client writes it;
 * charts read it through subscriptions (drawn in requestAnimationFrame), not React re-renders.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { FixedModelId } from '../engine/modelIds';
import type { BackendReport, SessionConfig } from '../worker/protocol';
import { freshFixedModels, type ModelProgress } from './modelProgress';
import { DEFAULT_SESSION } from './sessionDefaults';

export interface ModelSource {
  kind: 'scratch' | 'pretrained' | 'saved' | 'imported';
  step: number;
  savedAt?: string;
}

export interface RunState {
  status: 'starting' | 'ready' | 'failed';
  backend: BackendReport | null;
  training: boolean;
  /** The settings the worker's session was configured with (schedule, T, model, …). */
  config: SessionConfig;
  step: number;
  loss: number;
  smoothedLoss: number;
  stepsPerSecond: number;
  numTensors: number;
  bucketLoss: Float32Array | null;
  /** (step, smoothed loss) pairs for the loss curve. */
  lossHistory: Array<[number, number]>;
  /** The latest samples (n × 2), or null. */
  samples: Float32Array | null;
  /** The latest traced frame of the running sampler (nTrace × 2) and its t. */
  traceFrame: { t: number; points: Float32Array } | null;
  sampling: boolean;
  /** CPU threads training runs on (from the latest progress event). */
  threads: number;
  /** Fraction of the sampler's steps done (0 … 1). */
  sampleProgress: number;
  /** Where the current weights came from, for the panel to say (and the tests to check); `step` is the step they came with. */
  modelSource: ModelSource;
  /** True while the best model for the session's settings (kept, saved or pretrained) is being loaded. */
  modelLoading: boolean;
  /** The last model the reader left for other settings (kept in this session), to offer going back to it. */
  previous: { config: SessionConfig; step: number } | null;
  /** Set when a new version of the site is installed and waiting: calling it reloads into it. */
  update: (() => void) | null;
  /** A message the page must show (training paused by itself, worker restarted, an error). */
  notice: { kind: 'info' | 'warning' | 'error'; text: string; action?: 'reload' } | null;
  /** The models with fixed recipes (chapter-7 lab models, the image model), by model id. */
  models: Record<FixedModelId, ModelProgress>;
  /** Set when a lab model stopped by itself (diverged) or the worker was replaced. */
  modelMessage: string | null;
}

export const initialRunState: RunState = {
  status: 'starting', backend: null, training: false, config: DEFAULT_SESSION, step: 0, loss: Number.NaN, smoothedLoss: Number.NaN,
  stepsPerSecond: 0, numTensors: 0, bucketLoss: null, lossHistory: [], samples: null, traceFrame: null, sampling: false, threads: 1, sampleProgress: 0, notice: null,
  modelSource: { kind: 'scratch', step: 0 },
  modelLoading: false,
  previous: null,
  update: null,
  models: freshFixedModels(),
  modelMessage: null,
};

export const runStore = createStore<RunState>(() => initialRunState);

export type RunStore = typeof runStore;

export function useRun<T>(selector: (s: RunState) => T): T {
  return useStore(runStore, selector);
}
