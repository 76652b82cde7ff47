import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../rng';
import { ResidualMlp } from './residualMlp';
import { useTestBackend } from './testBackend';

beforeAll(async () => {
  await useTestBackend();
});

describe('the lab MLP', () => {
  it('computes h = relu(x W₀ + b₀), h += relu(h W_k + b_k), out = h W + b, with gradients equal to tfjs’s own', () => {
    const net = new ResidualMlp({ inputSize: 5, width: 8, depth: 2, outputSize: 3 }, 4);
    // Non-zero biases (all of θ random), so every term of the formula matters.
    expect(net.size).toBe(5 * 8 + 8 + 2 * (8 * 8 + 8) + 8 * 3 + 3);
    tf.tidy(() => net.theta.assign(tf.tensor1d(makeRng(3).normals(net.size)).mul(0.3)));
    const x = tf.tensor2d(makeRng(9).normals(6 * 5), [6, 5]);
    const target = tf.tensor2d(makeRng(10).normals(6 * 3), [6, 3]);
    const reference = (): tf.Scalar => {
      const v = net.layers() as tf.Tensor2D[];
      expect(v.map((t) => t.shape)).toEqual([[5, 8], [8], [8, 8], [8], [8, 8], [8], [8, 3], [3]]);
      let h = tf.relu(tf.matMul(x, v[0]!).add(v[1]!)) as tf.Tensor2D;
      for (let k = 0; k < 2; k++) h = h.add(tf.relu(tf.matMul(h, v[2 + 2 * k]!).add(v[3 + 2 * k]!))) as tf.Tensor2D;
      return tf.matMul(h, v[6]!).add(v[7]!).sub(target).square().mean() as tf.Scalar;
    };
    const ours = (): tf.Scalar => net.apply(x).sub(target).square().mean() as tf.Scalar;
    tf.tidy(() => {
      expect(ours().dataSync()[0]).toBeCloseTo(reference().dataSync()[0]!, 5);
      const a = tf.variableGrads(ours, net.variables).grads;
      const b = tf.variableGrads(reference, net.variables).grads;
      const ga = a[net.theta.name]!.dataSync();
      const gb = b[net.theta.name]!.dataSync();
      expect(ga.length).toBe(net.size);
      ga.forEach((g, k) => expect(g).toBeCloseTo(gb[k]!, 5));
    });
    tf.dispose([x, target]);
    net.dispose();
  });

  it('a gradient entry matches a finite difference of the loss', () => {
    const net = new ResidualMlp({ inputSize: 4, width: 6, depth: 1, outputSize: 2 }, 1);
    const x = tf.tensor2d(makeRng(2).normals(5 * 4), [5, 4]);
    const loss = (): tf.Scalar => net.apply(x).square().sum() as tf.Scalar;
    const w = net.theta;
    const grad = tf.tidy(() => tf.variableGrads(loss, [w]).grads[w.name]!.dataSync()[7]!);
    const values = w.dataSync().slice();
    const h = 1e-2;
    const at = (delta: number): number => {
      const shifted = values.slice();
      shifted[7]! += delta;
      tf.tidy(() => w.assign(tf.tensor(shifted, w.shape)));
      return tf.tidy(() => loss().dataSync()[0]!);
    };
    expect(grad).toBeCloseTo((at(h) - at(-h)) / (2 * h), 2);
    x.dispose();
    net.dispose();
  });
});
