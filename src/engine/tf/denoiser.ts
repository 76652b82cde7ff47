/**
 * The denoiser g(x_t, t), or g(x_t, t, c) for a class-conditional one (config.classes > 0,
 * chapter 7): an MLP on sinusoidal embeddings of x_t and t (and a one-hot of the class c, whose
 * last slot ∅ means "no label") with residual blocks, after tiny-diffusion. Weights are plain
 * tf.Variables (no tf.layers) so training, checkpoints and weight export see exactly one list of
 * parameters, initialised from the engine's seeded RNG.
 * On the WASM backend, predictEps (sampling, the ε̂ widgets) runs the same network in our SIMD
 * kernels (simd/simdMlp.ts) instead of tfjs ops; `apply` is always the tfjs version.
 */
import * as tf from '@tensorflow/tfjs';
import { makeRng, type Rng } from '../rng';
import type { Schedule } from '../schedule';
import { condSlots, inputSize, type DenoiserConfig } from './denoiserConfig';
import { forwardWithCache } from './denoiserGrad';
import { secondThreadAvailable } from './simd/kernels';
import { SimdMlp, simdSupports } from './simd/simdMlp';
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

/** Rows per call of the SIMD forward pass (bounds its scratch memory). */
const SIMD_BLOCK_ROWS = 256;

export class Denoiser {
  readonly config: DenoiserConfig;
  private readonly vars: tf.Variable[] = [];
  /** Parameter names, parallel to `variables` (tfjs variable names must be globally unique, so ours live here). */
  readonly names: string[] = [];
  private readonly timeTable: tf.Tensor2D | null;
  private readonly inputFreqs: tf.Tensor1D | null;
  private writes = 0;
  /** Bumped on every write, and on every hand-out of `variables` (which a caller may assign to). */
  private generation = 0;
  private simd: { mlp: SimdMlp; generation: number } | null = null;
  private pending: (() => void) | null = null;

