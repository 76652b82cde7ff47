/**
 * The small network the chapter-7 lab models share: input layer, `depth` residual ReLU blocks of
 * one width, linear output layer. All parameters live in ONE flat tf.Variable θ, sliced into
 * layers on each pass: an optimizer, a weight average and gradient clipping then cost a handful
 * of ops per step instead of a handful per layer (on the WASM backend small models are bound by
 * the per-op overhead, not by arithmetic). Initialised from the engine's seeded RNG.
 */
import * as tf from '@tensorflow/tfjs';
import { makeRng } from '../rng';

export interface MlpShape {
  inputSize: number;
  width: number;
  depth: number;
  outputSize: number;
}

/**
 * x·W, with a gradient that transposes explicitly: dx = dy·Wᵀ, dW = xᵀ·dy. tfjs's own gradient
 * uses matMul with transpose flags, which the WASM backend runs several times slower than a
 * transpose followed by a plain matMul (measured: ~11 ms against ~1.5 ms at 128 × 128 × 128).
 */
const linear = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => [tf.matMul(dy, tf.transpose(saved[1]!) as tf.Tensor2D), tf.matMul(tf.transpose(saved[0]!) as tf.Tensor2D, dy)],
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

interface Slot {
  name: string;
  offset: number;
  shape: number[];
}

export class ResidualMlp {
  /** θ: every parameter, layer after layer (W then b), flattened. */
  readonly theta: tf.Variable;
  private readonly slots: Slot[] = [];

  constructor(readonly shape: MlpShape, seed: number) {
    const rng = makeRng(seed);
    const { inputSize, width, depth, outputSize } = shape;
    const layers: Array<[string, number, number, number]> = [['in', inputSize, width, 1]];
    // Residual branches start small, so the untrained network is close to its input layer alone.
    for (let k = 0; k < depth; k++) layers.push([`block${k}`, width, width, 1 / Math.sqrt(Math.max(1, depth))]);
    layers.push(['out', width, outputSize, 0.1]);
    let total = 0;
    for (const [name, fanIn, fanOut] of layers) {
      this.slots.push({ name: `${name}/w`, offset: total, shape: [fanIn, fanOut] });
      total += fanIn * fanOut;
      this.slots.push({ name: `${name}/b`, offset: total, shape: [fanOut] });
      total += fanOut;
    }
    const values = new Float32Array(total);
    layers.forEach(([, fanIn, fanOut, gain], k) => {
      // He-normal weights, zero biases.
      const w = rng.normals(fanIn * fanOut);
      const scale = gain * Math.sqrt(2 / fanIn);
      for (let j = 0; j < w.length; j++) values[this.slots[2 * k]!.offset + j] = w[j]! * scale;
    });
    this.theta = tf.tidy(() => tf.variable(tf.tensor1d(values)));
  }

  /** The trainable parameters (one flat vector). */
  get variables(): tf.Variable[] {
    return [this.theta];
  }

  /** Number of parameters. */
  get size(): number {
    return this.theta.size;
  }

  /** The parameters as layers [W₀, b₀, …, W_out, b_out], sliced from θ (call inside tf.tidy). */
  layers(): tf.Tensor[] {
    return this.slots.map((s) => this.theta.slice(s.offset, s.shape.reduce((a, b) => a * b, 1)).reshape(s.shape));
  }

  /** The network's output for a batch of input rows (n × inputSize → n × outputSize). */
  apply(input: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const v = this.layers() as tf.Tensor2D[];
      const depth = this.shape.depth;
      let h = linear(input, v[0]!).add(v[1]!).relu() as tf.Tensor2D;
      for (let k = 0; k < depth; k++) h = h.add(linear(h, v[2 + 2 * k]!).add(v[3 + 2 * k]!).relu()) as tf.Tensor2D;
      return linear(h, v[2 + 2 * depth]!).add(v[3 + 2 * depth]!) as tf.Tensor2D;
    });
  }

  /** Copies every parameter from a network of the same shape. */
  copyFrom(other: ResidualMlp): void {
    this.theta.assign(other.theta);
  }

  dispose(): void {
    this.theta.dispose();
  }
}
