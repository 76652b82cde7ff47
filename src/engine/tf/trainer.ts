/**
 * Algorithm 1 (training): repeat { x_0 ~ data, t ~ U{1..T}, ε ~ N(0, I),
 * x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, step on ‖g(x_t, t) − ε‖² } — the simplified loss, minimised
 * (eq. 5.9; the notes' eq. 4.17 carries a stray minus sign; the minus belongs to the ELBO).
 * Losses stay on the device and are read back only when `readStats` is called.
 *
 * Fast path: the gradient is written out by hand (denoiserGrad.ts), the parameters are trained as
 * one packed vector with a packed Adam (packedAdam.ts), and the batches of several steps are drawn
 * together; the model's own variables get the new weights when they are next read. On the WASM
 * backend the steps run in our own WebAssembly SIMD kernels (trainStateSimd.ts), elsewhere in
 * tfjs ops on the backend's device (trainState.ts).
 *
 * The same loop trains the chapter-7 models: a class-conditional network (labelled data; each
 * label is dropped to ∅ with probability `dropLabel`, so one network learns ε(x_t, t, c) and
 * ε(x_t, t, ∅) for classifier-free guidance), and the one-shot denoiser of eq. 7.2 (`fixedTimestep`
 * T − 1 with an x_0 target: every sample is x̃ = x_T = √ᾱ_T x_0 + √(1 − ᾱ_T) ε, loss ‖f(x̃) − x_0‖²).
 */
import * as tf from '@tensorflow/tfjs';
import { EngineInputError, requireClosedInterval, requireInteger, requireOneOf } from '../inputError';
import { makeRng, type Rng } from '../rng';
import { ENGINE_SETTINGS } from '../settings/engineSettings';
import type { Schedule } from '../schedule';
import { learningRateProblem, OPTIMIZERS, type OptimizerKind } from './choices';
import { Denoiser } from './denoiser';
import { condSlots } from './denoiserConfig';
import { dropLabels } from './labelDropout';
import { simdSupports } from './simd/simdMlp';
import { TfTrainState, type TrainState } from './trainState';
import { SimdTrainState } from './trainStateSimd';

export interface TrainerOptions {
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerKind;
  /** Decoupled weight decay for AdamW (Loshchilov & Hutter), applied to weight matrices only. */
  weightDecay: number;
  /** Clip the global gradient norm to this value; 0 turns clipping off. */
  gradClip: number;
  /** Decay of the exponential moving average of the weights that sampling uses (0 turns it off). */
  emaDecay: number;
  /** Number of equal-width t buckets for the loss-by-timestep chart. */
  lossBuckets: number;
  seed: number;
  /** Conditional models: probability that a training label is replaced by ∅ (chapter 7: 0.1). */
  dropLabel: number;
  /**
   * Train at this one 0-indexed timestep instead of t ~ U{1..T} (null: Algorithm 1). T − 1 with
   * prediction 'x0' is the one-shot denoiser of eq. 7.2: x_T straight back to x_0.
   */
  fixedTimestep: number | null;
}

/** Training points with one class per point (0 … classes − 1), for a conditional model. */
export interface LabelledPoints {
  points: Float32Array;
  labels: Int32Array;
}

/** Training points with a condition y per point (n × condDim), for a conditioned model g(x_t, t, y): each row's loss term feeds the network that row's y (eq. 9.7). */
export interface ConditionedPoints {
  points: Float32Array;
  conds: Float32Array;
}

export const DEFAULT_TRAINER: TrainerOptions = {
  batchSize: 256,
  learningRate: 2e-3,
  optimizer: 'adam',
  weightDecay: 1e-4,
  gradClip: 1,
  // The `ema` setting's default (src/engine/settings/engineSettings.ts): one place for it.
  emaDecay: ENGINE_SETTINGS.ema.default,
  lossBuckets: 10,
  seed: 0,
  dropLabel: 0.1,
  fixedTimestep: null,
};

