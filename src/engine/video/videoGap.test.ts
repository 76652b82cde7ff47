/**
 * Issue 15's measured contrast on a fixed seed: clips from the joint model (all frames denoised as
 * one vector) move as the data's do; clips from the per-frame model (an image model sampled once
 * per frame) flicker. The two networks are the recipe's (videoModels.ts), trained by
 * scripts/video/pretrain.ts and committed as int8 model files (public/pretrained/video-*.bin, ≈ 230 KB together),
 * so the test samples and scores (≈ 10 s) instead of training (≈ 2 min).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../tf/testBackend';
import { BALL_CLIPS } from './bouncingBall';
import { measureVideoGap } from './videoGap';
import { CHANGE_RATIO_BAR, jointMeetsBar, perFrameClearlyWorse } from './videoBar';
import { loadVideoFixture } from './videoFixtures';

beforeAll(async () => {
  await useTestBackend();
});

describe('frames that agree: a joint video model against a per-frame one', () => {
  it('joint clips move like the data (frame change within 2×, balls in most frames); per-frame clips are balls that jump', async () => {
    const joint = loadVideoFixture('joint');
    const perFrame = loadVideoFixture('perFrame');
    const before = tf.memory().numTensors;
    const gap = await measureVideoGap(joint.net, perFrame.net, joint.schedule, BALL_CLIPS);
    expect(tf.memory().numTensors).toBe(before);
    const fmt = (name: string, f: typeof gap.data): string => `  ${name}: change ${f.frameChange.toFixed(2)} px², fit ${f.bounceFitError.toFixed(3)} px, ball ${(100 * f.ballPresentShare).toFixed(1)}%, ink ${f.meanMass.toFixed(2)} px²`;
    console.info(Object.entries(gap).map(([k, f]) => fmt(k, f)).join('\n'));

    // The yardstick: the data are balls on bouncing paths (fit ≈ 0; a 0.75–1.25 px step changes ≈ 4r·d px² of ink).
    expect(gap.data.ballPresentShare).toBe(1);
    expect(gap.data.bounceFitError).toBeLessThan(0.1);

    // Joint: the bar, spelled out (jointMeetsBar is the same checks).
    const ratio = gap.joint.frameChange / gap.data.frameChange;
    expect(ratio).toBeGreaterThanOrEqual(1 / CHANGE_RATIO_BAR);
    expect(ratio).toBeLessThanOrEqual(CHANGE_RATIO_BAR);
    expect(gap.joint.ballPresentShare).toBeGreaterThanOrEqual(0.8);
    expect(jointMeetsBar(gap.joint, gap.data)).toBe(true);

    // Per-frame: nearly every frame is a ball on its own, yet the clip flickers: its track is far
    // from any bouncing path and its frames change much more than the data's and the joint's.
    expect(gap.perFrame.ballPresentShare).toBeGreaterThan(0.9);
    expect(gap.perFrame.bounceFitError).toBeGreaterThan(3 * gap.joint.bounceFitError);
    expect(gap.perFrame.frameChange).toBeGreaterThan(1.5 * gap.data.frameChange);
    expect(gap.perFrame.frameChange).toBeGreaterThan(2 * gap.joint.frameChange);
    expect(perFrameClearlyWorse(gap.perFrame, gap.joint, gap.data)).toBe(true);
    // …as a flawless per-frame model would be: real frames drawn independently jump as far.
    expect(gap.independentFrames.bounceFitError).toBeGreaterThan(3 * gap.joint.bounceFitError);
    expect(gap.perFrame.bounceFitError).toBeGreaterThan(0.5 * gap.independentFrames.bounceFitError);

    joint.net.dispose();
    perFrame.net.dispose();
  }, 120_000);
});
