import { describe, expect, it } from 'vitest';
import { digitsHeldOut, digitsTrain } from '../datasets/digits';
import { loadDigits } from '../datasets/digitsFixture';
import { makeRng } from '../rng';
import { loadClassifier, torchReport } from './classifierFixture';
import { makeDigitYardstick, nearestNeighbours, passesDigitBar, scoreDigits } from './sampleQuality';

const set = loadDigits();
const train = digitsTrain(set);
const heldOut = digitsHeldOut(set);
const yardstick = makeDigitYardstick(loadClassifier(), train, heldOut);
const N = 500;

/** N images of 64 pixels drawn by `draw`, clipped to [−1, 1]. */
function noise(draw: () => number): Float32Array {
  return Float32Array.from({ length: N * 64 }, () => Math.max(-1, Math.min(1, draw())));
}

describe('the digit yardstick on real digits and on noise', () => {
  it('uses the held-out confident share torch measured', () => {
    expect(yardstick.heldOutConfidentShare).toBeCloseTo(torchReport().heldOutConfidentShare, 6);
  });

  it('passes real digits: 500 training images, what a perfect generator draws (confident, all ten, small FID)', () => {
    const real = scoreDigits(yardstick, train.points.slice(0, N * 64));
    expect(real.classesPresent).toBe(10);
    expect(real.normalisedEntropy).toBeGreaterThan(0.99); // the classes are balanced
    expect(real.confidentShare).toBeGreaterThan(0.9);
    expect(passesDigitBar(real, yardstick)).toBe(true);
    expect(real.frechet).toBeLessThan(5);
  });

  it('fails N(0, 1) and uniform noise, even though the classifier is sure of some of them; FID tells them apart', () => {
    const real = scoreDigits(yardstick, train.points.slice(0, N * 64));
    const rng = makeRng(11);
    const gauss = scoreDigits(yardstick, noise(() => rng.normal()));
    const uniform = scoreDigits(yardstick, noise(() => 2 * rng.uniform() - 1));
    for (const [name, s] of [['N(0,1) clipped', gauss], ['uniform', uniform]] as const) {
      console.info(`${name}: confident share ${s.confidentShare.toFixed(3)}, classes ${s.classesPresent}, entropy ${s.normalisedEntropy.toFixed(3)}, FID ${s.frechet.toFixed(1)} (real ${real.frechet.toFixed(2)})`);
      expect(passesDigitBar(s, yardstick)).toBe(false);
      expect(s.frechet).toBeGreaterThan(20 * real.frechet);
      // Noise is far from every training digit: nothing looks copied.
      expect(s.copiedShare).toBe(0);
      expect(s.nearestRatio).toBeGreaterThan(1.5);
    }
  });

  it('fails a collapsed model that draws one digit only, however confident', () => {
    const zeros: number[] = [];
    for (let r = 0; r < train.n && zeros.length < N * 64; r++) if (train.labels[r] === 0) zeros.push(...train.points.subarray(r * 64, r * 64 + 64));
    const s = scoreDigits(yardstick, Float32Array.from(zeros));
    expect(s.confidentShare).toBeGreaterThan(0.9);
    expect(s.classesPresent).toBe(1);
    expect(s.normalisedEntropy).toBeLessThan(0.1);
    expect(passesDigitBar(s, yardstick)).toBe(false);
  });

  it('measures memorisation: training images are copies (distance 0), held-out digits typical (ratio 1)', () => {
    const copies = scoreDigits(yardstick, train.points.slice(0, N * 64));
    expect(copies.nearestMedian).toBe(0);
    expect(copies.copiedShare).toBe(1);
    const fresh = scoreDigits(yardstick, heldOut.points);
    expect(fresh.nearestRatio).toBe(1);
    expect(fresh.copiedShare).toBe(0);
    const nn = nearestNeighbours(Float32Array.of(0, 0, 3, -4), Float32Array.of(1, 1, 0, 0, 3, 0), 2);
    expect(Array.from(nn.index)).toEqual([1, 2]);
    expect(Array.from(nn.distance)).toEqual([0, 4]);
  });

  it('for class-conditional samples also asks ≥ 90% of them to be the digit asked for', () => {
    const right = scoreDigits(yardstick, heldOut.points, heldOut.labels);
    expect(right.askedShare).toBe(torchReport().heldOutAccuracy);
    expect(passesDigitBar(right, yardstick)).toBe(true);
    const wrong = scoreDigits(yardstick, heldOut.points, heldOut.labels.map((c) => (c + 1) % 10));
    expect(wrong.askedShare).toBeLessThan(0.05);
    expect(passesDigitBar(wrong, yardstick)).toBe(false);
  });
});
