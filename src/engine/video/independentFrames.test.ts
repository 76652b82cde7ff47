import { describe, expect, it } from 'vitest';
import type { BallClipSpec } from './bouncingBall';
import { independentFrames } from './independentFrames';

/** 1×1 "frames", 4 to a clip, so a frame is one number and its value names where it came from. */
const SPEC: BallClipSpec = { frames: 4, side: 1, radius: 0.5, minSpeed: 0, maxSpeed: 0 };

describe('independentFrames (eq. 9.2: each frame drawn on its own from all frames)', () => {
  // 10 clips × 4 frames; frame f of clip k holds the value 4k + f, so every source frame is distinct.
  const source = Float32Array.from({ length: 40 }, (_, i) => i);
  const out = independentFrames(source, SPEC, 5000, 7);

  it('returns n whole clips, every frame a copy of some source frame', () => {
    expect(out.length).toBe(5000 * 4);
    for (const v of out) expect(Number.isInteger(v) && v >= 0 && v < 40).toBe(true);
  });

  it('draws the 40 source frames uniformly: each about 20,000/40 = 500 times (χ² with 39 d.o.f. below its 0.999 quantile, 72.1)', () => {
    const counts = new Array<number>(40).fill(0);
    for (const v of out) counts[v]!++;
    const expected = out.length / 40;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(72.1);
  });

  it('ties no frame to the one before: the next frame comes from the same source clip 1 time in 10, not always', () => {
    let same = 0;
    let pairs = 0;
    for (let k = 0; k < 5000; k++) {
      for (let f = 0; f + 1 < 4; f++) {
        pairs++;
        if (Math.floor(out[k * 4 + f]! / 4) === Math.floor(out[k * 4 + f + 1]! / 4)) same++;
      }
    }
    // Independent uniform draws over 10 clips: P(same clip) = 1/10; 15,000 pairs, sd ≈ 0.0024.
    expect(same / pairs).toBeGreaterThan(0.09);
    expect(same / pairs).toBeLessThan(0.11);
  });

  it('is reproducible from its seed', () => {
    expect(independentFrames(source, SPEC, 20, 7)).toEqual(out.subarray(0, 80));
  });
});
