import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../engine/tf/testBackend';
import { makeBallClips } from '../engine/video/bouncingBall';
import { CHANGE_RATIO_BAR } from '../engine/video/videoBar';
import type { ProgressEvent, VideoSampleResult, WorkerEvent } from './protocol';
import { TrainingLoop } from './trainingLoop';
import { validateRequest } from './validateRequest';
import { VideoModels } from './videoModels';

/** The worker's video models, their pretrained files read from public/ (what the site serves) instead of fetched. */
function makeVideo(missing: string[] = []) {
  const events: WorkerEvent[] = [];
  const loads: string[] = [];
  const post = (e: WorkerEvent): void => void events.push(e);
  const loop = new TrainingLoop(post);
  const video = new VideoModels(post, loop, async (path) => {
    loads.push(path);
    if (missing.includes(path)) throw new Error('404 Not Found');
    const b = readFileSync(resolve(import.meta.dirname, '../../public', path));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  });
  return { events, loads, loop, video, dispose: () => (video.dispose(), loop.dispose()) };
}

describe('the video models in the worker (under Node)', () => {
  const w = makeVideo();
  let before = 0;
  beforeAll(async () => {
    await useTestBackend();
    before = tf.memory().numTensors;
  });
  afterAll(() => {
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('start from the shipped files (6,000 steps each) and say so', async () => {
    await w.video.ensure('videoJoint');
    await w.video.ensure('videoFrames');
    expect(w.loads).toEqual(['pretrained/video-joint.bin', 'pretrained/video-frames.bin']);
    expect(w.video.steps()).toEqual({ videoJoint: 6000, videoFrames: 6000 });
    const origins = w.events.filter((e) => e.type === 'modelOrigin');
    expect(origins.map((e) => e.type === 'modelOrigin' && [e.model, e.origin.kind, e.step])).toEqual([['videoJoint', 'pretrained', 6000], ['videoFrames', 'pretrained', 6000]]);
  });

  it('sample n clips of 8 × 8×8 in [−1, 1] beside n data clips from the same seed; joint moves like the data, per-frame jumps', async () => {
    const n = 48;
    const joint = await w.video.sample('videoJoint', 1, { n, seed: 5, owner: 'a' });
    const frames = await w.video.sample('videoFrames', 2, { n, seed: 5, owner: 'a' });
    for (const r of [joint, frames]) {
      expect(r.cancelled).toBe(false);
      expect(r.clips.length).toBe(n * 8 * 64);
      expect(r.clips.every((v) => v >= -1 && v <= 1)).toBe(true);
      // The data row is the generator's own clips for that seed (not the model's).
      expect(r.dataClips).toEqual(makeBallClips(n, 5).clips);
    }
    const ratio = joint.figures.frameChange / joint.data.frameChange;
    console.info(`n=${n}: data change ${joint.data.frameChange.toFixed(2)} fit ${joint.data.bounceFitError.toFixed(3)}; joint ×${ratio.toFixed(2)} fit ${joint.figures.bounceFitError.toFixed(3)}; per-frame ×${(frames.figures.frameChange / frames.data.frameChange).toFixed(2)} fit ${frames.figures.bounceFitError.toFixed(3)}`);
    expect(ratio).toBeGreaterThan(1 / CHANGE_RATIO_BAR);
    expect(ratio).toBeLessThan(CHANGE_RATIO_BAR);
    expect(frames.figures.bounceFitError).toBeGreaterThan(3 * joint.figures.bounceFitError);
    expect(frames.figures.frameChange).toBeGreaterThan(1.5 * frames.data.frameChange);
  });

  it('a newer sample of the same model and owner cancels the older; another owner’s does not', async () => {
    const [first, second, other] = await Promise.all([
      w.video.sample('videoJoint', 10, { n: 4, seed: 1, owner: 'x' }),
      w.video.sample('videoJoint', 11, { n: 4, seed: 2, owner: 'x' }),
      w.video.sample('videoJoint', 12, { n: 4, seed: 3, owner: 'y' }),
    ]);
    expect([first, second, other].map((r: VideoSampleResult) => r.cancelled)).toEqual([true, false, false]);
  });

  it('trains the joint model through the loop; "from scratch" starts untrained at step 0, "pretrained" goes back to 6,000', async () => {
    expect(await w.video.restart('videoJoint', 'scratch')).toEqual({ origin: { kind: 'untrained', steps: 0 }, step: 0 });
    await w.loop.stepN('videoJoint', 1, 30);
    const progress = w.events.filter((e): e is ProgressEvent => e.type === 'progress' && e.model === 'videoJoint');
    expect(progress.at(-1)!.step).toBe(30);
    expect(Number.isFinite(progress.at(-1)!.loss)).toBe(true);
    expect(w.video.steps().videoJoint).toBe(30);
    expect(w.video.steps().videoFrames).toBe(6000); // the other model untouched
    expect(await w.video.restart('videoJoint', 'pretrained')).toEqual({ origin: { kind: 'pretrained', steps: 6000 }, step: 6000 });
  });

  it('refuses bad requests before anything runs, naming the field', () => {
    const bad = (m: unknown): string => {
      const v = validateRequest(m);
      return v.ok ? 'accepted' : v.field;
    };
    expect(bad({ type: 'sample', id: 1, runId: 1, model: 'videoJoint', options: { n: 6, seed: 1, owner: 'video-clips' } })).toBe('accepted');
    expect(bad({ type: 'sample', id: 1, runId: 1, model: 'videoJoint', options: { n: 0, seed: 1 } })).toBe('options.n');
    expect(bad({ type: 'sample', id: 1, runId: 1, model: 'videoFrames', options: { n: 257, seed: 1 } })).toBe('options.n');
    expect(bad({ type: 'sample', id: 1, runId: 1, model: 'videoFrames', options: { n: 4, seed: -1 } })).toBe('options.seed');
    expect(bad({ type: 'videoModelStart', id: 1, from: 'scratch', model: 'videoJoint' })).toBe('accepted');
    expect(bad({ type: 'videoModelStart', id: 1, from: 'scratch', model: 'images' })).toBe('model');
    expect(bad({ type: 'videoModelStart', id: 1, from: 'nowhere', model: 'videoJoint' })).toBe('from');
    expect(bad({ type: 'train', id: 1, runId: 1, action: 'start', model: 'videoJoint' })).toBe('accepted');
  });
});

describe('a missing pretrained file', () => {
  it('leaves the model untrained with a note saying why (the other model unaffected)', async () => {
    await useTestBackend();
    const w = makeVideo(['pretrained/video-joint.bin']);
    await w.video.ensure('videoJoint');
    const origin = w.events.find((e) => e.type === 'modelOrigin');
    expect(origin?.type === 'modelOrigin' && origin.origin.kind).toBe('untrained');
    expect(origin?.type === 'modelOrigin' && origin.origin.note).toMatch(/could not be loaded \(404 Not Found\)/);
    expect(w.video.steps()).toEqual({ videoJoint: 0 });
    w.dispose();
  });
});
