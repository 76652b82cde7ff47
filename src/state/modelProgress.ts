/**
 * The run store's entries for the models with fixed recipes (the chapter-7 lab models and the
 * image model), by model id: what the worker's `progress`,
 * `state` and `sampleProgress` events say of each. (The main model's progress is the run store's
 * top-level fields: one place per model.)
 */
import { FIXED_MODELS, type FixedModelId } from '../engine/modelIds';
import type { ImageModelOrigin } from '../worker/protocol';
import type { RunState, RunStore } from './runStore';

export interface ModelProgress {
  step: number;
  /** Mean loss over the last report's steps (NaN before training). */
  loss: number;
  stepsPerSecond: number;
  /** (step, loss) pairs, at most ~300. */
  lossHistory: Array<[number, number]>;
  /** Training in the worker now. */
  training: boolean;
  /** Sampling progress (0 … 1) while it samples, else null. */
  sampleProgress: number | null;
  /** Where the weights came from (the image model, once built: pretrained, a loaded file, untrained); null until the worker says. */
  origin: ImageModelOrigin | null;
}

export const freshModelProgress: ModelProgress = { step: 0, loss: Number.NaN, stepsPerSecond: 0, lossHistory: [], training: false, sampleProgress: null, origin: null };

export function freshFixedModels(): Record<FixedModelId, ModelProgress> {
  return Object.fromEntries(FIXED_MODELS.map((m) => [m, freshModelProgress])) as Record<FixedModelId, ModelProgress>;
}

/** Changes some fields of one model's entry. */
export function patchModel(store: RunStore, model: FixedModelId, patch: Partial<ModelProgress>): void {
  const models = store.getState().models;
  store.setState({ models: { ...models, [model]: { ...models[model], ...patch } } });
}

/** Records one progress report of `model`. */
export function recordModelProgress(store: RunStore, model: FixedModelId, step: number, loss: number, stepsPerSecond: number): void {
  const history = store.getState().models[model].lossHistory;
  const kept = history.length >= 300 ? history.filter((_, k) => k % 2 === 0) : history;
  patchModel(store, model, { step, loss, stepsPerSecond, lossHistory: [...kept, [step, loss]] });
}

/** Which fixed-recipe models train now, from the worker's `state` event. */
export function setModelsTraining(store: RunStore, running: readonly string[]): void {
  const models = store.getState().models;
  const next = Object.fromEntries(FIXED_MODELS.map((m) => [m, models[m].training === running.includes(m) ? models[m] : { ...models[m], training: running.includes(m) }])) as RunState['models'];
  store.setState({ models: next });
}
