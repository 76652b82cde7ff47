import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ddimStep } from '../ddimStep';
import { ddpmStep } from '../ddpmStep';
import { makeRng } from '../rng';
import { makeSchedule } from '../schedule';
import { ddimStepTensor, ddpmStepTensor } from './tensorSteps';
import { useTestBackend } from './testBackend';

// The on-device steps must be the array steps (which the engine tests check against the math).
describe('tensor sampler steps agree with the array steps', () => {
  beforeAll(async () => {
    await useTestBackend();
  });
  const schedule = makeSchedule({ kind: 'cosine', T: 200 });
  const rng = makeRng(21);
  const n = 64;
  const xt = rng.normals(2 * n);
  const eps = rng.normals(2 * n);
  const noise = rng.normals(2 * n);
  const t2 = (v: Float32Array): tf.Tensor2D => tf.tensor2d(v, [n, 2]);
  const close = (a: tf.Tensor2D, b: Float32Array): void => {
    const values = a.dataSync();
    a.dispose();
    for (let k = 0; k < b.length; k++) expect(Math.abs(values[k]! - b[k]!)).toBeLessThan(1e-4 * (1 + Math.abs(b[k]!)));
  };

  for (const clipX0 of [undefined, 1]) {
    for (const i of [0, 1, 100, 199]) {
      it(`DDPM, both variances, t = ${i + 1}, clip ${clipX0 ?? 'off'}`, () => {
        for (const variance of ['beta', 'posterior'] as const) {
          const before = tf.memory().numTensors;
          const [a, b, c] = [t2(xt), t2(eps), t2(noise)];
          close(ddpmStepTensor(a, b, i, schedule, variance, c, clipX0), ddpmStep({ xt, eps, i, schedule, variance, noise, ...(clipX0 ? { clipX0 } : {}) }));
          tf.dispose([a, b, c]);
          expect(tf.memory().numTensors).toBe(before);
        }
      });
      it(`DDIM, η ∈ {0, 0.5, 1}, from t = ${i + 1}, clip ${clipX0 ?? 'off'}`, () => {
        for (const eta of [0, 0.5, 1]) {
          const iPrev = i - 7 < 0 ? -1 : i - 7;
          const [a, b, c] = [t2(xt), t2(eps), t2(noise)];
          close(ddimStepTensor(a, b, i, iPrev, schedule, eta, c, clipX0), ddimStep({ xt, eps, i, iPrev, schedule, eta, noise, ...(clipX0 ? { clipX0 } : {}) }));
          tf.dispose([a, b, c]);
        }
      });
    }
  }
});
