/**
 * Latent diffusion on the 8×8 digits, end to end, from the committed autoencoders
 * (public/pretrained/digit-autoencoder-d{2,8}.bin, 8-bit weights, written by
 * `npm run pretrain -- --datasets=latent`):
 *  - their reconstructions of held-out digits stay under stated error bounds, far below the error
 *    of the best constant image (each pixel's mean, computed here), and the digit classifier still
 *    reads them;
 *  - a short seeded training from scratch already beats the constant image by a wide margin;
 *  - the latent sampler returns n decoded images in [−1, 1] and the codes it decoded;
 *  - a short training of the latent DDPM (d = 8) passes the digit bar on a fixed seed, with a
 *    Fréchet distance below that of Gaussian codes decoded (what the DDPM must improve on).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIGIT_CLASSES, digitsHeldOut, digitsTrain, type LabelledImages } from '../datasets/digits';
import { loadDigits } from '../datasets/digitsFixture';
import { loadClassifier } from '../images/classifierFixture';
import { makeDigitYardstick, passesDigitBar, scoreDigits } from '../images/sampleQuality';
import { makeRng } from '../rng';
import { Autoencoder } from '../tf/autoencoder';
import { useTestBackend } from '../tf/testBackend';
import { readAutoencoderFile } from './autoencoderFile';
import { trainDigitAutoencoder } from './digitAutoencoder';
import { buildLatentDiffusion, drawLatentDigits, encodeDigits } from './latentDiffusion';
import { latentAutoencoderConfig } from './latentRecipe';
import { fitLatentScale, fromStandardLatents } from './latentScale';
import { measureReconstruction } from './reconstruction';

/** Steps of the bar test (measured with scripts/latent/measure.ts: the bar is met from ≈ 90 steps on, FID 1.9 at 400; the test measured 84.0%, FID 1.96). */
const LATENT_TEST_STEPS = 400;

beforeAll(async () => {
  await useTestBackend();
});

function fixtureAutoencoder(d: number): { ae: Autoencoder; bytes: number } {
  const file = readFileSync(resolve(__dirname, `../../../public/pretrained/digit-autoencoder-d${d}.bin`));
  const ae = new Autoencoder(latentAutoencoderConfig(d), 0);
  ae.setWeights(readAutoencoderFile(file, latentAutoencoderConfig(d)).weights);
  return { ae, bytes: file.length };
}

/** (1/(n·dim)) Σ (x − x̄)²: the error of the best constant image, each pixel's mean over `set`. */
function constantImageError(set: LabelledImages): number {
  let total = 0;
  for (let j = 0; j < set.dim; j++) {
    let m = 0;
    for (let r = 0; r < set.n; r++) m += set.points[r * set.dim + j]! / set.n;
    for (let r = 0; r < set.n; r++) total += (set.points[r * set.dim + j]! - m) ** 2;
  }
  return total / (set.n * set.dim);
}

describe('latent diffusion on the digits', () => {
  const set = loadDigits();
  const train = digitsTrain(set);
  const heldOut = digitsHeldOut(set);
  const classifier = loadClassifier();
  const constant = constantImageError(heldOut);

  it('the committed autoencoders reconstruct held-out digits within their bounds (d = 2: MSE < 0.15; d = 8: < 0.06), which the classifier still reads', async () => {
    expect(constant).toBeGreaterThan(0.25); // pixels in [−1, 1]: measured 0.29 on the held-out split
    for (const [d, bound, accuracy] of [[2, 0.15, 0.8], [8, 0.06, 0.93]] as const) {
      const { ae, bytes } = fixtureAutoencoder(d);
      expect(bytes).toBeLessThan(300 * 1024);
      const r = await measureReconstruction(ae, heldOut, classifier);
      expect(r.n).toBe(heldOut.n);
      expect(r.mse).toBeLessThan(bound);
      expect(r.mse).toBeLessThan(constant / 2);
      expect(r.accuracy).toBeGreaterThanOrEqual(accuracy);
      expect(r.originalAccuracy).toBeGreaterThan(0.95);
      ae.dispose();
    }
  });

  it('a short seeded training (d = 8, 150 steps) already reconstructs held-out digits far better than the constant image', async () => {
    const before = tf.memory().numTensors;
    const { ae, loss } = await trainDigitAutoencoder(train, 8, 0, 150);
    const r = await measureReconstruction(ae, heldOut, classifier);
    ae.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(Number.isFinite(loss)).toBe(true);
    expect(r.mse).toBeLessThan(0.6 * constant);
  }, 60_000);

  it('the latent sampler returns n decoded images in [−1, 1], decoded from the codes it returns, reproducibly for a seed', async () => {
    const { ae } = fixtureAutoencoder(2);
    const codes = await encodeDigits(ae, train);
    expect(codes.standard.length).toBe(train.n * 2);
    const { model, schedule, dispose } = buildLatentDiffusion(codes, 0);
    expect(model.config.dim).toBe(2);
    const before = tf.memory().numTensors;
    const a = await drawLatentDigits(model, schedule, ae, codes.scale, 37, 5, { steps: 10 });
    expect(tf.memory().numTensors).toBe(before);
    expect(a.standard.length).toBe(37 * 2);
    expect(a.images.length).toBe(37 * 64);
    for (const v of a.images) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(Array.from(a.codes)).toEqual(Array.from(fromStandardLatents(a.standard, codes.scale)));
    expect(Array.from(a.images)).toEqual(Array.from(await ae.decode(a.codes)));
    const b = await drawLatentDigits(model, schedule, ae, codes.scale, 37, 5, { steps: 10 });
    expect(Array.from(b.images)).toEqual(Array.from(a.images));
    // The standardised training codes: mean 0 and variance 1 per axis (the scale fitted to them).
    const refit = fitLatentScale(codes.standard, 2);
    for (const k of [0, 1]) {
      expect(refit.mean[k]).toBeCloseTo(0, 4);
      expect(refit.std[k]).toBeCloseTo(1, 4);
    }
    dispose();
    ae.dispose();
  });

  it(`a latent DDPM (d = 8) trained ${LATENT_TEST_STEPS} steps passes the digit bar on seed 0, beating Gaussian codes decoded`, async () => {
    const y = makeDigitYardstick(classifier, train, heldOut);
    const { ae } = fixtureAutoencoder(8);
    const codes = await encodeDigits(ae, train);
    const { trainer, schedule, dispose } = buildLatentDiffusion(codes, 0);
    trainer.train(LATENT_TEST_STEPS);
    const { images } = await drawLatentDigits(trainer.sampler, schedule, ae, codes.scale, 2000, 1000);
    const score = scoreDigits(y, images);
    const floor = scoreDigits(y, await ae.decode(fromStandardLatents(makeRng(1000).normals(2000 * 8), codes.scale)));
    console.info(`latent d = 8, ${LATENT_TEST_STEPS} steps: confident ${(100 * score.confidentShare).toFixed(1)}%, classes ${score.classesPresent}, FID ${score.frechet.toFixed(2)}; N(0, I) codes decoded: FID ${floor.frechet.toFixed(2)}`);
    expect(score.classesPresent).toBe(DIGIT_CLASSES);
    expect(passesDigitBar(score, y)).toBe(true);
    expect(score.frechet).toBeLessThan(0.6 * floor.frechet);
    dispose();
    ae.dispose();
  }, 120_000);
});
