import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOB_CLASSES, classPurity, labelledBlobs } from '../datasets/labelledBlobs';
import { expectInputError } from '../expectInputError';
import { makeRng } from '../rng';
import { makeSchedule } from '../schedule';
import { Denoiser } from './denoiser';
import { resolveDenoiserConfig } from './denoiserConfig';
import { guidedEpsModel } from './guidedSampler';
import { dropLabels } from './labelDropout';
import { buildGuidedModel, GUIDED_NET } from './labModels';
import { DEFAULT_SAMPLE, sample } from './sampler';
import { useTestBackend } from './testBackend';
import { Trainer } from './trainer';

beforeAll(async () => {
  await useTestBackend();
});

const schedule = makeSchedule({ kind: 'linear', T: 200 });

// The assertions the chapter-7 guidance model has always had to meet, on the one Trainer.
describe('the class-conditional Denoiser on the Trainer, trained briefly with dropped labels', () => {
  it('learns both ε(x, t, c) and ε(x, t, ∅): guidance raises the share of samples in class c', async () => {
    const lab = buildGuidedModel(schedule, labelledBlobs(3000, 12));
    const { trainer } = lab;
    trainer.train(1);
    const first = await trainer.readStats();
    const tensors = tf.memory().numTensors;
    trainer.train(299);
    const last = await trainer.readStats();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(last.step).toBe(300);
    expect(last.loss).toBeLessThan(first.loss);

    const options = { ...DEFAULT_SAMPLE, n: 300, seed: 9 };
    const c = 2;
    const plain = classPurity((await sample(lab.guided(c, 0), schedule, options)).points, c);
    const guided = classPurity((await sample(lab.guided(c, 3), schedule, options)).points, c);
    const unconditional = classPurity((await sample(lab.guided(c, -1), schedule, options)).points, c);
    // Exact values: ≈ 0.92 for class c's own distribution, 1/3 for the mixture, → 1 as w grows.
    expect(plain).toBeGreaterThan(0.6);
    expect(unconditional).toBeLessThan(0.55);
    expect(guided).toBeGreaterThan(0.95);
    expect(guided).toBeGreaterThanOrEqual(plain);
    expect(tf.memory().numTensors).toBe(tensors);
    lab.dispose();
  });

  it('on WASM the guided pass (SIMD kernels) equals eq. 7.4 on two tfjs passes', () => {
    const model = new Denoiser(resolveDenoiserConfig({ ...GUIDED_NET, dim: 2, T: schedule.T, classes: BLOB_CLASSES }), 1);
    const rng = makeRng(3);
    tf.tidy(() => model.setPacked(model.packed().add(tf.tensor1d(rng.normals(model.sizes.reduce((a, b) => a + b, 0))).mul(0.05))));
    const n = 20;
    const i = 60;
    const w = 2.5;
    tf.tidy(() => {
      const xt = tf.tensor2d(rng.normals(2 * n), [n, 2]);
      const t = tf.fill([n], i, 'int32') as tf.Tensor1D;
      const cond = model.apply(xt, t, tf.fill([n], 1, 'int32') as tf.Tensor1D).dataSync();
      const uncond = model.apply(xt, t, tf.fill([n], BLOB_CLASSES, 'int32') as tf.Tensor1D).dataSync();
      const got = guidedEpsModel(model, 1, w).predictEps(xt, i, schedule).dataSync();
      got.forEach((g, k) => expect(Math.abs(g - ((1 + w) * cond[k]! - w * uncond[k]!))).toBeLessThan(1e-5));
      // w = 0 is class 1 alone, w = −1 the unconditional network
      const plain = guidedEpsModel(model, 1, 0).predictEps(xt, i, schedule).dataSync();
      plain.forEach((g, k) => expect(Math.abs(g - cond[k]!)).toBeLessThan(1e-5));
      const none = guidedEpsModel(model, 1, -1).predictEps(xt, i, schedule).dataSync();
      none.forEach((g, k) => expect(Math.abs(g - uncond[k]!)).toBeLessThan(1e-5));
      // no labels given: ∅ for every row
      model.predictEps(xt, i, schedule).dataSync().forEach((g, k) => expect(Math.abs(g - uncond[k]!)).toBeLessThan(1e-5));
    });
    model.dispose();
  });

  it('checks labels, classes and weights', () => {
    const conditional = new Denoiser(resolveDenoiserConfig({ dim: 2, T: schedule.T, width: 8, depth: 1, classes: 2 }), 0);
    const plain = new Denoiser(resolveDenoiserConfig({ dim: 2, T: schedule.T, width: 8, depth: 1 }), 0);
    const points = new Float32Array(4);
    expectInputError(() => new Trainer(conditional, schedule, { points, labels: Int32Array.of(0, 2) }), 'labels');
    expectInputError(() => new Trainer(conditional, schedule, { points, labels: Int32Array.of(0) }), 'labels');
    expectInputError(() => new Trainer(conditional, schedule, points), 'data');
    expectInputError(() => new Trainer(plain, schedule, { points, labels: Int32Array.of(0, 1) }), 'data');
    expectInputError(() => new Trainer(conditional, schedule, { points, labels: Int32Array.of(0, 1) }, { dropLabel: 1.5 }), 'dropLabel');
    expectInputError(() => guidedEpsModel(conditional, 2, 1), 'class');
    expectInputError(() => guidedEpsModel(conditional, 0, 25), 'w');
    expectInputError(() => guidedEpsModel(plain, 0, 1), 'class');
    expectInputError(() => resolveDenoiserConfig({ dim: 2, T: 10, classes: -1 }), 'classes');
    conditional.dispose();
    plain.dispose();
  });
});

