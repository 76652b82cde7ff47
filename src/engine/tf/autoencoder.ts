/**
 * A small autoencoder for latent diffusion (issue 15; the recipe is ../latent/latentRecipe.ts):
 * an encoder MLP E: x ∈ [−1, 1]^dim → z ∈ R^d and a decoder MLP D: z → x̂ = tanh(·) ∈ (−1, 1)^dim,
 * both with ReLU hidden layers, trained together with Adam on
 *
 *   L = (1/dim) ‖D(E(x) + σ ε) − x‖² + λ (1/d) ‖E(x)‖²,   ε ~ N(0, I)
 *
 * per image, averaged over a batch. The first term is the per-pixel reconstruction error (MSE).
 * The second is a small latent penalty: without it nothing fixes the latent's scale (E can grow
 * z while D shrinks its first layer, at no cost) and clusters can drift arbitrarily far apart,
 * leaving wide empty gaps the diffusion model must learn to jump; λ keeps the cloud compact and
 * centred on 0. σ is a little latent noise during training, so that D decodes a neighbourhood of
 * each code, not just the code itself: the latent DDPM's samples land near the cloud, rarely on it.
 *
 * Weights are plain tf.Variables in a fixed order, initialised from the engine's seeded RNG; the
 * batches and the latent noise come from the same seed. The loss stays on the device until read.
 */
import * as tf from '@tensorflow/tfjs';
import { EngineInputError, requireClosedInterval, requireInteger } from '../inputError';
import { makeRng, type Rng } from '../rng';
import type { NamedWeight } from './denoiser';

export interface AutoencoderConfig {
  /** Pixels per image (64 for the 8×8 digits). */
  dim: number;
  /** Size d of the latent code z. */
  latentDim: number;
  /** Widths of the encoder's hidden layers; the decoder uses them in reverse. */
  hidden: number[];
}

export interface AutoencoderTraining {
  batchSize: number;
  learningRate: number;
  /** λ of the latent penalty λ (1/d) ‖z‖². */
  latentPenalty: number;
  /** σ of the latent noise the decoder sees while training (0: none). */
  latentNoise: number;
  seed: number;
}

export const DEFAULT_AUTOENCODER_TRAINING: AutoencoderTraining = { batchSize: 128, learningRate: 2e-3, latentPenalty: 1e-3, latentNoise: 0, seed: 0 };

function validateConfig(c: AutoencoderConfig): void {
  requireInteger('dim', c.dim, 1, 4096);
  requireInteger('latentDim', c.latentDim, 1, c.dim);
  if (c.hidden.length < 1 || c.hidden.length > 4) throw new EngineInputError('hidden', '1 to 4 hidden layer widths', c.hidden);
  for (const w of c.hidden) requireInteger('hidden width', w, 2, 2048);
}

function validateTraining(o: AutoencoderTraining): void {
  requireInteger('batchSize', o.batchSize, 1, 65536);
  requireClosedInterval('learningRate', o.learningRate, 1e-6, 1);
  requireClosedInterval('latentPenalty', o.latentPenalty, 0, 100);
  requireClosedInterval('latentNoise', o.latentNoise, 0, 10);
}

interface Layer {
  w: tf.Variable;
  b: tf.Variable;
}

export class Autoencoder {
  readonly config: AutoencoderConfig;
  private readonly encoder: Layer[] = [];
  private readonly decoder: Layer[] = [];
  /** Parameter names, parallel to `variables`. */
  readonly names: string[] = [];

  constructor(config: AutoencoderConfig, seed: number) {
    validateConfig(config);
    this.config = { ...config, hidden: config.hidden.slice() };
    const rng = makeRng(seed);
    // He initialisation for the ReLU layers; the last layer of each half starts smaller.
    const layer = (name: string, fanIn: number, fanOut: number, gain: number): Layer => {
      const values = rng.normals(fanIn * fanOut).map((v) => v * gain * Math.sqrt(2 / fanIn));
      this.names.push(`${name}/w`, `${name}/b`);
      return { w: tf.tidy(() => tf.variable(tf.tensor2d(values, [fanIn, fanOut]))), b: tf.tidy(() => tf.variable(tf.zeros([fanOut]))) };
    };
    const widths = [config.dim, ...config.hidden, config.latentDim];
    for (let k = 0; k + 1 < widths.length; k++) this.encoder.push(layer(`enc${k}`, widths[k]!, widths[k + 1]!, k + 2 === widths.length ? 0.5 : 1));
    const back = widths.slice().reverse();
    for (let k = 0; k + 1 < back.length; k++) this.decoder.push(layer(`dec${k}`, back[k]!, back[k + 1]!, k + 2 === back.length ? 0.5 : 1));
  }

  /** Every trainable parameter: encoder then decoder, weights then bias per layer. */
  get variables(): tf.Variable[] {
    return [...this.encoder, ...this.decoder].flatMap((l) => [l.w, l.b]);
  }

  /** Number of trainable parameters. */
  get parameterCount(): number {
    return this.variables.reduce((a, v) => a + v.size, 0);
  }

  private static run(layers: Layer[], x: tf.Tensor2D, last: (t: tf.Tensor2D) => tf.Tensor2D): tf.Tensor2D {
    let h = x;
    layers.forEach((l, k) => {
      const a = tf.add(tf.matMul(h, l.w), l.b) as tf.Tensor2D;
      h = k + 1 === layers.length ? last(a) : tf.relu(a);
    });
    return h;
  }

