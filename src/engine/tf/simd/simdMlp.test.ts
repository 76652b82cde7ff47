import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../rng';
import { Denoiser } from '../denoiser';
import { resolveDenoiserConfig } from '../denoiserConfig';
import { lossAndGrads } from '../denoiserGrad';
import { useTestBackend } from '../testBackend';
import { SimdMlp } from './simdMlp';

// The SIMD network must compute what the tfjs Denoiser computes (outputs), and its backward pass
// what tfjs's automatic differentiation gives (through lossAndGrads, itself checked against it).
describe('the denoiser on the SIMD kernels', () => {
  beforeAll(async () => {
    await useTestBackend();
  });
  const worst = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
    let scale = 1e-6;
    for (let k = 0; k < b.length; k++) scale = Math.max(scale, Math.abs(b[k]!));
    let w = 0;
    for (let k = 0; k < b.length; k++) w = Math.max(w, Math.abs(a[k]! - b[k]!));
    return w / scale;
  };

  // inputEmbedDim 8 takes the SIMD sin/cos kernel, 6 the plain-JS fallback; classes > 0 is a
  // class-conditional network (a one-hot of the class, ∅ included, in the feature rows);
  // timeEmbedDim 0 a network without timestep input (the one-shot denoiser).
  for (const [dim, width, depth, n, inputEmbedDim, classes, timeEmbedDim] of [[2, 32, 2, 37, 8, 0, 8], [3, 16, 0, 8, 6, 0, 8], [2, 32, 2, 37, 8, 3, 8], [3, 16, 1, 9, 0, 10, 6], [5, 16, 2, 11, 0, 0, 0]] as const) {
    it(`forward and gradient match tfjs (dim ${dim}, width ${width}, depth ${depth}, ${n} rows, input embedding ${inputEmbedDim}, ${classes} classes, time embedding ${timeEmbedDim})`, async () => {
      const config = resolveDenoiserConfig({ dim, T: 60, width, depth, timeEmbedDim, inputEmbedDim, classes });
      const model = new Denoiser(config, 3);
      const rng = makeRng(4);
      // non-zero biases, so they matter
      tf.tidy(() => model.setPacked(model.packed().add(tf.tensor1d(rng.normals(model.sizes.reduce((a, b) => a + b, 0))).mul(0.05))));
      const x = rng.normals(n * dim);
      const t = Int32Array.from({ length: n }, () => rng.int(60));
      const target = rng.normals(n * dim);
      // every class and ∅ (index `classes`) among the rows
      const labels = classes > 0 ? Int32Array.from({ length: n }, (_, r) => r % (classes + 1)) : null;
      const cT = labels ? tf.tensor1d(labels, 'int32') : undefined;
      const mlp = new SimdMlp(config);
      mlp.setParams(tf.tidy(() => model.packed()).dataSync() as Float32Array);
      mlp.ensureRows(n);
      mlp.writeFeatures(mlp.inputPtr, x, t, true, labels);
      mlp.forward(n);
      const [xT, tT, yT] = [tf.tensor2d(x, [n, dim]), tf.tensor1d(t, 'int32'), tf.tensor2d(target, [n, dim])];
      const want = await model.apply(xT, tT, cT).data();
      expect(worst(mlp.output(n), want)).toBeLessThan(1e-5);

      const perSample = new Float32Array(n);
      const grad = mlp.mem.alloc(mlp.paddedSize);
      mlp.lossAndGrad(n, target, perSample, grad);
      const ref = tf.tidy(() => {
        const { perSample: p, grads } = lossAndGrads(model.variables, model.features(xT, tT, cT), yT, depth, undefined, false);
        return { p: p.dataSync(), g: tf.concat(grads.map((g) => g.reshape([-1]))).dataSync() };
      });
      expect(worst(perSample, ref.p)).toBeLessThan(1e-5);
      expect(worst(mlp.mem.floats(grad, ref.g.length), ref.g)).toBeLessThan(1e-4);

      // all rows at one timestep, with the time embedding folded into the first bias
      const i = 17;
      mlp.writeFeatures(mlp.inputPtr, x, null, false, labels);
      mlp.forward(n, i);
      const atI = await model.apply(xT, tf.fill([n], i, 'int32') as tf.Tensor1D, cT).data();
      expect(worst(mlp.output(n), atI)).toBeLessThan(1e-5);
      // and the sampling pass, which keeps no layers and fuses each residual block
      mlp.forward(n, i, false);
      expect(worst(mlp.output(n), atI)).toBeLessThan(1e-5);
      // Denoiser.output runs the SIMD pass on WASM, the tfjs one elsewhere: the same numbers
      const viaModel = tf.tidy(() => model.output(xT, i, labels ?? undefined).dataSync());
      expect(worst(viaModel, atI)).toBeLessThan(1e-5);
      tf.dispose([xT, tT, yT]);
      cT?.dispose();
      model.dispose();
    });
  }
});
