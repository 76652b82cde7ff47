import { describe, expect, it } from 'vitest';
import { makeRng } from '../rng';
import { BALL_CLIPS, centreRange, drawBall, makeBallClips, reflectedPosition } from './bouncingBall';
import { independentFrames } from './independentFrames';
import { ballPresent, clipFigures, fitBouncingAxis, frameInk } from './temporalConsistency';

const { frames, side, radius } = BALL_CLIPS;
const PX = side * side;
const DISC = Math.PI * radius * radius;
const [LO, HI] = centreRange(BALL_CLIPS);

/** One clip with the ball at the given centres. */
function clipAt(centres: [number, number][]): Float32Array {
  const out = new Float32Array(centres.length * PX);
  centres.forEach(([x, y], f) => drawBall(x, y, radius, side, out.subarray(f * PX, (f + 1) * PX)));
  return out;
}

describe('frameInk and ballPresent', () => {
  it('reads a ball’s ink πr² and centre; one ball is present, two, none or one smeared over two places are not', () => {
    const ink = frameInk(drawBall(4.2, 3.1, radius, side), side, radius);
    expect(ink.mass / DISC).toBeCloseTo(1, 1);
    expect(ink.blobMass).toBeCloseTo(ink.mass, 5); // the whole disc inside the window
    expect(ink.cx).toBeCloseTo(4.2, 1);
    expect(ink.cy).toBeCloseTo(3.1, 1);
    expect(ballPresent(ink, radius)).toBe(true);

    const a = drawBall(2, 2, radius, side);
    const b = drawBall(6, 6, radius, side);
    const two = a.map((v, p) => Math.min(1, v + b[p]! + 1)); // both inks, summed
    expect(frameInk(two, side, radius).mass / DISC).toBeCloseTo(2, 1);
    expect(ballPresent(frameInk(two, side, radius), radius)).toBe(false);
    const halves = a.map((v, p) => (v + b[p]!) / 2); // each at half ink: the mass of one, in two places
    expect(frameInk(halves, side, radius).mass / DISC).toBeCloseTo(1, 1);
    expect(ballPresent(frameInk(halves, side, radius), radius)).toBe(false);
    const blank = new Float32Array(PX).fill(-1);
    expect(ballPresent(frameInk(blank, side, radius), radius)).toBe(false);
    expect(frameInk(blank, side, radius)).toEqual({ mass: 0, blobMass: 0, cx: side / 2, cy: side / 2 });
  });

  it('keeps the centre and the verdict under faint speckle (ink 0.05 on 20 far pixels: 1 px², under πr²/4 = 1.8)', () => {
    const frame = drawBall(2.5, 2.5, radius, side);
    for (let p = 0; p < 20; p++) frame[63 - p] = -0.9; // the bottom rows, far from the ball
    const ink = frameInk(frame, side, radius);
    expect(ink.cx).toBeCloseTo(2.5, 1);
    expect(ink.cy).toBeCloseTo(2.5, 1);
    expect(ballPresent(ink, radius)).toBe(true);
  });
});

describe('fitBouncingAxis', () => {
  it('recovers the start and velocity of an exact folded track (residual 0), with and without bounces', () => {
    for (const [p0, v] of [[2.3, 0.9], [5.9, -1.1], [3, 0.2]] as const) {
      const track = Array.from({ length: frames }, (_, f) => reflectedPosition(p0, v, f, LO, HI));
      const fit = fitBouncingAxis(track, LO, HI, BALL_CLIPS.maxSpeed);
      expect(fit.rms).toBeLessThan(2e-3);
      expect(fit.p0).toBeCloseTo(p0, 2);
      expect(fit.v).toBeCloseTo(v, 2);
    }
  });

  it('leaves about the spread of the points for positions drawn at random (uniform on 5 px: SD 1.44 px)', () => {
    const rng = makeRng(3);
    let mean = 0;
    for (let k = 0; k < 100; k++) mean += fitBouncingAxis(Array.from({ length: frames }, () => LO + (HI - LO) * rng.uniform()), LO, HI, BALL_CLIPS.maxSpeed).rms / 100;
    // Two parameters fitted to 8 points keep at least a fraction of the spread; far from the data's ≈ 0.
    expect(mean).toBeGreaterThan(0.5);
    expect(mean).toBeLessThan(1.44);
  });
});

describe('clipFigures', () => {
  it('scores a still ball 0 change, a straight slide ≈ 0 fit error, a ball jumping between far corners 2πr² change', () => {
    const still = clipFigures(clipAt(Array.from({ length: frames }, () => [4, 4])), BALL_CLIPS);
    expect(still.frameChange).toBe(0);
    expect(still.bounceFitError).toBeLessThan(0.02);
    expect(still.ballPresentShare).toBe(1);
    const slide = clipFigures(clipAt(Array.from({ length: frames }, (_, f) => [1.6 + 0.6 * f, 2 + 0.3 * f])), BALL_CLIPS);
    // Ink read at pixel centres puts the centroid a few hundredths of a pixel off the centre, by sub-pixel phase.
    expect(slide.bounceFitError).toBeLessThan(0.1);
    const jumps = clipFigures(clipAt(Array.from({ length: frames }, (_, f) => (f % 2 ? [1.6, 1.6] : [6.4, 6.4]))), BALL_CLIPS);
    // Discs 6.8 px apart do not overlap: each change moves all the ink, twice πr² (up to supersampling).
    expect(jumps.frameChange / (2 * DISC)).toBeCloseTo(1, 1);
  });

  it('separates the data (fit ≈ 0, every frame a ball) from the same frames drawn independently', () => {
    const data = makeBallClips(200, 1);
    const real = clipFigures(data.clips, BALL_CLIPS);
    const shuffled = clipFigures(independentFrames(data.clips, BALL_CLIPS, 200, 2), BALL_CLIPS);
    expect(real.ballPresentShare).toBe(1);
    expect(shuffled.ballPresentShare).toBe(1);
    expect(real.meanMass / DISC).toBeCloseTo(1, 1);
    expect(real.bounceFitError).toBeLessThan(0.1);
    expect(shuffled.bounceFitError).toBeGreaterThan(10 * real.bounceFitError);
    // A real step moves the ball 0.75–1.25 px (crescents ≈ 4r·d ≈ 6 px²); an independent one ≈ 2.6 px on average.
    expect(real.frameChange).toBeGreaterThan(3);
    expect(real.frameChange).toBeLessThan(8);
    expect(shuffled.frameChange).toBeGreaterThan(1.5 * real.frameChange);
  });

  it('scores uniform noise frames as no ball', () => {
    const rng = makeRng(9);
    const noise = Float32Array.from({ length: 20 * frames * PX }, () => 2 * rng.uniform() - 1);
    expect(clipFigures(noise, BALL_CLIPS).ballPresentShare).toBe(0);
  });
});
