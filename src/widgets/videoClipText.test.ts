import { describe, expect, it } from 'vitest';
import type { ClipFigures } from '../engine/video/temporalConsistency';
import { describeFigures, framesAt, jointVerdict, perFrameVerdict, ratio, times } from './videoClipText';

const fig = (frameChange: number, bounceFitError: number, ballPresentShare: number): ClipFigures => ({ clips: 64, frameChange, bounceFitError, ballPresentShare, meanMass: 7 });

describe('framesAt', () => {
  it('takes frame f of each of the first clips (clip k, frame f at (k·frames + f)·px), clamping the frame', () => {
    // 3 clips × 2 frames × 2 px: value = 100k + 10f + p.
    const clips = Float32Array.from({ length: 12 }, (_, i) => 100 * Math.floor(i / 4) + 10 * Math.floor((i % 4) / 2) + (i % 2));
    expect(Array.from(framesAt(clips, 2, 1, 2, 2))).toEqual([10, 11, 110, 111]);
    expect(Array.from(framesAt(clips, 5, 0, 2, 2))).toEqual([0, 1, 100, 101, 200, 201]); // only 3 clips there
    expect(Array.from(framesAt(clips, 1, 9, 2, 2))).toEqual([10, 11]);
  });
});

describe('the figures in words', () => {
  it('states ratios to two figures and the data beside a model’s', () => {
    expect(times(ratio(4.6, 5.3))).toBe('0.87×');
    expect(times(ratio(10.9, 5.3))).toBe('2.1×');
    expect(times(ratio(1, 0))).toBe('–');
    const w = describeFigures(fig(4.6, 0.26, 0.91), fig(5.3, 0.012, 1), false);
    expect(w.change).toBe("Change between frames: 4.6 px of ink, 0.87× the real clips' 5.3");
    expect(w.path).toBe('Off a straight bouncing path: 0.26 px (real clips: 0.01)');
    expect(w.balls).toBe('Frames showing one ball: 91%');
  });

  it('says why the joint clips miss the bar: too few balls, or a frame change outside 2×', () => {
    const data = fig(5, 0.01, 1);
    expect(jointVerdict(fig(4, 0.3, 0.9), data, true)).toMatch(/^Moves like the real clips: frame change 0.80× the data's \(within 2×\) and 90% of frames a ball/);
    expect(jointVerdict(fig(4, 0.3, 0.6), data, false)).toBe('Not there yet: only 60% of frames hold one ball (the bar asks 80%).');
    expect(jointVerdict(fig(11, 0.3, 0.6), data, false)).toBe("Not there yet: only 60% of frames hold one ball (the bar asks 80%), and the frame change is 2.2× the data's.");
    expect(jointVerdict(fig(2, 0.3, 0.9), data, false)).toBe("Not there yet: frame change 0.40× the data's (the bar asks within 2×).");
    expect(perFrameVerdict(fig(11, 1.6, 0.98), fig(4, 0.25, 0.9), data, true)).toBe(
      "Flickers: every frame is a good ball, but it jumps. Its path is 6.4× as far from a bouncing line as the joint model's, and it changes 2.2× as much as the real clips.",
    );
  });

  it('while the joint model draws balls in under 80% of frames, sets the per-frame row against the real clips, not the joint path', () => {
    // Joint model early in training: 14% balls, its "path" measured on blobs (1.6 px, as far off as the per-frame's).
    const text = perFrameVerdict(fig(11, 1.6, 0.98), fig(6, 1.6, 0.14), fig(5, 0.01, 1), false);
    expect(text).toContain('1.60 px off a bouncing path (real clips: 0.01)');
    expect(text).toContain('only 14% of frames');
    expect(text).not.toContain("joint model's, and");
  });
});
