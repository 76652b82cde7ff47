import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { digitsHeldOut } from '../datasets/digits';
import { loadDigits } from '../datasets/digitsFixture';
import { DIGIT_SAMPLER, evenDigits, perRowDigits } from '../images/digitModel';
import { decodeModelFile } from '../modelFile';
import { makeSchedule } from '../schedule';
import { Denoiser } from '../tf/denoiser';
import { resolveDenoiserConfig } from '../tf/denoiserConfig';
import { sample } from '../tf/sampler';
import { useTestBackend } from '../tf/testBackend';
import { measureUpsampler, randomDigitConditionError } from './upsampleFigures';
import { checkUpsampleModelFile } from './upsampleModelFile';
import { drawUpsampled, upsampleNetwork } from './upsampleModel';
import { conditionError, repeatConditions } from './upsampleQuality';

const PUBLIC = resolve(__dirname, '../../../public');
const SHIPPED = resolve(PUBLIC, 'pretrained/upsample.bin');
/** One grey level of the digits (17 levels on [−1, 1]: 2/16 apart). */
const GREY_LEVEL = 2 / 16;
/** Held-out digits' conditions and samples per condition (fixed seed). */
const M = 30;
const K = 8;

describe('the shipped upsampler (public/pretrained/upsample.bin)', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('is an int8 model file of the recipe under 200 KB', () => {
    expect(statSync(SHIPPED).size).toBeLessThan(200 * 1024);
    expect(checkUpsampleModelFile(decodeModelFile(readFileSync(SHIPPED))).step).toBeGreaterThan(0);
  });

  it('samples match their condition, far better than models that ignore it, and differ from one another', async () => {
    const { net, schedule } = upsampleNetwork();
    net.setWeights(checkUpsampleModelFile(decodeModelFile(readFileSync(SHIPPED))).weights);
    const heldOut = digitsHeldOut(loadDigits()).points;
    const f = await measureUpsampler(net, schedule, heldOut, M, K, 11);
    // Bar: within half a grey level per low-res pixel on average (measured 0.041 on 100 digits × 8).
    expect(f.conditionError).toBeLessThan(GREY_LEVEL / 2);
    // Baselines that ignore y: another real digit's view (≈ 0.35 measured), the unconditional digits
    // model's samples (≈ 0.33): both at least 4× the upsampler's error.
    const random = randomDigitConditionError(heldOut, M, 97);
    expect(random).toBeGreaterThan(4 * f.conditionError);
    const digits = new Denoiser(resolveDenoiserConfig({ dim: 64, T: 1000, width: 256, depth: 2, timeEmbedDim: 32, inputEmbedDim: 0, classes: 10 }), 0);
    digits.setWeights(decodeModelFile(readFileSync(resolve(PUBLIC, 'pretrained/digits.bin'))).weights);
    const { points } = await sample(perRowDigits(digits, evenDigits(M * K)), makeSchedule({ kind: 'cosine', T: 1000 }), { ...DIGIT_SAMPLER, n: M * K, seed: 11 });
    digits.dispose();
    const uncond = conditionError(points.map((v) => Math.max(-1, Math.min(1, v))), repeatConditions(f.conds, K));
    expect(uncond).toBeGreaterThan(4 * f.conditionError);
    // Several completions, not one: spread above half a grey level (measured 0.17), where
    // nearest-neighbour upscaling (one image per condition) has 0.
    expect(f.pixelSpread).toBeGreaterThan(GREY_LEVEL / 2);
    // Another seed gives other images for the same conditions.
    const again = await drawUpsampled(net, schedule, f.conds, K, 12);
    const moved = again.reduce((a, v, k) => a + Math.abs(v - f.samples[k]!), 0) / again.length;
    expect(moved).toBeGreaterThan(GREY_LEVEL / 2);
    net.dispose();
  });
});