/** Training statistics accumulated since the previous read. */
export interface TrainStats {
  /** Total optimizer steps taken so far. */
  step: number;
  /** Mean loss over the steps since the last read (NaN if none). */
  loss: number;
  /** Mean loss per timestep bucket since the last read (NaN where a bucket saw no samples). */
  bucketLoss: Float32Array;
  /** How many training samples fell in each bucket since the last read. */
  bucketCount: Float32Array;
}

function validate(options: TrainerOptions): void {
  requireInteger('batchSize', options.batchSize, 1, 65536);
  const lrProblem = learningRateProblem(options.learningRate);
  if (lrProblem) throw new EngineInputError('learningRate', lrProblem, options.learningRate);
  requireOneOf('optimizer', options.optimizer, OPTIMIZERS);
  requireClosedInterval('weightDecay', options.weightDecay, 0, 1);
  requireClosedInterval('gradClip', options.gradClip, 0, 1e6);
  requireClosedInterval('emaDecay', options.emaDecay, 0, 0.99999);
  requireInteger('lossBuckets', options.lossBuckets, 2, 1000);
  requireClosedInterval('dropLabel', options.dropLabel, 0, 1);
}

/** The labels of `data` for a model with `classes` classes: checked, null for an unconditional model. */
function checkLabels(data: TrainingData, n: number, classes: number): Int32Array | null {
  const labels = data instanceof Float32Array || !('labels' in data) ? null : data.labels;
  if (classes === 0) {
    if (labels) throw new EngineInputError('data', 'unlabelled points (the model has no classes)', 'labels');
    return null;
  }
  if (!labels) throw new EngineInputError('data', `labelled points (the model has ${classes} classes)`, 'no labels');
  if (labels.length !== n) throw new EngineInputError('labels', `${n} labels (one per point)`, labels.length);
  if (labels.some((c) => !(c >= 0 && c < classes))) throw new EngineInputError('labels', `integers in [0, ${classes - 1}]`, labels);
  return labels;
}

/** The conditions of `data` for a model taking `condDim` of them per point: checked, null for a model without. */
function checkConds(data: TrainingData, n: number, condDim: number): Float32Array | null {
  const conds = data instanceof Float32Array || !('conds' in data) ? null : data.conds;
  if (condDim === 0) {
    if (conds) throw new EngineInputError('data', 'points without conditions (the model takes none)', 'conds');
    return null;
  }
  if (!conds || conds.length !== n * condDim) throw new EngineInputError('conds', `${n * condDim} values (${condDim} per point)`, conds?.length ?? 'none');
  if (conds.some((v) => !Number.isFinite(v))) throw new EngineInputError('conds', 'finite numbers', 'a non-finite value');
  return conds;
}

/** What a Trainer trains on: plain points, labelled points (classes), or points with a condition y each. */
export type TrainingData = Float32Array | LabelledPoints | ConditionedPoints;

/** Steps whose batches are drawn together (bounds the memory a group holds). */
const GROUP_STEPS = 32;

/** The engine for this model on the current backend: our SIMD kernels on WASM where they run, else tfjs. */
function pickEngine(model: Denoiser): 'simd' | 'tfjs' {
  return tf.getBackend() === 'wasm' && simdSupports(model.config) ? 'simd' : 'tfjs';
}

export class Trainer {
  readonly options: TrainerOptions;
  /**
   * A copy of the model whose weights are the moving average w̄ ← d·w̄ + (1 − d)·w of the trained
   * ones (as in Ho et al. 2020). Adam's last steps jitter the weights; the average does not, so
   * samples drawn from it are steadier. Null when emaDecay is 0.
   */
  readonly ema: Denoiser | null;
  private readonly model: Denoiser;
  private readonly schedule: Schedule;
  private readonly rng: Rng;
  private readonly nData: number;
  /** Each point's class (conditional models), else null. */
  private readonly labels: Int32Array | null;
  /** Each point's condition y (conditioned models, n × condDim), else null. */
  private readonly conds: Float32Array | null;
  private readonly state: TrainState;
  /** The state has steps the models' own variables do not have yet (written back on the next read). */
  private dirty = false;
  /** The models' versions when the state last matched them: a different version means someone else wrote weights. */
  private modelVersion: number;
  private emaVersion: number;
  /** Samples per loss bucket since the last read: integers, counted here rather than on the device. */
  private bucketCount: Float32Array;
  private stepsSinceRead = 0;
  private steps = 0;
  private readonly writer = (): void => this.writeBack();

