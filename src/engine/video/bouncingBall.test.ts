import { describe, expect, it } from 'vitest';
import { expectInputError } from '../expectInputError';
import { BALL_CLIPS, centreRange, drawBall, makeBallClips, reflectedPosition } from './bouncingBall';

describe('reflectedPosition (a point bouncing between two walls)', () => {
  it('moves by v a frame and mirrors about the wall it crosses (worked by hand, walls at 1 and 5)', () => {
    // From 2 at +1.5 a frame: 2, 3.5, 5 (touches the wall), 6.5 mirrored about 5 = 3.5, then 2.
    expect([0, 1, 2, 3, 4].map((f) => reflectedPosition(2, 1.5, f, 1, 5))).toEqual([2, 3.5, 5, 3.5, 2]);
    // From 2 at −3: −1 mirrored about 1 = 3 (now moving +3); 6 mirrored about 5 = 4.
    expect(reflectedPosition(2, -3, 1, 1, 5)).toBeCloseTo(3, 12);
    expect(reflectedPosition(2, -3, 2, 1, 5)).toBeCloseTo(4, 12);
    // Period: after 2L / |v| frames the point is back where it started, whatever the direction.
    expect(reflectedPosition(2.7, 0.5, 16, 1, 5)).toBeCloseTo(2.7, 12);
    expect(reflectedPosition(2.7, -0.5, 16, 1, 5)).toBeCloseTo(2.7, 12);
  });
});

describe('drawBall (a supersampled disc)', () => {
  it('has the disc’s ink mass πr² and its centroid at the centre; pixels the disc misses are blank', () => {
    const r = 1.5;
    const img = drawBall(3.3, 4.1, r, 8);
    let mass = 0;
    let mx = 0;
    let my = 0;
    for (let j = 0; j < 8; j++) {
      for (let i = 0; i < 8; i++) {
        const ink = (img[j * 8 + i]! + 1) / 2;
        mass += ink;
        mx += ink * (i + 0.5);
        my += ink * (j + 0.5);
        // Nearest point of pixel (i, j) to the centre farther than r: no sub-point can be inside.
        const dx = Math.max(i - 3.3, 0, 3.3 - (i + 1));
        const dy = Math.max(j - 4.1, 0, 4.1 - (j + 1));
        if (dx * dx + dy * dy > r * r) expect(img[j * 8 + i]).toBe(-1);
      }
    }
    expect(mass).toBeGreaterThan(Math.PI * r * r * 0.97);
    expect(mass).toBeLessThan(Math.PI * r * r * 1.03);
    expect(mx / mass).toBeCloseTo(3.3, 1);
    expect(my / mass).toBeCloseTo(4.1, 1);
  });
});

describe('makeBallClips', () => {
  const { frames, side, radius } = BALL_CLIPS;
  const set = makeBallClips(200, 7);
  const [lo, hi] = centreRange(BALL_CLIPS);

  it('has n clips of frames × side² pixels in [−1, 1], each frame holding one ball’s ink (πr²)', () => {
    expect(set.dim).toBe(frames * side * side);
    expect(set.clips.length).toBe(200 * set.dim);
    expect(set.clips.every((v) => v >= -1 && v <= 1)).toBe(true);
    const px = side * side;
    for (let k = 0; k < 200 * frames; k++) {
      let mass = 0;
      for (let p = 0; p < px; p++) mass += (set.clips[k * px + p]! + 1) / 2;
      expect(Math.abs(mass / (Math.PI * radius * radius) - 1)).toBeLessThan(0.03);
    }
  });

  it('moves every ball by the reflection law: centre + v each frame, mirrored about a wall it would cross (v flips)', () => {
    let bounces = 0;
    for (let k = 0; k < set.n; k++) {
      const v = [set.velocities[2 * k]!, set.velocities[2 * k + 1]!];
      const speed = Math.hypot(v[0]!, v[1]!);
      expect(speed).toBeGreaterThanOrEqual(BALL_CLIPS.minSpeed - 1e-6);
      expect(speed).toBeLessThanOrEqual(BALL_CLIPS.maxSpeed + 1e-6);
      for (let f = 0; f + 1 < frames; f++) {
        for (let a = 0; a < 2; a++) {
          const c = set.centres[(k * frames + f) * 2 + a]!;
          const next = set.centres[(k * frames + f + 1) * 2 + a]!;
          expect(c).toBeGreaterThanOrEqual(lo - 1e-5);
          expect(c).toBeLessThanOrEqual(hi + 1e-5);
          // An independent simulation, one frame at a time (|v| < hi − lo, so at most one wall a frame).
          let p = c + v[a]!;
          if (p > hi) (p = 2 * hi - p), (v[a] = -v[a]!), bounces++;
          else if (p < lo) (p = 2 * lo - p), (v[a] = -v[a]!), bounces++;
          expect(next).toBeCloseTo(p, 4);
        }
      }
    }
    // 5–9 px of travel per axis in a 5 px range: bounces are common (about one per clip).
    expect(bounces).toBeGreaterThan(100);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(makeBallClips(20, 7).clips).toEqual(set.clips.subarray(0, 20 * set.dim));
    expect(makeBallClips(20, 8).clips).not.toEqual(set.clips.subarray(0, 20 * set.dim));
  });

  it('refuses bad input, naming it', () => {
    expectInputError(() => makeBallClips(0, 1), 'n');
    expectInputError(() => makeBallClips(10, Number.NaN), 'seed');
    expectInputError(() => makeBallClips(10, 1, { ...BALL_CLIPS, frames: 1 }), 'frames');
    expectInputError(() => makeBallClips(10, 1, { ...BALL_CLIPS, radius: 4 }), 'radius');
    expectInputError(() => makeBallClips(10, 1, { ...BALL_CLIPS, maxSpeed: 0.5 }), 'maxSpeed');
  });
});
