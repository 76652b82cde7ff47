/**
 * Messages between the page and the engine worker: discriminated unions on a string `type`
 * (no const enums: Vite compiles each file alone). Every request carries an `id` that its reply
 * echoes; long operations (training, sampling) carry a `runId`, and the client drops any frame
 * whose runId is not the current one. Float32Array payloads travel as transferables.
 */
import type { NamedWeight } from '../engine/tf/denoiser';
import type { BackendName } from '../engine/settings/engineSettings';
import type { SampleRequestOptions } from '../engine/settings/sampling';
import type { SessionConfig } from '../engine/settings/sessionConfig';
import type { LabExperiment, LabModel } from './labConfig';

// The config and sampler options are the engine's (derived from its settings table); re-exported
// here so the worker's and the page's imports keep working.
export { BACKENDS, type BackendName } from '../engine/settings/engineSettings';
export { clampToT, type SampleRequestOptions } from '../engine/settings/sampling';
export type { SessionConfig } from '../engine/settings/sessionConfig';

/** The worker's own account of what it runs (the `describe` request's reply): read back by tests, never trusted from the page's store. */
export interface SessionDescription {
  config: Omit<SessionConfig, 'points'>;
  /** The options of the last `sample` request this session ran (after clamping to T), or null before any. */
  lastSampling: SampleRequestOptions | null;
  step: number;
}

/** Page → worker. */
export type Request =
  | { type: 'init'; id: number; backend: BackendName | 'auto' }
  | { type: 'configure'; id: number; config: SessionConfig }
  | { type: 'train'; id: number; runId: number; action: 'start' | 'pause' | 'step'; steps?: number }
  | { type: 'sample'; id: number; runId: number; options: SampleRequestOptions }
  | { type: 'ack'; id: number; runId: number; chunk: number }
  | { type: 'forward'; id: number; n: number; every: number; seed: number }
  | { type: 'elbo'; id: number; n: number; seed: number }
  /** The network's ε prediction (weight average) at 0-indexed timestep `i` for 2D `points`. */
  | { type: 'predict'; id: number; i: number; points: Float32Array }
  | { type: 'exportWeights'; id: number }
  | { type: 'importWeights'; id: number; weights: NamedWeight[]; step: number }
  /** A whole saved model: a session for `config` with these weights, or an error and nothing changed. */
  | { type: 'importModel'; id: number; config: SessionConfig; weights: NamedWeight[]; step: number }
  | { type: 'reset'; id: number }
  /** The page's heartbeat while nothing else is heard: the worker replies at once. */
  | { type: 'ping'; id: number }
  /** What the session runs: its configuration (without the points), the last sample's options and the step. */
  | { type: 'describe'; id: number }
  | LabRequest;

export type RequestType = Request['type'];

export interface BackendReport {
  name: BackendName;
  /** Why this one: "forced by ?backend=…", or the measured warm-up speeds of every working backend. */
  reason: string;
  /** Training steps per second measured in the warm-up, per backend that worked. */
  measured: Partial<Record<BackendName, number>>;
  /** Backends that failed to initialise, with the error. */
  failed: Partial<Record<BackendName, string>>;
  adapter?: string;
}

export interface ProgressEvent {
  type: 'progress';
  runId: number;
  step: number;
  loss: number;
  smoothedLoss: number;
  stepsPerSecond: number;
  bucketLoss: Float32Array;
  numTensors: number;
  running: boolean;
  /** CPU threads the training steps run on (2 when the SIMD kernels have their helper thread). */
  threads: number;
}

/** Worker → page. */
export type WorkerEvent =
  | { type: 'ready'; id: number; backend: BackendReport }
  | { type: 'reply'; id: number; ok: true; value?: unknown }
  | { type: 'error'; id: number | null; field?: string; message: string }
  | ProgressEvent
  | { type: 'paused'; runId: number; step: number; reason: 'user' | 'nonFinite' | 'steps'; message?: string; rolledBackTo?: number }
  /** A chunk of traced reverse-trajectory frames: `ts[k]` is the t of frame k; points are frames × nTrace × 2. */
  | { type: 'frames'; runId: number; chunk: number; ts: Int32Array; points: Float32Array; nTrace: number }
  /** Weights saved every few hundred finite steps, so the page can restore them in a new worker. */
  | { type: 'checkpoint'; step: number; weights: NamedWeight[] }
  /** Sampling progress, at most every ~100 ms (also the worker's heartbeat during long samples). */
  | { type: 'sampleProgress'; runId: number; done: number; total: number }
  /** Progress of the `elbo` request `id` (timesteps done of T), at most every ~100 ms. */
  | { type: 'elboProgress'; id: number; done: number; total: number }
  | { type: 'done'; runId: number; points: Float32Array; cancelled: boolean }
  /** The sampler of run `runId` stopped with an error after its request was answered. */
  | { type: 'sampleFailed'; runId: number; message: string }
  /** A chapter-7 lab model's training progress (every ~100 ms while it trains). */
  | { type: 'labProgress'; model: LabModel; step: number; loss: number; stepsPerSecond: number; numTensors: number }
  /** Which lab experiments are training now, and a message when one stopped by itself. */
  | { type: 'labState'; running: LabExperiment[]; message?: string }
  | { type: 'labSampleProgress'; experiment: LabExperiment; runId: number; done: number; total: number };

/**
 * A chapter-7 lab request (see labSession.ts): train (until paused, or exactly `steps`), pause,
 * reset (a fresh model next time) or sample. Sampling takes `n` and `seed`; guidance sampling also
 * a class `classLabel` and the guidance weight `w` of eq. 7.4.
 */
export interface LabRequest {
  type: 'lab';
  id: number;
  runId: number;
  experiment: LabExperiment;
  action: 'train' | 'pause' | 'sample' | 'reset';
  steps?: number;
  n?: number;
  seed?: number;
  classLabel?: number;
  w?: number;
}

/** A lab sample's reply: DDPM samples (n × dim), and for the one-shot experiment the one-shot outputs from the same x_T. */
export interface LabSampleResult {
  experiment: LabExperiment;
  /** Training steps of the experiment's own model when sampled. */
  step: number;
  /** One-shot experiment: the training steps of the DDPM it is compared with. */
  ddpmStep?: number;
  points: Float32Array;
  oneShot?: Float32Array;
  /** A newer sample request of the same experiment took over. */
  cancelled: boolean;
}
