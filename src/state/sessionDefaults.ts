/**
 * The engine's configuration, made from the reader's settings (settingsTable.ts): the model and
 * training settings a session is built with, and the sampler options the panels use. The mapping
 * itself is the engine's (src/engine/settings/sessionConfig.ts), read from its settings rows.
 */
import { keysWithEffect } from '../engine/settings/engineSettings';
import { sessionConfigFrom, type SessionConfig } from '../engine/settings/sessionConfig';
import type { SampleRequestOptions } from '../worker/protocol';
import { DEFAULT_SETTINGS, type Settings } from './settingsTable';

export { RECONFIGURING_CONFIG_KEYS, sameEngineConfig, sessionConfigFrom, settingsFromConfig } from '../engine/settings/sessionConfig';

/** The settings whose change reconfigures the worker: those that shape the model ('model') or its trainer ('training'). */
export const ENGINE_KEYS: ReadonlyArray<keyof Settings> = keysWithEffect('model', 'training');

/** The settings a fresh page trains with (the Training chapter's default model). */
export const DEFAULT_SESSION: SessionConfig = sessionConfigFrom(DEFAULT_SETTINGS);

/** Sampler options from the settings (method, steps, η, seed), for `n` points. */
export function samplingFrom(s: Settings, n = 1000): SampleRequestOptions {
  return { method: s.sampler, n, steps: Math.min(s.steps, s.T), eta: s.eta, variance: 'beta', spacing: 'trailing', seed: s.seed + 1, trace: [], traceEvery: 1 };
}

export const DEFAULT_SAMPLING: SampleRequestOptions = samplingFrom(DEFAULT_SETTINGS);