  /** `data`: n × dim points, row-major, or labelled points for a conditional model (config.classes > 0), or points with conditions (config.condDim > 0). */
  constructor(model: Denoiser, schedule: Schedule, data: TrainingData, options: Partial<TrainerOptions> = {}) {
    const resolved = { ...DEFAULT_TRAINER, ...options };
    validate(resolved);
    if (resolved.fixedTimestep !== null) requireInteger('fixedTimestep', resolved.fixedTimestep, 0, schedule.T - 1);
    const points = data instanceof Float32Array ? data : data.points;
    const dim = model.config.dim;
    const n = points.length / dim;
    if (!Number.isInteger(n) || n < 2) throw new EngineInputError('data', `at least 2 points of dimension ${dim}`, points);
    const bad = points.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new EngineInputError('data', `finite numbers (value ${bad} is not)`, points[bad]);
    if (schedule.T !== model.config.T) throw new EngineInputError('schedule.T', `the model's T (${model.config.T})`, schedule.T);
    this.options = resolved;
    this.model = model;
    this.schedule = schedule;
    this.rng = makeRng(resolved.seed);
    this.nData = n;
    this.labels = checkLabels(data, n, model.config.classes);
    this.conds = checkConds(data, n, condSlots(model.config));
    const settings = { ...resolved, weightDecay: resolved.optimizer === 'adamw' ? resolved.weightDecay : 0 };
    this.state = pickEngine(model) === 'simd' ? new SimdTrainState(model, schedule, points, settings) : new TfTrainState(model, schedule, points, settings);
    this.ema = resolved.emaDecay > 0 ? new Denoiser(model.config, 0) : null;
    if (this.ema) tf.tidy(() => this.ema!.setPacked(model.packed()));
    this.modelVersion = model.version;
    this.emaVersion = this.ema?.version ?? 0;
    model.setPendingWriter(this.writer);
    this.ema?.setPendingWriter(this.writer);
    this.bucketCount = new Float32Array(resolved.lossBuckets);
  }

  /** Adam's step size α for the steps to come. */
  get learningRate(): number {
    return this.options.learningRate;
  }

  /**
   * Changes α from the next step on, keeping Adam's moments and the weight average: a step-down
   * late in training lets the weights settle (see images/digitModel.ts).
   */
  set learningRate(learningRate: number) {
    const problem = learningRateProblem(learningRate);
    if (problem) throw new EngineInputError('learningRate', problem, learningRate);
    this.options.learningRate = learningRate;
    this.state.setLearningRate(learningRate);
  }

  get stepCount(): number {
    return this.steps;
  }

  /** Which engine steps: 'simd' (our WebAssembly kernels) or 'tfjs' (the backend's ops). */
  get engine(): 'simd' | 'tfjs' {
    return this.state.engine;
  }

  /** CPU threads the steps run on (2 when the SIMD engine has its helper thread). */
  get threads(): number {
    return this.state.threads;
  }

  /** Runs `n` optimizer steps of Algorithm 1 without reading anything back. */
  train(n = 1): void {
    this.reloadIfOverwritten();
    // Whole groups, then single steps: only two group shapes ever reach a tfjs backend, so a GPU
    // backend compiles its shaders once instead of once for every remainder size (on a software
    // GPU each new compilation costs hundreds of milliseconds). Our kernels take any group.
    const anySize = this.state.engine === 'simd';
    for (let left = n; left > 0; ) {
      const k = left >= GROUP_STEPS ? GROUP_STEPS : anySize ? left : 1;
      this.trainGroup(k);
      left -= k;
    }
  }

