/**
 * The small network the chapter-7 lab models share: input layer, `depth` residual ReLU blocks of
 * one width, linear output layer. Plain tf.Variables initialised from the engine's seeded RNG, as
 * in the main Denoiser, so a seed reproduces the weights.
 */
import * as tf from '@tensorflow/tfjs';
import { makeRng, type Rng } from '../rng';
import type { NamedWeight } from './denoiser';

export interface MlpShape {
  inputSize: number;
  width: number;
  depth: number;
  outputSize: number;
}

function heNormal(rng: Rng, fanIn: number, fanOut: number, gain: number): tf.Tensor {
  const values = rng.normals(fanIn * fanOut).map((v) => v * gain * Math.sqrt(2 / fanIn));
  return tf.tensor2d(values, [fanIn, fanOut]);
}

export class ResidualMlp {
  readonly variables: tf.Variable[] = [];
  readonly names: string[] = [];

  constructor(readonly shape: MlpShape, seed: number) {
    const rng = makeRng(seed);
    const { inputSize, width, depth, outputSize } = shape;
    const layer = (name: string, fanIn: number, fanOut: number, gain: number): void => {
      this.variables.push(tf.tidy(() => tf.variable(heNormal(rng, fanIn, fanOut, gain))));
      this.variables.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]))));
      this.names.push(`${name}/w`, `${name}/b`);
    };
    layer('in', inputSize, width, 1);
    // Residual branches start small, so the untrained network is close to its input layer alone.
    for (let k = 0; k < depth; k++) layer(`block${k}`, width, width, 1 / Math.sqrt(Math.max(1, depth)));
    layer('out', width, outputSize, 0.1);
  }

  /** The network's output for a batch of input rows (n × inputSize → n × outputSize). */
  apply(input: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const v = this.variables as tf.Tensor2D[];
      const depth = this.shape.depth;
      let h = tf.fused.matMul({ a: input, b: v[0]!, bias: v[1], activation: 'relu' });
      for (let k = 0; k < depth; k++) {
        h = h.add(tf.fused.matMul({ a: h, b: v[2 + 2 * k]!, bias: v[3 + 2 * k], activation: 'relu' })) as tf.Tensor2D;
      }
      return tf.fused.matMul({ a: h, b: v[2 + 2 * depth]!, bias: v[3 + 2 * depth] }) as tf.Tensor2D;
    });
  }

  /** Copies every parameter from a network of the same shape. */
  copyFrom(other: ResidualMlp): void {
    this.variables.forEach((v, k) => v.assign(other.variables[k]!));
  }

  async getWeights(): Promise<NamedWeight[]> {
    return Promise.all(
      this.variables.map(async (v, k) => ({ name: this.names[k]!, shape: v.shape.slice(), values: Float32Array.from((await v.data()) as Float32Array) })),
    );
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
