/**
 * The chapter-8 image features of the worker's image model (issue 14): the reverse frames with x̂₀,
 * each sample's nearest training image, and the likelihood of drawn digits against held-out ones.
 * Expected values come from the equations (eq. 4.6 by hand, brute-force L2) or from what a model
 * of digits must do (a digit is likelier than its own pixels shuffled), never from the code tested.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { digitsHeldOut, digitsTrain, DIGIT_DIM } from '../engine/datasets/digits';
import { digitsBytes, loadDigits } from '../engine/datasets/digitsFixture';
import { classifierBytes } from '../engine/images/classifierFixture';
import { makeRng } from '../engine/rng';
import { makeSchedule } from '../engine/schedule';
import { useTestBackend } from '../engine/tf/testBackend';
import { IMAGE_SCHEDULE } from './imageConfig';
import { frameStates } from './imageFrames';
import { elboEpsFn, REFERENCE_IMAGES } from './imageLikelihood';
import { ImageModels, imageStartNoise } from './imageModels';
import { nearestTraining } from './imageNearest';
import type { WorkerEvent } from './protocol';
import { TrainingLoop } from './trainingLoop';

function makeImages() {
  const events: WorkerEvent[] = [];
  const post = (e: WorkerEvent): void => void events.push(e);
  const loop = new TrainingLoop(post);
  const images = new ImageModels(post, loop, async (file) => (file === 'digits' ? digitsBytes() : classifierBytes()));
  return { events, loop, images, dispose: () => (images.dispose(), loop.dispose()) };
}

const T = IMAGE_SCHEDULE.T;
const schedule = makeSchedule(IMAGE_SCHEDULE);
const clip = (v: number): number => Math.max(-1, Math.min(1, v));
/** Brute-force squared L2 distance between row a of x and row b of y (64 pixels each). */
const dist = (x: Float32Array, a: number, y: Float32Array, b: number): number => {
  let s = 0;
  for (let k = 0; k < DIGIT_DIM; k++) s += (x[a * DIGIT_DIM + k]! - y[b * DIGIT_DIM + k]!) ** 2;
  return Math.sqrt(s);
};

