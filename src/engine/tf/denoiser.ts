/**
 * The denoiser g(x_t, t): an MLP on sinusoidal embeddings of x_t and t with residual blocks,
 * after tiny-diffusion. Weights are plain tf.Variables (no tf.layers) so training, checkpoints
 * and weight export see exactly one list of parameters, initialised from the engine's seeded RNG.
 */
import * as tf from '@tensorflow/tfjs';
import { makeRng, type Rng } from '../rng';
import type { Schedule } from '../schedule';
import type { DenoiserConfig } from './denoiserConfig';
import { embedCoordinates, embeddingFrequencies, timeEmbeddingTable } from './sinusoidalEmbedding';

/** One parameter array, as exported and imported (row-major values). */
export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

function heNormal(rng: Rng, fanIn: number, fanOut: number, gain: number): tf.Tensor {
  const values = rng.normals(fanIn * fanOut).map((v) => v * gain * Math.sqrt(2 / fanIn));
  return tf.tensor2d(values, [fanIn, fanOut]);
}

export class Denoiser {
  readonly config: DenoiserConfig;
  /** All trainable parameters, in a fixed order (weights then bias per layer). */
  readonly variables: tf.Variable[] = [];
  /** Parameter names, parallel to `variables` (tfjs variable names must be globally unique, so ours live here). */
  readonly names: string[] = [];
  private readonly timeTable: tf.Tensor2D;
  private readonly inputFreqs: tf.Tensor1D | null;

  constructor(config: DenoiserConfig, seed: number) {
    this.config = config;
    const rng = makeRng(seed);
    const { dim, width, depth, timeEmbedDim, inputEmbedDim, T } = config;
    this.timeTable = tf.tensor2d(timeEmbeddingTable(T, timeEmbedDim), [T, timeEmbedDim]);
    this.inputFreqs = inputEmbedDim > 0 ? tf.tensor1d(embeddingFrequencies(inputEmbedDim)) : null;
    const inputSize = dim + (inputEmbedDim > 0 ? dim * inputEmbedDim : 0) + timeEmbedDim;
    const layer = (name: string, fanIn: number, fanOut: number, gain: number): void => {
      this.variables.push(tf.tidy(() => tf.variable(heNormal(rng, fanIn, fanOut, gain))));
      this.variables.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]))));
      this.names.push(`${name}/w`, `${name}/b`);
    };
    layer('in', inputSize, width, 1);
    // Residual branches start small so the network begins close to its input layer alone.
    for (let k = 0; k < depth; k++) layer(`block${k}`, width, width, 1 / Math.sqrt(depth));
    layer('out', width, dim, 0.1);
  }

  /** The network's raw output (ε̂ or x̂_0, per config.prediction) for x_t (n × dim) at 0-indexed timesteps `t` (int32, n). */
  apply(xt: tf.Tensor2D, t: tf.Tensor1D): tf.Tensor2D {
    return tf.tidy(() => {
      const { inputEmbedDim, inputEmbedScale, depth } = this.config;
      // x_t itself rides along with its embedding: the periodic features alone cannot express
      // ε̂ ≈ x_t for points far out in the tails at large t, and such points then blow up in sampling.
      const features = [xt];
      if (this.inputFreqs) features.push(embedCoordinates(xt, inputEmbedDim, inputEmbedScale, this.inputFreqs));
      const input = tf.concat([...features, tf.gather(this.timeTable, t)], 1);
      const v = this.variables as tf.Tensor2D[];
      let h = tf.fused.matMul({ a: input as tf.Tensor2D, b: v[0]!, bias: v[1], activation: 'relu' });
      for (let k = 0; k < depth; k++) {
        h = h.add(tf.fused.matMul({ a: h, b: v[2 + 2 * k]!, bias: v[3 + 2 * k], activation: 'relu' })) as tf.Tensor2D;
      }
      return tf.fused.matMul({ a: h, b: v[2 + 2 * depth]!, bias: v[3 + 2 * depth] }) as tf.Tensor2D;
    });
  }

  /** ε̂(x_t, t), converting an x̂_0 output with ε = (x_t − √ᾱ_t x̂_0)/√(1 − ᾱ_t) (eq. 2.6 solved for ε). */
  predictEps(xt: tf.Tensor2D, i: number, schedule: Schedule): tf.Tensor2D {
    return tf.tidy(() => {
      const out = this.apply(xt, tf.fill([xt.shape[0]], i, 'int32') as tf.Tensor1D);
      if (this.config.prediction === 'eps') return out;
      const ab = schedule.alphaBars[i]!;
      return xt.sub(out.mul(Math.sqrt(ab))).div(Math.sqrt(1 - ab));
    });
  }

  /** ε̂ for a batch given as a plain array (n × dim), for callers outside tfjs (ELBO, widgets). */
  async predictEpsArray(xt: Float32Array, i: number, schedule: Schedule): Promise<Float32Array> {
    const eps = tf.tidy(() => this.predictEps(tf.tensor2d(xt, [xt.length / this.config.dim, this.config.dim]), i, schedule));
    // A copy: on the CPU backend data() can be the tensor's own storage, and callers may transfer it.
    const values = Float32Array.from((await eps.data()) as Float32Array);
    eps.dispose();
    return values;
  }

  /** A copy of every parameter. */
  async getWeights(): Promise<NamedWeight[]> {
    return Promise.all(
      this.variables.map(async (v, k) => ({ name: this.names[k]!, shape: v.shape.slice(), values: Float32Array.from((await v.data()) as Float32Array) })),
    );
  }

  /** Overwrites every parameter; throws (changing nothing) if names or shapes differ. */
  setWeights(weights: NamedWeight[]): void {
    if (weights.length !== this.variables.length) throw new Error(`expected ${this.variables.length} weight arrays, got ${weights.length}`);
    this.variables.forEach((v, k) => {
      const w = weights[k]!;
      const size = v.shape.reduce((a, b) => a * b, 1);
      if (w.shape.join('x') !== v.shape.join('x') || w.values.length !== size) {
        throw new Error(`weight ${k} (${this.names[k]}) has shape [${w.shape}] but the model needs [${v.shape}]`);
      }
    });
    tf.tidy(() => this.variables.forEach((v, k) => v.assign(tf.tensor(weights[k]!.values, v.shape))));
  }

  dispose(): void {
    tf.dispose([...this.variables, this.timeTable]);
    if (this.inputFreqs) this.inputFreqs.dispose();
  }
}
