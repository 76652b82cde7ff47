/**
 * Sampling: Algorithm 2 (DDPM ancestral sampling over all T steps, corrected to evaluate
 * g(x_1, 1) at the last step) and DDIM over a subsequence of timesteps. The loop stays on the
 * device; only the traced subset of points is read back, every `trace.every` steps.
 */
import * as tf from '@tensorflow/tfjs';
import { DDPM_VARIANCES, type DdpmVariance } from '../ddpmStep';
import { EngineInputError, requireClosedInterval, requireInteger, requireOneOf } from '../inputError';
import { makeRng } from '../rng';
import type { Schedule } from '../schedule';
import { timesteps, type TimestepSpacing } from '../timesteps';
import { ddimStepTensor, ddpmStepTensor } from './tensorSteps';
import { SAMPLE_METHODS, type SampleMethod } from './choices';
import type { SamplerChoices } from '../settings/sampling';

/** Anything that predicts ε on the device: the trained Denoiser, or an exact analytic denoiser in tests. */
export interface EpsModel {
  config: { dim: number };
  predictEps(xt: tf.Tensor2D, i: number, schedule: Schedule): tf.Tensor2D;
}


export interface SampleOptions extends SamplerChoices {
  /** Clip x̂_0 to ±c at every step (off when undefined). */
  clipX0?: number;
  /** Start from this x_T (n × dim) instead of fresh noise: a fixed visual batch. */
  xT?: Float32Array;
  /** Record the path of these points every `every` steps (and at the start and the end). */
  trace?: { indices: ArrayLike<number>; every: number };
  /** Receives each traced frame as it is computed; awaited, so a slow consumer slows the loop. */
  onFrame?: (frame: TraceFrame) => void | Promise<void>;
  /**
   * Called with (steps done, total steps) after the device has caught up, every few steps (about
   * every 50 ms) and after the last; awaited, so a caller can yield or report progress.
   */
  onStep?: (done: number, total: number) => void | Promise<void>;
  /** Checked between steps; returning true stops the loop and returns the points so far. */
  isCancelled?: () => boolean;
  /**
   * Stop early and return x_t at t = stopAt instead of x_0 (DDPM: exactly x_stopAt; DDIM: the
   * first visited state with t ≤ stopAt). 0 or undefined runs to the end.
   */
  stopAt?: number;
}

export interface TraceFrame {
  /** The 1-indexed t of the state in this frame (T at the start, 0 for the final samples). */
  t: number;
  /** The traced points, row-major (nTrace × dim). */
  points: Float32Array;
}

export interface SampleResult {
  points: Float32Array;
  dim: number;
  /** The 0-indexed timesteps visited, in order. */
  visited: Int32Array;
  frames: TraceFrame[];
  cancelled: boolean;
  /** The 1-indexed t of the returned points: 0 for finished samples, more if stopped early or cancelled. */
  t: number;
}

/** With an onStep callback, the loop reads back (and reports) about this often. */
const SYNC_EVERY_MS = 50;

export const DEFAULT_SAMPLE: Omit<SampleOptions, 'n'> = { method: 'ddpm', steps: 50, eta: 0, variance: 'beta', spacing: 'trailing', seed: 0 };

/** The timesteps a sampler visits: all of T … 1 for DDPM, `steps` of them for DDIM. */
export function samplerTimesteps(schedule: Schedule, method: SampleMethod, steps: number, spacing: TimestepSpacing): Int32Array {
  return method === 'ddpm' ? timesteps(schedule.T, schedule.T, 'trailing') : timesteps(schedule.T, steps, spacing);
}

