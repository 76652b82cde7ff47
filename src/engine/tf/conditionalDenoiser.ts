/**
 * A class-conditional denoiser ε_θ(x_t, t, c) for 2D points, and classifier-free guidance with
 * it (chapter 7, eq. 7.4). The class enters as a one-hot vector of length classes + 1, the last
 * slot being the "no label" token ∅ (a one-hot input times the first layer is a learned class
 * embedding). Training drops the label to ∅ with probability p, so one network learns both
 * ε_θ(x_t, t, c) and ε_θ(x_t, t, ∅).
 */
import * as tf from '@tensorflow/tfjs';
import { EngineInputError, requireClosedInterval, requireInteger } from '../inputError';
import type { Rng } from '../rng';
import type { Schedule } from '../schedule';
import { ResidualMlp } from './residualMlp';
import { guidedEpsModel, type LabelledEpsModel } from './guidedSampler';
import type { EpsModel } from './sampler';
import { embedCoordinates, embeddingFrequencies, timeEmbeddingTable } from './sinusoidalEmbedding';

export interface ConditionalDenoiserConfig {
  dim: number;
  T: number;
  /** Number of real classes; index `classes` is the null token ∅. */
  classes: number;
  width: number;
  depth: number;
  timeEmbedDim: number;
  inputEmbedDim: number;
  inputEmbedScale: number;
}

export const DEFAULT_CONDITIONAL: Omit<ConditionalDenoiserConfig, 'dim' | 'T' | 'classes'> = {
  width: 96,
  depth: 2,
  timeEmbedDim: 16,
  inputEmbedDim: 16,
  inputEmbedScale: 10,
};

export class ConditionalDenoiser implements ConditionalEpsNet {
  readonly config: ConditionalDenoiserConfig;
  readonly net: ResidualMlp;
  private readonly timeTable: tf.Tensor2D;
  private readonly inputFreqs: tf.Tensor1D;

  constructor(config: ConditionalDenoiserConfig, seed: number) {
    requireInteger('dim', config.dim, 1, 64);
    requireInteger('T', config.T, 2, 10000);
    requireInteger('classes', config.classes, 1, 64);
    requireInteger('width', config.width, 4, 1024);
    requireInteger('depth', config.depth, 0, 16);
    this.config = config;
    const { dim, T, classes, width, depth, timeEmbedDim, inputEmbedDim } = config;
    this.timeTable = tf.tensor2d(timeEmbeddingTable(T, timeEmbedDim), [T, timeEmbedDim]);
    this.inputFreqs = tf.tensor1d(embeddingFrequencies(inputEmbedDim));
    this.net = new ResidualMlp({ inputSize: dim + dim * inputEmbedDim + timeEmbedDim + classes + 1, width, depth, outputSize: dim }, seed);
  }

  get variables(): tf.Variable[] {
    return this.net.variables;
  }

  /** The index of ∅, the "no label" token. */
  get nullClass(): number {
    return this.config.classes;
  }

  /** ε̂ for x_t (n × dim) at 0-indexed timesteps t (int32, n) and classes c (int32, n; `classes` means ∅). */
  apply(xt: tf.Tensor2D, t: tf.Tensor1D, c: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => {
      const { inputEmbedDim, inputEmbedScale, classes } = this.config;
      const features = tf.concat([xt, embedCoordinates(xt, inputEmbedDim, inputEmbedScale, this.inputFreqs), tf.gather(this.timeTable, t), tf.oneHot(c, classes + 1).toFloat()], 1) as tf.Tensor2D;
      return this.net.apply(features);
    });
  }

  dispose(): void {
    this.net.dispose();
    tf.dispose([this.timeTable, this.inputFreqs]);
  }
}

/** Anything that predicts ε from (x_t, t, c), with class index `classes` meaning ∅: the trained network, or an exact oracle in tests. */
export interface ConditionalEpsNet {
  config: { dim: number; classes: number };
  apply(xt: tf.Tensor2D, t: tf.Tensor1D, c: tf.Tensor1D): tf.Tensor2D;
}

