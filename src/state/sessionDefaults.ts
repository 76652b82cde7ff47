/**
 * The engine's configuration, made from the reader's settings (settingsTable.ts): the model and
 * training settings a session is built with, and the sampler options the panels use.
 */
import { DEFAULT_DENOISER } from '../engine/tf/denoiserConfig';
import type { SampleRequestOptions, SessionConfig } from '../worker/protocol';
import { DEFAULT_SETTINGS, type Settings } from './settingsTable';

/** The settings that change the trained model: a change to any of them reconfigures the worker. */
export const ENGINE_KEYS = ['dataset', 'schedule', 'T', 'width', 'depth', 'lr', 'batch', 'seed'] as const satisfies ReadonlyArray<keyof Settings>;

export function sessionConfigFrom(s: Settings): SessionConfig {
  return {
    dataset: s.dataset,
    nPoints: 8000,
    schedule: s.schedule,
    T: s.T,
    width: s.width,
    depth: s.depth,
    timeEmbedDim: DEFAULT_DENOISER.timeEmbedDim,
    inputEmbedDim: DEFAULT_DENOISER.inputEmbedDim,
    prediction: DEFAULT_DENOISER.prediction,
    optimizer: 'adam',
    learningRate: s.lr,
    batchSize: s.batch,
    seed: s.seed,
  };
}

/** The settings a fresh page trains with (the Training chapter's default model). */
export const DEFAULT_SESSION: SessionConfig = sessionConfigFrom(DEFAULT_SETTINGS);

/** Sampler options from the settings (method, steps, η, seed), for `n` points. */
export function samplingFrom(s: Settings, n = 1000): SampleRequestOptions {
  return { method: s.sampler, n, steps: Math.min(s.steps, s.T), eta: s.eta, variance: 'beta', spacing: 'trailing', seed: s.seed + 1, trace: [], traceEvery: 1 };
}

export const DEFAULT_SAMPLING: SampleRequestOptions = samplingFrom(DEFAULT_SETTINGS);
