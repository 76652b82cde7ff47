/**
 * Progress of the chapter-7 lab models (sine DDPM, one-shot denoiser, guidance), written by the
 * worker client from the worker's lab events and read by the lab widgets.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { LAB_MODELS, type LabExperiment, type LabModel } from '../worker/labConfig';

export interface LabModelProgress {
  step: number;
  /** Mean loss over the last report's steps (NaN before training). */
  loss: number;
  stepsPerSecond: number;
  /** (step, loss) pairs, at most ~300. */
  lossHistory: Array<[number, number]>;
}

export interface LabState {
  models: Record<LabModel, LabModelProgress>;
  /** Experiments whose training loop is running in the worker. */
  running: LabExperiment[];
  /** Sampling progress (0 … 1) of experiments that are sampling now. */
  sampling: Partial<Record<LabExperiment, number>>;
  /** Set when a lab model stopped by itself (diverged) or the worker was replaced. */
  message: string | null;
}

const fresh = (): LabModelProgress => ({ step: 0, loss: Number.NaN, stepsPerSecond: 0, lossHistory: [] });

export function initialLabState(): LabState {
  return { models: Object.fromEntries(LAB_MODELS.map((m) => [m, fresh()])) as Record<LabModel, LabModelProgress>, running: [], sampling: {}, message: null };
}

export const labStore = createStore<LabState>(() => initialLabState());
export type LabStore = typeof labStore;

/** Records one progress report of `model`. */
export function recordLabProgress(store: LabStore, model: LabModel, step: number, loss: number, stepsPerSecond: number): void {
  const models = store.getState().models;
  const history = models[model].lossHistory;
  const kept = history.length >= 300 ? history.filter((_, k) => k % 2 === 0) : history;
  store.setState({ models: { ...models, [model]: { step, loss, stepsPerSecond, lossHistory: [...kept, [step, loss]] } } });
}

/** Forgets a model's progress (after a reset). */
export function clearLabModel(store: LabStore, model: LabModel): void {
  store.setState({ models: { ...store.getState().models, [model]: fresh() } });
}

export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(labStore, selector);
}
