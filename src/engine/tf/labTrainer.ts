/**
 * A small generic trainer for the chapter-7 lab models (class-conditional denoiser, one-shot
 * denoiser): Adam on any scalar loss of a list of variables, global-norm gradient clipping, an
 * optional exponential moving average of the weights, and losses kept on the device until read.
 */
import * as tf from '@tensorflow/tfjs';
import { EngineInputError, requireClosedInterval } from '../inputError';
import { learningRateProblem } from './choices';

export interface LabTrainerOptions {
  learningRate: number;
  /** Clip the global gradient norm to this value; 0 turns clipping off. */
  gradClip: number;
  /** Decay d of the weight average w̄ ← d·w̄ + (1 − d)·w (0: no average). */
  emaDecay: number;
}

export const DEFAULT_LAB_TRAINER: LabTrainerOptions = { learningRate: 2e-3, gradClip: 1, emaDecay: 0.99 };

/** A loss to minimise: called inside tf.variableGrads, so it may draw a fresh batch each call. */
export type LossFn = () => tf.Scalar;

export class LabTrainer {
  readonly options: LabTrainerOptions;
  private readonly optimizer: tf.Optimizer;
  private readonly lossSum: tf.Variable;
  private steps = 0;
  private stepsSinceRead = 0;

  /**
   * @param variables the parameters the loss depends on
   * @param ema parameters of a same-shaped copy that track the moving average (empty: no average)
   */
  constructor(private readonly variables: tf.Variable[], private readonly loss: LossFn, private readonly ema: tf.Variable[] = [], options: Partial<LabTrainerOptions> = {}) {
    const resolved = { ...DEFAULT_LAB_TRAINER, ...options };
    const lrProblem = learningRateProblem(resolved.learningRate);
    if (lrProblem) throw new EngineInputError('learningRate', lrProblem, resolved.learningRate);
    requireClosedInterval('gradClip', resolved.gradClip, 0, 1e6);
    requireClosedInterval('emaDecay', resolved.emaDecay, 0, 0.99999);
    if (ema.length > 0 && ema.length !== variables.length) throw new EngineInputError('ema', `${variables.length} variables (one per parameter) or none`, ema.length);
    this.options = resolved;
    this.optimizer = tf.train.adam(resolved.learningRate);
    this.lossSum = tf.tidy(() => tf.variable(tf.scalar(0), false));
    this.ema.forEach((e, k) => e.assign(variables[k]!));
  }

  get stepCount(): number {
    return this.steps;
  }

  /** Runs `n` optimizer steps without reading anything back. */
  train(n = 1): void {
    for (let k = 0; k < n; k++) {
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(this.loss, this.variables);
        this.optimizer.applyGradients(this.options.gradClip > 0 ? clipByGlobalNorm(grads, this.options.gradClip) : grads);
        this.lossSum.assign(this.lossSum.add(value));
        if (this.ema.length > 0) {
          // Warm-up, as in TensorFlow's ExponentialMovingAverage: early on the average follows the weights.
          const d = Math.min(this.options.emaDecay, (1 + this.steps) / (10 + this.steps));
          this.ema.forEach((e, j) => e.assign(e.mul(d).add(this.variables[j]!.mul(1 - d))));
        }
      });
      this.steps++;
      this.stepsSinceRead++;
    }
  }

  /** The mean loss since the last read (NaN if no steps), and the total step count; resets the sum. */
  async readStats(): Promise<{ step: number; loss: number }> {
    const sum = (await this.lossSum.data())[0]!;
    const count = this.stepsSinceRead;
    tf.tidy(() => this.lossSum.assign(tf.scalar(0)));
    this.stepsSinceRead = 0;
    return { step: this.steps, loss: count > 0 ? sum / count : Number.NaN };
  }

  /** Frees the optimizer state and the loss accumulator (the variables belong to the caller). */
  dispose(): void {
    this.optimizer.dispose();
    this.lossSum.dispose();
  }
}

/** g ← g · min(1, c / ‖g‖), ‖g‖ the norm over all gradients together. */
function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads);
  const norm = tf.sqrt(tf.addN(names.map((n) => grads[n]!.square().sum())));
  const scale = tf.minimum(tf.scalar(1), tf.scalar(maxNorm).div(norm.add(1e-12)));
  const out: tf.NamedTensorMap = {};
  for (const n of names) out[n] = grads[n]!.mul(scale);
  return out;
}
