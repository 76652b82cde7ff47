/**
 * Algorithm 1 (training): repeat { x_0 ~ data, t ~ U{1..T}, ε ~ N(0, I),
 * x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, step on ‖g(x_t, t) − ε‖² } — the simplified loss, minimised
 * (the notes' eq. 4.17 carries a stray minus sign; the minus belongs to the ELBO).
 * Losses stay on the device and are read back only when `readStats` is called.
 */
import * as tf from '@tensorflow/tfjs';
import { EngineInputError, requireClosedInterval, requireInteger, requireOneOf } from '../inputError';
import { makeRng, type Rng } from '../rng';
import type { Schedule } from '../schedule';
import { Denoiser } from './denoiser';

export const OPTIMIZERS = ['adam', 'adamw'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

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
}

export const DEFAULT_TRAINER: TrainerOptions = {
  batchSize: 256,
  learningRate: 2e-3,
  optimizer: 'adam',
  weightDecay: 1e-4,
  gradClip: 1,
  emaDecay: 0.995,
  lossBuckets: 10,
  seed: 0,
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
  requireClosedInterval('learningRate', options.learningRate, 1e-7, 10);
  requireOneOf('optimizer', options.optimizer, OPTIMIZERS);
  requireClosedInterval('weightDecay', options.weightDecay, 0, 1);
  requireClosedInterval('gradClip', options.gradClip, 0, 1e6);
  requireClosedInterval('emaDecay', options.emaDecay, 0, 0.99999);
  requireInteger('lossBuckets', options.lossBuckets, 2, 1000);
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
  private readonly optimizer: tf.Optimizer;
  private readonly data: tf.Tensor2D;
  private readonly nData: number;
  private readonly sqrtAb: tf.Tensor1D;
  private readonly sqrtOneMinusAb: tf.Tensor1D;
  private readonly lossSum: tf.Variable;
  private readonly stepsSinceRead = { count: 0 };
  private readonly bucketSum: tf.Variable;
  private readonly bucketCount: tf.Variable;
  private steps = 0;

  constructor(model: Denoiser, schedule: Schedule, data: Float32Array, options: Partial<TrainerOptions> = {}) {
    const resolved = { ...DEFAULT_TRAINER, ...options };
    validate(resolved);
    const dim = model.config.dim;
    const n = data.length / dim;
    if (!Number.isInteger(n) || n < 2) throw new EngineInputError('data', `at least 2 points of dimension ${dim}`, data);
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new EngineInputError('data', `finite numbers (value ${bad} is not)`, data[bad]);
    if (schedule.T !== model.config.T) throw new EngineInputError('schedule.T', `the model's T (${model.config.T})`, schedule.T);
    this.options = resolved;
    this.model = model;
    this.schedule = schedule;
    this.rng = makeRng(resolved.seed);
    this.optimizer = tf.train.adam(resolved.learningRate);
    this.nData = data.length / dim;
    this.data = tf.tensor2d(data, [this.nData, dim]);
    this.sqrtAb = tf.tensor1d(Float32Array.from(schedule.alphaBars, Math.sqrt));
    this.sqrtOneMinusAb = tf.tensor1d(Float32Array.from(schedule.alphaBars, (a) => Math.sqrt(1 - a)));
    this.ema = resolved.emaDecay > 0 ? new Denoiser(model.config, 0) : null;
    this.ema?.variables.forEach((v, k) => v.assign(model.variables[k]!));
    this.lossSum = tf.tidy(() => tf.variable(tf.scalar(0), false));
    this.bucketSum = tf.tidy(() => tf.variable(tf.zeros([resolved.lossBuckets]), false));
    this.bucketCount = tf.tidy(() => tf.variable(tf.zeros([resolved.lossBuckets]), false));
  }

  get stepCount(): number {
    return this.steps;
  }

  /** Runs `n` optimizer steps of Algorithm 1 without reading anything back. */
  train(n = 1): void {
    for (let k = 0; k < n; k++) this.trainOne();
  }

  private trainOne(): void {
    const { batchSize, lossBuckets, gradClip } = this.options;
    const { T } = this.schedule;
    const dim = this.model.config.dim;
    const idx = Int32Array.from({ length: batchSize }, () => this.rng.int(this.nData));
    const t = Int32Array.from({ length: batchSize }, () => this.rng.int(T));
    const eps = this.rng.normals(batchSize * dim);
    tf.tidy(() => {
      const tT = tf.tensor1d(t, 'int32');
      const x0 = tf.gather(this.data, tf.tensor1d(idx, 'int32'));
      const noise = tf.tensor2d(eps, [batchSize, dim]);
      const xt = x0
        .mul(tf.gather(this.sqrtAb, tT).reshape([batchSize, 1]))
        .add(noise.mul(tf.gather(this.sqrtOneMinusAb, tT).reshape([batchSize, 1]))) as tf.Tensor2D;
      const target = this.model.config.prediction === 'eps' ? noise : x0;
      let perSample: tf.Tensor1D | null = null;
      const { value, grads } = tf.variableGrads(() => {
        const err = this.model.apply(xt, tT).sub(target).square().mean(1) as tf.Tensor1D;
        perSample = tf.keep(err);
        return err.mean() as tf.Scalar;
      }, this.model.variables);
      const clipped = gradClip > 0 ? clipByGlobalNorm(grads, gradClip) : grads;
      this.optimizer.applyGradients(clipped);
      if (this.options.optimizer === 'adamw') this.decayWeights();
      if (this.ema) this.updateEma();
      // One-hot bucket membership (batch × buckets): sums per bucket as a matrix product, which
      // every backend has (unsortedSegmentSum is missing on WASM).
      const bucket = tf.oneHot(tT.mul(tf.scalar(lossBuckets, 'int32')).floorDiv(tf.scalar(T, 'int32')) as tf.Tensor1D, lossBuckets).toFloat();
      this.lossSum.assign(this.lossSum.add(value));
      this.bucketSum.assign(this.bucketSum.add(tf.matMul((perSample as unknown as tf.Tensor1D).reshape([1, batchSize]), bucket).reshape([lossBuckets])));
      this.bucketCount.assign(this.bucketCount.add(bucket.sum(0)));
      tf.dispose(perSample!);
    });
    this.steps++;
    this.stepsSinceRead.count++;
  }

  /** w ← w − lr · λ · w for weight matrices (AdamW's decoupled decay). */
  private decayWeights(): void {
    const factor = 1 - this.options.learningRate * this.options.weightDecay;
    for (const v of this.model.variables) if (v.rank === 2) v.assign(v.mul(factor));
  }

  private updateEma(): void {
    // Warm-up (as TensorFlow's ExponentialMovingAverage with num_updates): early on the average
    // follows the weights closely instead of lingering at the random initialisation.
    const d = Math.min(this.options.emaDecay, (1 + this.steps) / (10 + this.steps));
    this.ema!.variables.forEach((e, k) => e.assign(e.mul(d).add(this.model.variables[k]!.mul(1 - d))));
  }

  /** The network to sample from: the weight average when there is one, else the trained model. */
  get sampler(): Denoiser {
    return this.ema ?? this.model;
  }

  /** Reads the loss statistics accumulated since the last call, and resets them. */
  async readStats(): Promise<TrainStats> {
    const [sum, bucketSum, bucketCount] = await Promise.all([this.lossSum.data(), this.bucketSum.data(), this.bucketCount.data()]);
    const count = this.stepsSinceRead.count;
    const bucketLoss = Float32Array.from(bucketSum, (s, b) => (bucketCount[b]! > 0 ? s / bucketCount[b]! : Number.NaN));
    tf.tidy(() => {
      this.lossSum.assign(tf.scalar(0));
      this.bucketSum.assign(tf.zerosLike(this.bucketSum));
      this.bucketCount.assign(tf.zerosLike(this.bucketCount));
    });
    this.stepsSinceRead.count = 0;
    return { step: this.steps, loss: count > 0 ? sum[0]! / count : Number.NaN, bucketLoss, bucketCount: Float32Array.from(bucketCount) };
  }

  /** Frees the optimizer state, the weight average and the device copy of the data (the model is the caller's). */
  dispose(): void {
    this.optimizer.dispose();
    this.ema?.dispose();
    tf.dispose([this.data, this.sqrtAb, this.sqrtOneMinusAb, this.lossSum, this.bucketSum, this.bucketCount]);
  }
}

/** g ← g · min(1, c / ‖g‖) with ‖g‖ the norm over all gradients together. */
function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads);
  const norm = tf.sqrt(tf.addN(names.map((n) => grads[n]!.square().sum())));
  const scale = tf.minimum(tf.scalar(1), tf.scalar(maxNorm).div(norm.add(1e-12)));
  const out: tf.NamedTensorMap = {};
  for (const n of names) out[n] = grads[n]!.mul(scale);
  return out;
}
