/**
 * What a Trainer steps: the packed parameters θ, their weight average θ̄, Adam's moments and
 * the loss sums, on one of two engines. `TfTrainState` runs tfjs ops on the current backend
 * (the GPU ones); `SimdTrainState` (./trainStateSimd.ts) runs the network in our own WebAssembly
 * SIMD kernels on the CPU, where tfjs's per-op cost would dominate.
 */
import * as tf from '@tensorflow/tfjs';
import type { Schedule } from '../schedule';
import type { Denoiser } from './denoiser';
import { explicitTransposes, lossAndGrads } from './denoiserGrad';
import { PackedAdam } from './packedAdam';

/**
 * The draws for k steps of batch B: data indices, 0-indexed timesteps, noise (k·B·dim), loss
 * buckets, and for a conditional network each row's class after label dropout (`classes` = ∅).
 */
export interface GroupBatch {
  k: number;
  idx: Int32Array;
  ts: Int32Array;
  labels: Int32Array | null;
  /** A conditioned network's y per row (k·B × condDim, its data point's), else null. */
  conds?: Float32Array | null;
  eps: Float32Array;
  buckets: Int32Array;
}

export interface TrainSettings {
  batchSize: number;
  learningRate: number;
  gradClip: number;
  /** AdamW's λ (0 for Adam). */
  weightDecay: number;
  /** 0: no weight average. */
  emaDecay: number;
  lossBuckets: number;
}

export interface TrainState {
  readonly engine: 'tfjs' | 'simd';
  /** CPU threads the steps run on (1 for tfjs: its backend decides). */
  readonly threads: number;
  loadParams(theta: tf.Tensor1D): void;
  loadEma(theta: tf.Tensor1D): void;
  /** θ (a new tensor the caller disposes). */
  params(): tf.Tensor1D;
  /** θ̄ (a new tensor the caller disposes). */
  emaParams(): tf.Tensor1D;
  /** k optimizer steps; `firstStep` counts the steps taken before (for the average's warm-up). */
  runGroup(batch: GroupBatch, firstStep: number): void;
  /** The step size of the steps to come (the moments and the average are kept). */
  setLearningRate(learningRate: number): void;
  /** Σ over steps of the mean loss, and Σ of per-sample losses per bucket, since the last read; resets both. */
  readLoss(): Promise<{ sum: number; bucketSum: Float32Array }>;
  dispose(): void;
}

/** Decay of the weight average at step s (TensorFlow's ExponentialMovingAverage warm-up with num_updates). */
export function emaDecayAt(decay: number, s: number): number {
  return Math.min(decay, (1 + s) / (10 + s));
}

/** 1 on the entries of weight matrices (AdamW decays those), 0 on biases. */
export function matrixMask(model: Denoiser, size = model.sizes.reduce((a, b) => a + b, 0)): Float32Array {
  const mask = new Float32Array(size);
  let offset = 0;
  model.shapes.forEach((shape, k) => {
    if (shape.length === 2) mask.fill(1, offset, offset + model.sizes[k]!);
    offset += model.sizes[k]!;
  });
  return mask;
}

/** The tfjs engine: the batches of a group are drawn, noised and embedded together, then stepped one by one. */
export class TfTrainState implements TrainState {
  readonly engine = 'tfjs';
  readonly threads = 1;
  private readonly theta: tf.Variable<tf.Rank.R1>;
  private readonly emaTheta: tf.Variable<tf.Rank.R1> | null;
  private readonly adam: PackedAdam;
  private readonly data: tf.Tensor2D;
  private readonly sqrtAb: tf.Tensor1D;
  private readonly sqrtOneMinusAb: tf.Tensor1D;
  private readonly lossSum: tf.Variable;
  private readonly bucketSum: tf.Variable;

  constructor(private readonly model: Denoiser, schedule: Schedule, data: Float32Array, private readonly s: TrainSettings) {
    const dim = model.config.dim;
    this.data = tf.tensor2d(data, [data.length / dim, dim]);
    this.sqrtAb = tf.tensor1d(Float32Array.from(schedule.alphaBars, Math.sqrt));
    this.sqrtOneMinusAb = tf.tensor1d(Float32Array.from(schedule.alphaBars, (a) => Math.sqrt(1 - a)));
    this.theta = tf.tidy(() => tf.variable(model.packed(), false));
    this.emaTheta = s.emaDecay > 0 ? tf.tidy(() => tf.variable(this.theta.clone(), false)) : null;
    this.adam = new PackedAdam(this.theta.size, { learningRate: s.learningRate, gradClip: s.gradClip, weightDecay: s.weightDecay }, matrixMask(model));
    this.lossSum = tf.tidy(() => tf.variable(tf.scalar(0), false));
    this.bucketSum = tf.tidy(() => tf.variable(tf.zeros([s.lossBuckets]), false));
  }