/**
 * The guided noise prediction ε̃ = (1 + w) ε_θ(x_t, t, c) − w ε_θ(x_t, t, ∅) (eq. 7.4) as an
 * EpsModel the samplers accept (./guidedSampler.ts, with `net` read row by row).
 */
export function guidedModel(net: ConditionalEpsNet, c: number, w: number): EpsModel {
  return guidedEpsModel(labelledNet(net), c, w);
}

/** A ConditionalEpsNet (timesteps and classes as tensors) as a LabelledEpsModel. */
function labelledNet(net: ConditionalEpsNet): LabelledEpsModel {
  const { dim, classes } = net.config;
  return {
    config: { dim, classes },
    predictEps: (xt, i, _schedule, labels) =>
      tf.tidy(() => {
        const n = xt.shape[0];
        const c = labels ? tf.tensor1d(labels, 'int32') : (tf.fill([n], classes, 'int32') as tf.Tensor1D);
        return net.apply(xt, tf.fill([n], i, 'int32') as tf.Tensor1D, c);
      }),
  };
}

export interface ConditionalLossOptions {
  batchSize: number;
  /** Probability that a batch element's label is replaced by ∅. */
  dropLabel: number;
}

/**
 * Algorithm 1 with labels: x_0, c ~ data; c → ∅ with probability p; t ~ U{1..T}; ε ~ N(0, I);
 * loss ‖ε_θ(√ᾱ_t x_0 + √(1 − ᾱ_t) ε, t, c) − ε‖² averaged over the batch. Returns a LossFn for LabTrainer.
 */
export function conditionalLoss(model: ConditionalDenoiser, schedule: Schedule, points: Float32Array, labels: Int32Array, rng: Rng, options: ConditionalLossOptions): () => tf.Scalar {
  const { dim, classes } = model.config;
  const n = labels.length;
  if (points.length !== n * dim) throw new EngineInputError('points', `${n * dim} values (one ${dim}D point per label)`, points.length);
  if (labels.some((c) => c < 0 || c >= classes)) throw new EngineInputError('labels', `integers in [0, ${classes - 1}]`, labels);
  requireInteger('batchSize', options.batchSize, 1, 65536);
  requireClosedInterval('dropLabel', options.dropLabel, 0, 1);
  if (schedule.T !== model.config.T) throw new EngineInputError('schedule.T', `the model's T (${model.config.T})`, schedule.T);
  const { batchSize, dropLabel } = options;
  return () => {
    const idx = Int32Array.from({ length: batchSize }, () => rng.int(n));
    const x0 = new Float32Array(batchSize * dim);
    const sa = new Float32Array(batchSize);
    const sb = new Float32Array(batchSize);
    const t = new Int32Array(batchSize);
    const c = new Int32Array(batchSize);
    for (let b = 0; b < batchSize; b++) {
      x0.set(points.subarray(idx[b]! * dim, idx[b]! * dim + dim), b * dim);
      t[b] = rng.int(schedule.T);
      sa[b] = Math.sqrt(schedule.alphaBars[t[b]!]!);
      sb[b] = Math.sqrt(1 - schedule.alphaBars[t[b]!]!);
      c[b] = rng.uniform() < dropLabel ? classes : labels[idx[b]!]!;
    }
    const eps = tf.tensor2d(rng.normals(batchSize * dim), [batchSize, dim]);
    const xt = tf.tensor2d(x0, [batchSize, dim]).mul(tf.tensor2d(sa, [batchSize, 1])).add(eps.mul(tf.tensor2d(sb, [batchSize, 1]))) as tf.Tensor2D;
    return model.apply(xt, tf.tensor1d(t, 'int32'), tf.tensor1d(c, 'int32')).sub(eps).square().mean() as tf.Scalar;
  };
}