function validate(o: SampleOptions, dim: number, T: number): void {
  requireOneOf('method', o.method, SAMPLE_METHODS);
  requireInteger('n', o.n, 1, 1_000_000);
  if (o.method === 'ddim') requireInteger('steps', o.steps, 1, T);
  requireClosedInterval('eta', o.eta, 0, 1);
  requireOneOf('variance', o.variance, DDPM_VARIANCES);
  if (o.clipX0 !== undefined) requireClosedInterval('clipX0', o.clipX0, 1e-3, 1e3);
  if (o.xT && o.xT.length !== o.n * dim) throw new EngineInputError('xT', `${o.n * dim} values (n × dim)`, o.xT);
  if (o.trace) {
    requireInteger('trace.every', o.trace.every, 1, T);
    for (const p of Array.from(o.trace.indices)) requireInteger('trace.indices', p, 0, o.n - 1);
  }
  if (o.stopAt !== undefined) requireInteger('stopAt', o.stopAt, 0, T);
}

/** Runs the reverse process from x_T ~ N(0, I) and returns x_0 for `n` points, with optional traced paths. */
export async function sample(model: EpsModel, schedule: Schedule, options: SampleOptions): Promise<SampleResult> {
  const dim = model.config.dim;
  validate(options, dim, schedule.T);
  const { method, n, eta, variance, clipX0, trace, onFrame, isCancelled } = options;
  const rng = makeRng(options.seed);
  const visited = samplerTimesteps(schedule, method, options.steps, options.spacing);
  const stopAt = options.stopAt ?? 0;
  // Steps that start from a state above stopAt (all of them when stopAt = 0).
  const total = visited.filter((i) => i + 1 > stopAt).length;
  const traceIdx = trace ? tf.tensor1d(Int32Array.from(trace.indices), 'int32') : null;
  const frames: TraceFrame[] = [];
  const record = async (x: tf.Tensor2D, t: number): Promise<void> => {
    if (!traceIdx) return;
    const sub = tf.gather(x, traceIdx);
    const frame = { t, points: Float32Array.from((await sub.data()) as Float32Array) };
    sub.dispose();
    frames.push(frame);
    if (onFrame) await onFrame(frame);
  };

  let x = tf.tensor2d(options.xT ?? rng.normals(n * dim), [n, dim]);
  await record(x, schedule.T);
  let cancelled = false;
  let t = schedule.T;
  let syncEvery = 1;
  let syncedAt = 0;
  let syncTime = performance.now();
  for (let k = 0; k < total; k++) {
    if (isCancelled?.()) {
      cancelled = true;
      break;
    }
    const i = visited[k]!;
    const iPrev = k + 1 < visited.length ? visited[k + 1]! : -1;
    const needsNoise = method === 'ddpm' ? i > 0 : eta > 0 && iPrev >= 0;
    const noiseValues = needsNoise ? rng.normals(n * dim) : null;
    const current = x;
    x = tf.tidy(() => {
      const eps = model.predictEps(current, i, schedule);
      const noise = noiseValues ? tf.tensor2d(noiseValues, [n, dim]) : tf.zeros([n, dim]);
      return method === 'ddpm'
        ? ddpmStepTensor(current, eps, i, schedule, variance, noise as tf.Tensor2D, clipX0)
        : ddimStepTensor(current, eps, i, iPrev, schedule, eta, noise as tf.Tensor2D, clipX0);
    });
    current.dispose();
    if (options.onStep && (k + 1 - syncedAt >= syncEvery || k === total - 1)) {
      // GPU backends queue work and return at once; reading one value back makes the reported
      // progress real (and keeps a slow device from building up minutes of queued work). One
      // read-back stalls the queue, so it happens only every `syncEvery` steps, sized to ~50 ms.
      const probe = tf.slice(x, [0, 0], [1, dim]);
      await probe.data();
      probe.dispose();
      const now = performance.now();
      const perStep = (now - syncTime) / (k + 1 - syncedAt);
      syncEvery = Math.max(1, Math.min(100, Math.round(SYNC_EVERY_MS / Math.max(perStep, 1e-3))));
      syncedAt = k + 1;
      syncTime = now;
      await options.onStep(k + 1, total);
    }
    t = iPrev + 1;
    if (trace && ((k + 1) % trace.every === 0 || k === total - 1)) await record(x, t);
  }
  const points = Float32Array.from((await x.data()) as Float32Array);
  x.dispose();
  traceIdx?.dispose();
  return { points, dim, visited, frames, cancelled, t };
}