  /** Picks up weights written into the model or the average since the last step (a checkpoint restored, say). */
  private reloadIfOverwritten(): void {
    if (this.model.version === this.modelVersion && (!this.ema || this.ema.version === this.emaVersion)) return;
    this.writeBack(); // the side nobody overwrote keeps our steps
    if (this.model.version !== this.modelVersion) {
      tf.tidy(() => this.state.loadParams(this.model.packed()));
      this.modelVersion = this.model.version;
    }
    if (this.ema && this.ema.version !== this.emaVersion) {
      tf.tidy(() => this.state.loadEma(this.ema!.packed()));
      this.emaVersion = this.ema.version;
    }
  }

  /** Writes θ and θ̄ into the models' variables if steps were taken since (unless someone else wrote them meanwhile). */
  private writeBack(): void {
    if (!this.dirty) return;
    this.dirty = false;
    if (this.model.version === this.modelVersion) {
      tf.tidy(() => this.model.setPacked(this.state.params()));
      this.modelVersion = this.model.version;
    }
    if (this.ema && this.ema.version === this.emaVersion) {
      tf.tidy(() => this.ema!.setPacked(this.state.emaParams()));
      this.emaVersion = this.ema.version;
    }
  }

  /**
   * `k` steps whose indices, timesteps, labels and noise come from the seeded RNG together (per
   * step, in that order; no timestep draws with a fixed timestep, no label draws without classes).
   */
  private trainGroup(k: number): void {
    const { batchSize: B, lossBuckets, dropLabel, fixedTimestep } = this.options;
    const { T } = this.schedule;
    const { dim, classes } = this.model.config;
    const rows = k * B;
    const idx = new Int32Array(rows);
    const ts = new Int32Array(rows);
    const labels = this.labels ? new Int32Array(rows) : null;
    const eps = new Float32Array(rows * dim);
    const buckets = new Int32Array(rows);
    for (let s = 0; s < k; s++) {
      for (let b = 0; b < B; b++) idx[s * B + b] = this.rng.int(this.nData);
      if (fixedTimestep === null) for (let b = 0; b < B; b++) ts[s * B + b] = this.rng.int(T);
      else ts.fill(fixedTimestep, s * B, (s + 1) * B);
      if (labels) dropLabels(this.rng, this.labels!, idx, s * B, (s + 1) * B, dropLabel, classes, labels);
      eps.set(this.rng.normals(B * dim), s * B * dim);
    }
    for (let r = 0; r < rows; r++) {
      buckets[r] = Math.floor((ts[r]! * lossBuckets) / T);
      this.bucketCount[buckets[r]!]! += 1;
    }
    // Each row's condition is its data point's (no draws: the RNG sequence stays as without one).
    const condDim = condSlots(this.model.config);
    const conds = this.conds ? new Float32Array(rows * condDim) : null;
    if (conds) for (let r = 0; r < rows; r++) conds.set(this.conds!.subarray(idx[r]! * condDim, (idx[r]! + 1) * condDim), r * condDim);
    this.state.runGroup({ k, idx, ts, eps, buckets, labels, conds }, this.steps);
    this.steps += k;
    this.stepsSinceRead += k;
    this.dirty = true;
  }

  /** The network to sample from: the weight average when there is one, else the trained model. */
  get sampler(): Denoiser {
    return this.ema ?? this.model;
  }

  /** Reads the loss statistics accumulated since the last call, and resets them. */
  async readStats(): Promise<TrainStats> {
    const { sum, bucketSum } = await this.state.readLoss();
    const count = this.stepsSinceRead;
    const bucketCount = this.bucketCount;
    const bucketLoss = Float32Array.from(bucketSum, (s, b) => (bucketCount[b]! > 0 ? s / bucketCount[b]! : Number.NaN));
    this.bucketCount = new Float32Array(this.options.lossBuckets);
    this.stepsSinceRead = 0;
    return { step: this.steps, loss: count > 0 ? sum / count : Number.NaN, bucketLoss, bucketCount };
  }

  /** Writes the last steps into the model, then frees the optimizer state, the weight average and the device copy of the data (the model is the caller's). */
  dispose(): void {
    this.writeBack();
    this.model.dropPendingWriter(this.writer);
    this.state.dispose();
    this.ema?.dispose();
  }
}