describe('the image model’s chapter-8 features (under Node)', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('keeps K states evenly over the chain, both ends included', () => {
    expect([...frameStates(11, 6)]).toEqual([0, 2, 4, 6, 8, 10]);
    expect([...frameStates(6, 6)]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...frameStates(51, 2)]).toEqual([0, 50]);
  });

  it('reverse frames: K frames from x_T (t = T) to the sample (t = 0), x̂₀ by eq. 4.6, the sample itself unchanged', async () => {
    const { images, loop, dispose } = makeImages();
    const unit = await images.ensure();
    await loop.stepN('images', 1, 60);
    const n = 3;
    const options = { n, seed: 5, classLabel: 7, w: 0, steps: 10 };
    const plain = await images.sample(1, options);
    expect(plain.frames).toBeUndefined();
    const withFrames = await images.sample(2, { ...options, frames: 6 });
    const f = withFrames.frames!;
    expect(Array.from(withFrames.pixels)).toEqual(Array.from(plain.pixels)); // tracing changes nothing
    expect(f.t.length).toBe(6);
    expect(f.t[0]).toBe(T);
    expect(f.t[5]).toBe(0);
    for (let k = 1; k < 6; k++) expect(f.t[k]!).toBeLessThan(f.t[k - 1]!);
    expect(f.xt.length).toBe(6 * n * DIGIT_DIM);
    expect(f.x0.length).toBe(6 * n * DIGIT_DIM);
    expect(Array.from(f.xt.subarray(0, n * DIGIT_DIM))).toEqual(Array.from(imageStartNoise(n, 5)));
    const last = 5 * n * DIGIT_DIM;
    for (let k = 0; k < n * DIGIT_DIM; k++) expect(f.x0[last + k]).toBeCloseTo(withFrames.pixels[k]!, 5);
    expect(f.x0.every((v) => v >= -1 && v <= 1)).toBe(true);
    // Frame 2 by hand: ε̂ of the class-7 network (w = 0 is the conditional ε), then x̂₀ = (x_t − √(1−ᾱ_t) ε̂)/√ᾱ_t, clipped.
    const t = f.t[2]!;
    const xt = f.xt.slice(2 * n * DIGIT_DIM, 3 * n * DIGIT_DIM);
    const epsHat = await unit.network.trainer.sampler.predictEpsArray(xt, t - 1, schedule, new Int32Array(n).fill(7));
    const ab = schedule.alphaBars[t - 1]!;
    for (let k = 0; k < xt.length; k++) {
      expect(f.x0[2 * n * DIGIT_DIM + k]).toBeCloseTo(clip((xt[k]! - Math.sqrt(1 - ab) * epsHat[k]!) / Math.sqrt(ab)), 4);
    }
    // Every state kept (K = steps + 1): the guess of the last noisy state is the sample (DDIM, η = 0, steps to ᾱ = 1).
    const all = await images.sample(3, { ...options, frames: 11 });
    // Trailing spacing visits t = T − kT/steps: 1000, 900, …, 100, then 0.
    expect(Array.from(all.frames!.t)).toEqual([1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 0]);
    const beforeLast = 9 * n * DIGIT_DIM;
    for (let k = 0; k < n * DIGIT_DIM; k++) expect(all.frames!.x0[beforeLast + k]).toBeCloseTo(all.pixels[k]!, 4);
    dispose();
  }, 120_000);

  it('nearest training image: a training image finds itself at distance 0; a sample’s nearest is the brute-force nearest', async () => {
    const set = loadDigits();
    const train = digitsTrain(set).points;
    const rows = [5, 17, 300];
    const copies = new Float32Array(rows.length * DIGIT_DIM);
    rows.forEach((j, r) => copies.set(train.subarray(j * DIGIT_DIM, (j + 1) * DIGIT_DIM), r * DIGIT_DIM));
    const self = nearestTraining(copies, train, DIGIT_DIM, Float64Array.of(0.5, 1.5, 4));
    expect(Array.from(self.index)).toEqual(rows); // ties keep the lower index: these rows have no earlier duplicate
    expect(Array.from(self.distance)).toEqual([0, 0, 0]);
    expect(Array.from(self.pixels)).toEqual(Array.from(copies));
    expect(self.heldOutNearestMedian).toBe(1.5);
    expect(Array.from(self.heldOutDistances)).toEqual([0.5, 1.5, 4]);

    const { images, dispose } = makeImages();
    const s = await images.sample(1, { n: 4, seed: 2, classLabel: 3, w: 1, steps: 5, nearest: true });
    const near = s.nearest!;
    expect(near.index.length).toBe(4);
    expect(near.pixels.length).toBe(4 * DIGIT_DIM);
    for (let r = 0; r < 4; r++) {
      const j = near.index[r]!;
      expect(near.distance[r]).toBeCloseTo(dist(s.pixels, r, train, j), 5);
      expect(Array.from(near.pixels.subarray(r * DIGIT_DIM, (r + 1) * DIGIT_DIM))).toEqual(Array.from(train.subarray(j * DIGIT_DIM, (j + 1) * DIGIT_DIM)));
      for (let m = 0; m < train.length / DIGIT_DIM; m += 7) expect(dist(s.pixels, r, train, m)).toBeGreaterThanOrEqual(near.distance[r]! - 1e-6);
    }
    // The yardstick: the median over held-out digits of the brute-force nearest-training distance.
    const heldOut = digitsHeldOut(set).points;
    const nearestOfHeldOut = Array.from({ length: heldOut.length / DIGIT_DIM }, (_, h) => {
      let best = Infinity;
      for (let m = 0; m < train.length / DIGIT_DIM; m++) best = Math.min(best, dist(heldOut, h, train, m));
      return best;
    }).sort((a, b) => a - b);
    const mid = nearestOfHeldOut.length >> 1;
    const median = nearestOfHeldOut.length % 2 ? nearestOfHeldOut[mid]! : (nearestOfHeldOut[mid - 1]! + nearestOfHeldOut[mid]!) / 2;
    expect(near.heldOutNearestMedian).toBeCloseTo(median, 6);
    // The whole list (ascending, one per held-out digit), not only its median.
    expect(near.heldOutDistances.length).toBe(nearestOfHeldOut.length);
    nearestOfHeldOut.forEach((d, h) => expect(near.heldOutDistances[h]).toBeCloseTo(d, 6));
    // A second sample gets its own copy: the reply transfers the buffer, so the cached list must survive it.
    const again = (await images.sample(2, { n: 1, seed: 3, classLabel: 1, w: 1, steps: 5, nearest: true })).nearest!;
    expect(again.heldOutDistances).not.toBe(near.heldOutDistances);
    expect(Array.from(again.heldOutDistances)).toEqual(Array.from(near.heldOutDistances));
    dispose();
  }, 120_000);

  it('likelihood: after training, held-out digits score better than their own pixels shuffled (same ink); reference of 100, cached; progress sent', async () => {
    const { images, loop, events, dispose } = makeImages();
    await images.ensure();
    await loop.stepN('images', 1, 400);
    const heldOut = digitsHeldOut(loadDigits()).points;
    const m = 4;
    const digits = heldOut.slice(0, m * DIGIT_DIM);
    // A scribble with exactly the digit's ink: the same 64 grey levels in a random order.
    const rng = makeRng(9);
    const scribbles = new Float32Array(digits.length);
    for (let r = 0; r < m; r++) {
      const order = Array.from({ length: DIGIT_DIM }, (_, k) => k);
      for (let k = DIGIT_DIM - 1; k > 0; k--) {
        const j = Math.floor(rng.uniform() * (k + 1));
        [order[k], order[j]] = [order[j]!, order[k]!];
      }
      order.forEach((from, to) => (scribbles[r * DIGIT_DIM + to] = digits[r * DIGIT_DIM + from]!));
    }
    const blank = new Float32Array(DIGIT_DIM).fill(-1);
    const batch = new Float32Array((2 * m + 1) * DIGIT_DIM);
    batch.set(digits, 0);
    batch.set(scribbles, m * DIGIT_DIM);
    batch.set(blank, 2 * m * DIGIT_DIM);
    const started = performance.now();
    const a = await images.likelihood(21, batch, 3);
    const seconds = (performance.now() - started) / 1000;
    expect(a.step).toBe(400);
    expect(a.bitsPerDim.length).toBe(2 * m + 1);
    expect(a.anomaly.length).toBe(2 * m + 1);
    expect(a.reference.bitsPerDim.length).toBe(REFERENCE_IMAGES);
    expect(a.reference.anomaly.length).toBe(REFERENCE_IMAGES);
    expect([...a.bitsPerDim, ...a.anomaly, ...a.reference.bitsPerDim, ...a.reference.anomaly].every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    const fmt = (xs: ArrayLike<number>): string => Array.from(xs, (v) => v.toFixed(2)).join(' ');
    console.info(`likelihood in ${seconds.toFixed(1)} s: digits ${fmt(a.bitsPerDim.subarray(0, m))} | shuffled ${fmt(a.bitsPerDim.subarray(m, 2 * m))} | blank ${a.bitsPerDim[2 * m]!.toFixed(2)} bits/dim; anomaly digits ${fmt(a.anomaly.subarray(0, m))} | shuffled ${fmt(a.anomaly.subarray(m, 2 * m))}`);
    for (let r = 0; r < m; r++) {
      expect(a.bitsPerDim[r]!).toBeLessThan(a.bitsPerDim[m + r]!);
      expect(a.anomaly[r]!).toBeLessThan(a.anomaly[m + r]!);
    }
    // The held-out reference sits with the digits: its median is below every shuffled digit's figure.
    const sortedBits = [...a.reference.bitsPerDim].sort((x, y) => x - y);
    expect(sortedBits[REFERENCE_IMAGES >> 1]!).toBeLessThan(Math.min(...a.bitsPerDim.subarray(m, 2 * m)));
    // Progress: network evaluations of the reference and the batch (T for the ELBO + 3 anomaly timesteps each), rising.
    const progress = events.filter((e): e is Extract<WorkerEvent, { type: 'elboProgress' }> => e.type === 'elboProgress' && e.id === 21);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.total === 2 * (T + 3))).toBe(true);
    for (let k = 1; k < progress.length; k++) expect(progress[k]!.done).toBeGreaterThan(progress[k - 1]!.done);
    // Same step: the reference is not scored again (half the work), and comes back the same.
    const b = await images.likelihood(22, digits.slice(0, DIGIT_DIM), 3);
    expect(b.reference).toEqual(a.reference);
    expect(events.filter((e) => e.type === 'elboProgress' && e.id === 22).every((e) => (e as { total: number }).total === T + 3)).toBe(true);
    // Same images, same seed: the same noise draws, the same figures.
    const again = await images.likelihood(23, digits.slice(0, DIGIT_DIM), 3);
    expect(Array.from(again.bitsPerDim)).toEqual(Array.from(b.bitsPerDim));
    expect(Array.from(again.anomaly)).toEqual(Array.from(b.anomaly));
    dispose();
  }, 300_000);

  it('likelihood refuses a batch that is not whole images or not finite, naming images, before anything runs', async () => {
    const { images, dispose } = makeImages();
    await expect(images.likelihood(1, new Float32Array(63), 0)).rejects.toMatchObject({ param: 'images' });
    await expect(images.likelihood(1, new Float32Array(64).fill(NaN), 0)).rejects.toMatchObject({ param: 'images' });
    expect(images.steps()).toEqual({});
    dispose();
  });
});

describe('the ELBO’s last step for pure noise', () => {
  it('takes ε̂ = x_T/√(1 − ᾱ_T) at t = T when ᾱ_T ≈ 0 (cosine), the network elsewhere; a schedule with ᾱ_T ≥ 10⁻⁶ keeps the network', async () => {
    const zero = (xt: Float32Array): Float32Array => new Float32Array(xt.length);
    const x = Float32Array.from([0.5, -2, 1]);
    const cosine = elboEpsFn(zero, schedule);
    const abT = schedule.alphaBars[T - 1]!;
    expect(abT).toBeLessThan(1e-8);
    const last = await cosine(x, T - 1);
    x.forEach((v, k) => expect(last[k]).toBeCloseTo(v / Math.sqrt(1 - abT), 6));
    expect(Array.from(await cosine(x, T - 2))).toEqual([0, 0, 0]);
    const linear = makeSchedule({ kind: 'linear', T: 1000 }); // ᾱ_T ≈ 4·10⁻⁵
    expect(linear.alphaBars[T - 1]!).toBeGreaterThan(1e-6);
    expect(elboEpsFn(zero, linear)).toBe(zero);
  });
});