  setLearningRate(learningRate: number): void {
    this.adam.setLearningRate(learningRate);
  }

  loadParams(theta: tf.Tensor1D): void {
    this.theta.assign(theta);
  }

  loadEma(theta: tf.Tensor1D): void {
    this.emaTheta?.assign(theta);
  }

  params(): tf.Tensor1D {
    return this.theta.clone();
  }

  emaParams(): tf.Tensor1D {
    return (this.emaTheta ?? this.theta).clone();
  }

  runGroup(batch: GroupBatch, firstStep: number): void {
    const { k, idx, ts, eps, buckets, labels, conds } = batch;
    const B = this.s.batchSize;
    const dim = this.model.config.dim;
    const rows = k * B;
    tf.tidy(() => {
      const t = tf.tensor1d(ts, 'int32');
      const x0 = tf.gather(this.data, tf.tensor1d(idx, 'int32'));
      const noise = tf.tensor2d(eps, [rows, dim]);
      const xt = x0.mul(tf.gather(this.sqrtAb, t).reshape([rows, 1])).add(noise.mul(tf.gather(this.sqrtOneMinusAb, t).reshape([rows, 1]))) as tf.Tensor2D;
      const target = this.model.config.prediction === 'eps' ? noise : x0;
      const y = conds ? tf.tensor2d(conds, [rows, conds.length / rows]) : undefined;
      const input = this.model.features(xt, t, labels ? tf.tensor1d(labels, 'int32') : undefined, y);
      const width = input.shape[1];
      // uᵀ for every step at once (k × width × B), for backends that want explicit transposes.
      const inputT = explicitTransposes() ? (input.reshape([k, B, width]).transpose([0, 2, 1]) as tf.Tensor3D) : null;
      const losses: tf.Tensor1D[] = [];
      for (let s = 0; s < k; s++) {
        const u = k === 1 ? input : input.slice([s * B, 0], [B, width]);
        const y = k === 1 ? target : target.slice([s * B, 0], [B, dim]);
        const uT = inputT ? (inputT.slice([s, 0, 0], [1, width, B]).reshape([width, B]) as tf.Tensor2D) : undefined;
        losses.push(this.step(u, y, uT, firstStep + s));
      }
      const perSample = losses.length === 1 ? losses[0]! : tf.concat(losses);
      this.lossSum.assign(this.lossSum.add(perSample.sum().div(B)));
      // Sums per bucket as one matrix product with the one-hot bucket membership (rows × buckets).
      const oneHot = tf.oneHot(tf.tensor1d(buckets, 'int32'), this.s.lossBuckets).toFloat();
      this.bucketSum.assign(this.bucketSum.add(tf.matMul(perSample.reshape([1, rows]), oneHot).reshape([this.s.lossBuckets])));
    });
  }

  /** One optimizer step on batch input u with its target; returns the per-sample losses. */
  private step(u: tf.Tensor2D, target: tf.Tensor2D, uT: tf.Tensor2D | undefined, stepIndex: number): tf.Tensor1D {
    const { depth } = this.model.config;
    const shapes = this.model.shapes;
    return tf.tidy(() => {
      const weights = tf.split(this.theta, this.model.sizes).map((part, k) => (shapes[k]!.length === 1 ? part : part.reshape(shapes[k]!)));
      const { perSample, grads } = lossAndGrads(weights, u, target, depth, uT);
      const gradient = tf.concat(grads.map((g) => (g.rank === 1 ? g : g.reshape([-1])))) as tf.Tensor1D;
      const next = this.adam.step(this.theta, gradient);
      this.theta.assign(next);
      if (this.emaTheta) this.emaTheta.assign(this.emaTheta.add(next.sub(this.emaTheta).mul(tf.scalar(1 - emaDecayAt(this.s.emaDecay, stepIndex)))));
      return perSample;
    });
  }

  async readLoss(): Promise<{ sum: number; bucketSum: Float32Array }> {
    const [sum, bucketSum] = await Promise.all([this.lossSum.data(), this.bucketSum.data()]);
    tf.tidy(() => {
      this.lossSum.assign(tf.scalar(0));
      this.bucketSum.assign(tf.zerosLike(this.bucketSum));
    });
    return { sum: sum[0]!, bucketSum: Float32Array.from(bucketSum) };
  }

  dispose(): void {
    this.adam.dispose();
    tf.dispose([this.data, this.sqrtAb, this.sqrtOneMinusAb, this.theta, this.lossSum, this.bucketSum]);
    this.emaTheta?.dispose();
  }
}
