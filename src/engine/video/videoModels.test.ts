import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectInputError } from '../expectInputError';
import { useTestBackend } from '../tf/testBackend';
import { BALL_CLIPS, makeBallClips } from './bouncingBall';
import { buildVideoModel, drawClips, videoNetwork } from './videoModels';
import { videoModelDim } from './videoRecipe';

beforeAll(async () => {
  await useTestBackend();
});

describe('the two video models', () => {
  const data = makeBallClips(64, 3);

  it('joint rows are whole clips (8·8·8 = 512 numbers), per-frame rows single frames (64), both trained on the same buffer', () => {
    expect(videoModelDim('joint', BALL_CLIPS)).toBe(512);
    expect(videoModelDim('perFrame', BALL_CLIPS)).toBe(64);
    for (const kind of ['joint', 'perFrame'] as const) {
      const before = tf.memory().numTensors;
      const video = buildVideoModel(kind, data, 0);
      expect(video.model.config.dim).toBe(videoModelDim(kind, BALL_CLIPS));
      video.trainer.train(3);
      expect(video.trainer.stepCount).toBe(3);
      video.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('draws n clips of frames × side² pixels in [−1, 1] from either, the same for the same seed; refuses a network of another size', async () => {
    for (const kind of ['joint', 'perFrame'] as const) {
      const { net, schedule } = videoNetwork(kind, BALL_CLIPS);
      const a = await drawClips(net, schedule, BALL_CLIPS, 3, 5, { steps: 5 });
      expect(a.length).toBe(3 * 512);
      expect(a.every((v) => v >= -1 && v <= 1)).toBe(true);
      expect(await drawClips(net, schedule, BALL_CLIPS, 3, 5, { steps: 5 })).toEqual(a);
      net.dispose();
    }
    const { net, schedule } = videoNetwork('perFrame', { ...BALL_CLIPS, side: 6 });
    await expect(drawClips(net, schedule, BALL_CLIPS, 3, 5)).rejects.toThrow(/net must be/);
    net.dispose();
    expectInputError(() => buildVideoModel('both' as never, data, 0), 'kind');
  });
});