  constructor(config: DenoiserConfig, seed: number) {
    this.config = config;
    const rng = makeRng(seed);
    const { dim, width, depth, timeEmbedDim, inputEmbedDim, T } = config;
    this.timeTable = timeEmbedDim > 0 ? tf.tensor2d(timeEmbeddingTable(T, timeEmbedDim), [T, timeEmbedDim]) : null;
    this.inputFreqs = inputEmbedDim > 0 ? tf.tensor1d(embeddingFrequencies(inputEmbedDim)) : null;
    const layer = (name: string, fanIn: number, fanOut: number, gain: number): void => {
      this.vars.push(tf.tidy(() => tf.variable(heNormal(rng, fanIn, fanOut, gain))));
      this.vars.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]))));
      this.names.push(`${name}/w`, `${name}/b`);
    };
    layer('in', inputSize(config), width, 1);
    // Residual branches start small so the network begins close to its input layer alone.
    for (let k = 0; k < depth; k++) layer(`block${k}`, width, width, 1 / Math.sqrt(depth));
    layer('out', width, dim, 0.1);
  }

  /**
   * All trainable parameters, in a fixed order (weights then bias per layer). A trainer that has
   * taken steps on its own packed copy writes them back here first (see `setPendingWriter`).
   */
  get variables(): tf.Variable[] {
    this.pending?.();
    this.generation++;
    return this.vars;
  }

  /** The parameters, with a trainer's pending steps written in, for reading here. */
  private current(): tf.Variable[] {
    this.pending?.();
    return this.vars;
  }

  /**
   * A trainer that keeps the parameters packed while it steps registers how to write them back;
   * every read of the parameters calls it first, so readers always see the latest weights. Null unregisters.
   */
  setPendingWriter(writer: (() => void) | null): void {
    this.pending = writer;
  }

  /** Unregisters `writer` if it is still the registered one (a later trainer may have replaced it). */
  dropPendingWriter(writer: () => void): void {
    if (this.pending === writer) this.pending = null;
  }

  /**
   * The network's raw output (ε̂ or x̂_0, per config.prediction) for x_t (n × dim) at 0-indexed
   * timesteps `t` (int32, n) and, for a conditional network, classes `c` (int32, n; `classes` = ∅;
   * left out: ∅ for every row).
   */
  apply(xt: tf.Tensor2D, t: tf.Tensor1D, c?: tf.Tensor1D, y?: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => forwardWithCache(this.current(), this.features(xt, t, c, y), this.config.depth).out);
  }

  /** The index of ∅, the "no label" token, in a conditional network's one-hot (= config.classes). */
  get nullClass(): number {
    return this.config.classes;
  }

  /**
   * The network's input for x_t at timesteps t (and classes c): [x_t, sinusoidal embedding of x_t,
   * one-hot of c (conditional networks only), condition y (n × condDim, conditioned networks only),
   * embedding of t] (n × inputSize). A one-hot times W_0 is the row of W_0 for that class: a learned
   * class embedding added before the first ReLU; y enters the same way, as W_0's rows for y times y.
   */
  features(xt: tf.Tensor2D, t: tf.Tensor1D, c?: tf.Tensor1D, y?: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const { inputEmbedDim, inputEmbedScale, classes } = this.config;
      // x_t itself rides along with its embedding: the periodic features alone cannot express
      // ε̂ ≈ x_t for points far out in the tails at large t, and such points then blow up in sampling.
      const features = [xt];
      if (this.inputFreqs) features.push(embedCoordinates(xt, inputEmbedDim, inputEmbedScale, this.inputFreqs));
      if (classes > 0) features.push(tf.oneHot(c ?? (tf.fill([xt.shape[0]], classes, 'int32') as tf.Tensor1D), classes + 1).toFloat() as tf.Tensor2D);
      if (condSlots(this.config) > 0) {
        if (!y || y.shape[0] !== xt.shape[0] || y.shape[1] !== condSlots(this.config)) throw new Error(`a conditioned denoiser needs its condition y (${xt.shape[0]} × ${condSlots(this.config)})`);
        features.push(y);
      }
      if (this.timeTable) features.push(tf.gather(this.timeTable, t));
      return features.length === 1 ? xt.clone() : tf.concat(features, 1);
    });
  }

  /** Number of values in each parameter, in the order of `variables`. */
  get sizes(): number[] {
    return this.vars.map((v) => v.size);
  }

  /** The shape of each parameter, in the order of `variables`. */
  get shapes(): number[][] {
    return this.vars.map((v) => v.shape.slice());
  }

  /**
   * Bumped whenever the parameters are overwritten from outside training (setWeights,
   * setPacked), so a trainer holding a packed copy knows to reload it.
   */
  get version(): number {
    return this.writes;
  }

  /** Every parameter flattened into one vector θ, in the order of `variables` (the caller disposes it). */
  packed(): tf.Tensor1D {
    return tf.tidy(() => tf.concat(this.current().map((v) => v.reshape([-1]))) as tf.Tensor1D);
  }

  /** Overwrites every parameter from a packed vector θ (as `packed()` returns). */
  setPacked(theta: tf.Tensor1D): void {
    tf.tidy(() => tf.split(theta, this.vars.map((v) => v.size)).forEach((part, k) => this.vars[k]!.assign(part.reshape(this.vars[k]!.shape))));
    this.writes++;
    this.generation++;
  }

  /**
   * ε̂(x_t, t) (or ε̂(x_t, t, c) with per-row classes `labels`, `classes` = ∅; left out: ∅), converting
   * an x̂_0 output with ε = (x_t − √ᾱ_t x̂_0)/√(1 − ᾱ_t) (eq. 3.5 solved for ε).
   */
  predictEps(xt: tf.Tensor2D, i: number, schedule: Schedule, labels?: Int32Array, conds?: Float32Array): tf.Tensor2D {
    return tf.tidy(() => {
      const out = this.output(xt, i, labels, conds);
      if (this.config.prediction === 'eps') return out;
      const ab = schedule.alphaBars[i]!;
      return xt.sub(out.mul(Math.sqrt(ab))).div(Math.sqrt(1 - ab));
    });
  }

  /**
   * The network's raw output at 0-indexed timestep i for every row of xt (and per-row classes
   * `labels`; left out: ∅; and per-row conditions `conds`, n × condDim, for a conditioned network):
   * by the SIMD kernels on WASM, else by tfjs ops.
   */
  output(xt: tf.Tensor2D, i: number, labels?: Int32Array, conds?: Float32Array): tf.Tensor2D {
    const n = xt.shape[0];
    const c = this.rowLabels(n, labels);
    const y = this.rowConds(n, conds);
    if (this.useSimd()) return this.applySimd(xt, i, c, y);
    return tf.tidy(() => this.apply(xt, tf.fill([n], i, 'int32') as tf.Tensor1D, c ? tf.tensor1d(c, 'int32') : undefined, y ? tf.tensor2d(y, [n, condSlots(this.config)]) : undefined));
  }

  /** Per-row conditions for n rows, checked; null for a network without one. */
  private rowConds(n: number, conds: Float32Array | undefined): Float32Array | null {
    const condDim = condSlots(this.config);
    if (condDim === 0) {
      if (conds) throw new Error('this denoiser takes no condition y');
      return null;
    }
    if (!conds || conds.length !== n * condDim) throw new Error(`expected ${n * condDim} condition values (${n} rows × ${condDim}), got ${conds?.length ?? 0}`);
    return conds;
  }

  /** The raw output for plain arrays (n × dim): x̂_0 of the one-shot denoiser, say. */
  async outputArray(xt: Float32Array, i: number, labels?: Int32Array, conds?: Float32Array): Promise<Float32Array> {
    const out = tf.tidy(() => this.output(tf.tensor2d(xt, [xt.length / this.config.dim, this.config.dim]), i, labels, conds));
    const values = Float32Array.from((await out.data()) as Float32Array);
    out.dispose();
    return values;
  }

  /** Per-row classes for n rows (∅ where not given), checked; null for an unconditional network. */
  private rowLabels(n: number, labels: Int32Array | undefined): Int32Array | null {
    const { classes } = this.config;
    if (classes === 0) {
      if (labels) throw new Error('an unconditional denoiser takes no class labels');
      return null;
    }
    if (!labels) return new Int32Array(n).fill(classes);
    if (labels.length !== n) throw new Error(`expected ${n} class labels, got ${labels.length}`);
    for (const c of labels) if (!(c >= 0 && c <= classes)) throw new Error(`class label ${c} is outside [0, ${classes}]`);
    return labels;
  }

  /** On the WASM backend, the forward pass runs in our SIMD kernels (see simd/simdMlp.ts) when they work here. */
  private useSimd(): boolean {
    return tf.getBackend() === 'wasm' && simdSupports(this.config);
  }

  /** The network's output at 0-indexed timestep i for every row of xt, by the SIMD kernels, in blocks of rows. */
  private applySimd(xt: tf.Tensor2D, i: number, labels: Int32Array | null, conds: Float32Array | null = null): tf.Tensor2D {
    this.pending?.();
    if (!this.simd || this.simd.generation !== this.generation) {
      if (!this.simd) {
        // A second thread where the page is cross-origin isolated (see trainStateSimd.ts).
        const threads = secondThreadAvailable();
        const mlp = new SimdMlp(this.config, { shared: threads });
        if (threads) void mlp.enableThreads();
        this.simd = { mlp, generation: -1 };
      }
      const packed = this.packed();
      this.simd.mlp.setParams(packed.dataSync() as Float32Array);
      packed.dispose();
      this.simd.generation = this.generation;
    }
    const { mlp } = this.simd;
    const { dim } = this.config;
    const x = xt.dataSync() as Float32Array;
    const n = xt.shape[0];
    const out = new Float32Array(n * dim);
    for (let start = 0; start < n; start += SIMD_BLOCK_ROWS) {
      const rows = Math.min(SIMD_BLOCK_ROWS, n - start);
      mlp.ensureRows(rows);
      const condDim = condSlots(this.config);
      mlp.writeFeatures(mlp.inputPtr, x.subarray(start * dim, (start + rows) * dim), null, false, labels ? labels.subarray(start, start + rows) : null, conds ? conds.subarray(start * condDim, (start + rows) * condDim) : null);
      mlp.forward(rows, i, false);
      out.set(mlp.output(rows), start * dim);
    }
    return tf.tensor2d(out, [n, dim]);
  }

  /** ε̂ for a batch given as a plain array (n × dim), for callers outside tfjs (ELBO, widgets). */
  async predictEpsArray(xt: Float32Array, i: number, schedule: Schedule, labels?: Int32Array, conds?: Float32Array): Promise<Float32Array> {
    const eps = tf.tidy(() => this.predictEps(tf.tensor2d(xt, [xt.length / this.config.dim, this.config.dim]), i, schedule, labels, conds));
    // A copy: on the CPU backend data() can be the tensor's own storage, and callers may transfer it.
    const values = Float32Array.from((await eps.data()) as Float32Array);
    eps.dispose();
    return values;
  }

  /** A copy of every parameter. */
  async getWeights(): Promise<NamedWeight[]> {
    return Promise.all(
      this.current().map(async (v, k) => ({ name: this.names[k]!, shape: v.shape.slice(), values: Float32Array.from((await v.data()) as Float32Array) })),
    );
  }

  /** Overwrites every parameter; throws (changing nothing) if names or shapes differ. */
  setWeights(weights: NamedWeight[]): void {
    if (weights.length !== this.vars.length) throw new Error(`expected ${this.vars.length} weight arrays, got ${weights.length}`);
    this.vars.forEach((v, k) => {
      const w = weights[k]!;
      const size = v.shape.reduce((a, b) => a * b, 1);
      if (w.shape.join('x') !== v.shape.join('x') || w.values.length !== size) {
        throw new Error(`weight ${k} (${this.names[k]}) has shape [${w.shape}] but the model needs [${v.shape}]`);
      }
    });
    tf.tidy(() => this.vars.forEach((v, k) => v.assign(tf.tensor(weights[k]!.values, v.shape))));
    this.writes++;
    this.generation++;
  }

  dispose(): void {
    this.pending = null;
    this.simd?.mlp.dispose();
    this.simd = null;
    tf.dispose(this.vars);
    this.timeTable?.dispose();
    if (this.inputFreqs) this.inputFreqs.dispose();
  }
}
