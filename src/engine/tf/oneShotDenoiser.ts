/**
 * The one-shot denoiser of the source notes (chapter 7, eq. 7.2): a network f_φ with NO timestep
 * input, trained with squared error to map the final noisy state x̃ = √ᾱ x_0 + √(1 − ᾱ) ε straight
 * back to x_0. It is a denoising autoencoder, not a diffusion model: the best f is E[x_0 | x̃]
 * (eq. 7.3), and when ᾱ ≈ 0 (x̃ is pure noise) that is about E[x_0] for every input.
 */
import * as tf from '@tensorflow/tfjs';
import { EngineInputError, requireClosedInterval, requireInteger } from '../inputError';
import type { Rng } from '../rng';
import { ResidualMlp } from './residualMlp';

export interface OneShotConfig {
  dim: number;
  width: number;
  depth: number;
}

export class OneShotDenoiser {
  readonly net: ResidualMlp;

  constructor(readonly config: OneShotConfig, seed: number) {
    requireInteger('dim', config.dim, 1, 4096);
    requireInteger('width', config.width, 4, 1024);
    requireInteger('depth', config.depth, 0, 16);
    this.net = new ResidualMlp({ inputSize: config.dim, width: config.width, depth: config.depth, outputSize: config.dim }, seed);
  }

  get variables(): tf.Variable[] {
    return this.net.variables;
  }

  /** x̂_0 = f_φ(x̃) for a batch of noisy inputs (n × dim). */
  apply(noisy: tf.Tensor2D): tf.Tensor2D {
    return this.net.apply(noisy);
  }

  /** f_φ(x̃) for plain arrays (n × dim, row-major). */
  async predict(noisy: Float32Array): Promise<Float32Array> {
    const { dim } = this.config;
    if (noisy.length % dim !== 0) throw new EngineInputError('noisy', `a multiple of ${dim} values`, noisy.length);
    const out = tf.tidy(() => this.apply(tf.tensor2d(noisy, [noisy.length / dim, dim])));
    const values = Float32Array.from((await out.data()) as Float32Array);
    out.dispose();
    return values;
  }

  dispose(): void {
    this.net.dispose();
  }
}

/**
 * The loss of eq. 7.2 on a fresh batch: x_0 ~ data, ε ~ N(0, I), x̃ = √ᾱ x_0 + √(1 − ᾱ) ε with one
 * fixed ᾱ (the final state, ᾱ_T), and ‖f_φ(x̃) − x_0‖² averaged over the batch. A LossFn for LabTrainer.
 */
export function oneShotLoss(model: OneShotDenoiser, data: Float32Array, alphaBar: number, rng: Rng, batchSize: number): () => tf.Scalar {
  const { dim } = model.config;
  const n = data.length / dim;
  if (!Number.isInteger(n) || n < 1) throw new EngineInputError('data', `whole ${dim}-value rows`, data.length);
  requireClosedInterval('alphaBar', alphaBar, 0, 1);
  requireInteger('batchSize', batchSize, 1, 65536);
  return () => {
    const x0 = new Float32Array(batchSize * dim);
    for (let b = 0; b < batchSize; b++) {
      const i = rng.int(n);
      x0.set(data.subarray(i * dim, (i + 1) * dim), b * dim);
    }
    const clean = tf.tensor2d(x0, [batchSize, dim]);
    const noisy = clean.mul(Math.sqrt(alphaBar)).add(tf.tensor2d(rng.normals(batchSize * dim), [batchSize, dim]).mul(Math.sqrt(1 - alphaBar))) as tf.Tensor2D;
    return model.apply(noisy).sub(clean).square().mean() as tf.Scalar;
  };
}