describe('label dropout', () => {
  it('replaces a label by ∅ at rate p and keeps the drawn point’s label otherwise', () => {
    const labels = Int32Array.from({ length: 50 }, (_, k) => k % 3);
    const rows = 40000;
    const rng = makeRng(7);
    const idx = Int32Array.from({ length: rows }, () => rng.int(50));
    for (const p of [0.1, 0.5]) {
      const out = new Int32Array(rows);
      dropLabels(rng, labels, idx, 0, rows, p, 3, out);
      const dropped = out.filter((c) => c === 3).length;
      // binomial: within 4 standard deviations of p·rows
      expect(Math.abs(dropped - p * rows)).toBeLessThan(4 * Math.sqrt(rows * p * (1 - p)));
      expect(out.filter((c, r) => c !== 3 && c !== labels[idx[r]!]).length).toBe(0);
    }
  });

  // width 16 trains on the SIMD engine (on WASM), width 12 on the tfjs one
  for (const [width, engine] of [[16, 'simd'], [12, 'tfjs']] as const) {
    it(`in training: with p = 1 only ∅’s embedding row of W_0 moves, with p = 0 only the classes’ rows (width ${width})`, () => {
      const data = labelledBlobs(200, 1);
      const rowsOf = (theta: Float32Array, first: number, count: number): Float32Array => theta.slice(first * width, (first + count) * width);
      for (const p of [0, 1]) {
        const config = resolveDenoiserConfig({ dim: 2, T: schedule.T, width, depth: 1, inputEmbedDim: 4, timeEmbedDim: 8, classes: 3 });
        const model = new Denoiser(config, 2);
        const classRow = 2 + 2 * 4; // after x_t and its embedding
        const before = tf.tidy(() => model.packed()).dataSync() as Float32Array;
        const trainer = new Trainer(model, schedule, data, { batchSize: 32, dropLabel: p, emaDecay: 0, optimizer: 'adam' });
        expect(trainer.engine).toBe(tf.getBackend() === 'wasm' ? engine : 'tfjs');
        trainer.train(10);
        const after = tf.tidy(() => model.packed()).dataSync() as Float32Array;
        const classesBefore = rowsOf(before, classRow, 3);
        const classesAfter = rowsOf(after, classRow, 3);
        const nullBefore = rowsOf(before, classRow + 3, 1);
        const nullAfter = rowsOf(after, classRow + 3, 1);
        // Adam moves nothing whose gradient was always 0 (and this optimizer has no weight decay).
        if (p === 1) {
          expect(Array.from(classesAfter)).toEqual(Array.from(classesBefore));
          expect(Array.from(nullAfter)).not.toEqual(Array.from(nullBefore));
        } else {
          expect(Array.from(nullAfter)).toEqual(Array.from(nullBefore));
          for (let c = 0; c < 3; c++) expect(Array.from(classesAfter.subarray(c * width, (c + 1) * width))).not.toEqual(Array.from(classesBefore.subarray(c * width, (c + 1) * width)));
        }
        trainer.dispose();
        model.dispose();
      }
    });
  }
});