  /** z = E(x) on tensors (n × dim → n × d). */
  encodeTensor(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => Autoencoder.run(this.encoder, x, (a) => a));
  }

  /** x̂ = D(z) = tanh(·) on tensors (n × d → n × dim), inside (−1, 1). */
  decodeTensor(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => Autoencoder.run(this.decoder, z, (a) => tf.tanh(a)));
  }

  private async mapArray(values: Float32Array, inDim: number, f: (t: tf.Tensor2D) => tf.Tensor2D): Promise<Float32Array> {
    if (values.length % inDim !== 0) throw new EngineInputError('values', `rows of ${inDim} numbers`, values.length);
    const out = tf.tidy(() => f(tf.tensor2d(values, [values.length / inDim, inDim])));
    const result = Float32Array.from((await out.data()) as Float32Array);
    out.dispose();
    return result;
  }

  /** The codes of n images (n × dim, row-major) as n × d. */
  encode(images: Float32Array): Promise<Float32Array> {
    return this.mapArray(images, this.config.dim, (x) => this.encodeTensor(x));
  }

  /** The images of n codes (n × d) as n × dim, values in (−1, 1). */
  decode(codes: Float32Array): Promise<Float32Array> {
    return this.mapArray(codes, this.config.latentDim, (z) => this.decodeTensor(z));
  }

  /** A copy of every parameter. */
  async getWeights(): Promise<NamedWeight[]> {
    const vars = this.variables;
    return Promise.all(vars.map(async (v, k) => ({ name: this.names[k]!, shape: v.shape.slice(), values: Float32Array.from((await v.data()) as Float32Array) })));
  }

  /** Overwrites every parameter; throws (changing nothing) if their number or shapes differ. */
  setWeights(weights: ReadonlyArray<Pick<NamedWeight, 'shape' | 'values'>>): void {
    const vars = this.variables;
    if (weights.length !== vars.length) throw new EngineInputError('weights', `${vars.length} arrays`, weights.length);
    vars.forEach((v, k) => {
      const w = weights[k]!;
      if (w.shape.join('x') !== v.shape.join('x') || w.values.length !== v.size) throw new EngineInputError(`weight ${this.names[k]}`, `shape [${v.shape}]`, `[${w.shape}]`);
    });
    tf.tidy(() => vars.forEach((v, k) => v.assign(tf.tensor(weights[k]!.values, v.shape))));
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}

/** Trains an Autoencoder on a fixed set of images with Adam (the loss of the file's doc comment). */
export class AutoencoderTrainer {
  readonly options: AutoencoderTraining;
  private readonly net: Autoencoder;
  private readonly data: tf.Tensor2D;
  private readonly n: number;
  private readonly rng: Rng;
  private readonly optimizer: tf.AdamOptimizer;
  private lossSum: tf.Scalar | null = null;
  private stepsSinceRead = 0;
  private steps = 0;

  /** `images`: n × dim values in [−1, 1], row-major. */
  constructor(net: Autoencoder, images: Float32Array, options: Partial<AutoencoderTraining> = {}) {
    const o = { ...DEFAULT_AUTOENCODER_TRAINING, ...options };
    validateTraining(o);
    const { dim } = net.config;
    const n = images.length / dim;
    if (!Number.isInteger(n) || n < 2) throw new EngineInputError('images', `at least 2 rows of ${dim} values`, images.length);
    this.options = o;
    this.net = net;
    this.n = n;
    this.data = tf.tensor2d(images, [n, dim]);
    this.rng = makeRng(o.seed);
    this.optimizer = tf.train.adam(o.learningRate);
  }

  get stepCount(): number {
    return this.steps;
  }

  /** Runs `n` Adam steps on batches drawn (with replacement) from the seeded RNG. */
  train(n = 1): void {
    const { batchSize: B, latentPenalty, latentNoise } = this.options;
    const d = this.net.config.latentDim;
    const vars = this.net.variables;
    for (let s = 0; s < n; s++) {
      const idx = Int32Array.from({ length: B }, () => this.rng.int(this.n));
      const noise = latentNoise > 0 ? this.rng.normals(B * d) : null;
      const loss = tf.tidy(() => {
        const x = tf.gather(this.data, tf.tensor1d(idx, 'int32'));
        const value = this.optimizer.minimize((): tf.Scalar => {
          const z = this.net.encodeTensor(x);
          const zIn = noise ? z.add(tf.tensor2d(noise, [B, d]).mul(latentNoise)) : z;
          const recon = tf.mean(tf.squaredDifference(this.net.decodeTensor(zIn as tf.Tensor2D), x));
          return (latentPenalty > 0 ? recon.add(tf.mean(tf.square(z)).mul(latentPenalty)) : recon) as tf.Scalar;
        }, true, vars) as tf.Scalar;
        return this.lossSum ? this.lossSum.add(value) : value.clone();
      }) as tf.Scalar;
      this.lossSum?.dispose();
      this.lossSum = loss;
      this.stepsSinceRead++;
      this.steps++;
    }
  }

  /** Mean training loss L since the last read (NaN if no steps). */
  async readLoss(): Promise<number> {
    if (!this.lossSum) return Number.NaN;
    const sum = (await this.lossSum.data())[0]!;
    const mean = sum / this.stepsSinceRead;
    this.lossSum.dispose();
    this.lossSum = null;
    this.stepsSinceRead = 0;
    return mean;
  }

  dispose(): void {
    this.lossSum?.dispose();
    this.lossSum = null;
    this.data.dispose();
    this.optimizer.dispose();
  }
}
