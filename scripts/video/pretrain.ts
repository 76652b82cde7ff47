/**
 * Trains the two video models (src/engine/video/videoModels.ts) under Node on WASM and writes them
 * as int8 model files (src/engine/video/videoModelFile.ts) to public/pretrained/video-joint.bin and
 * video-frames.bin: the site's defaults, and the weights the gap test (videoGap.test.ts) samples
 * from; then scores the decoded files the way the test does and prints the figures beside the data's.
 * The recipe and seeds are the worker's (src/worker/videoModels.ts builds the same networks), so a
 * page's "Train from scratch" retraces this run.
 *
 * Run: npm run pretrain -- --datasets=video [--video-steps=6000]
 *  or: node scripts/video/pretrain.mjs [--jointSteps=6000] [--perFrameSteps=6000]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeModelFile } from '../../src/engine/modelFile';
import { useTestBackend } from '../../src/engine/tf/testBackend';
import { BALL_CLIPS, makeBallClips } from '../../src/engine/video/bouncingBall';
import { measureVideoGap } from '../../src/engine/video/videoGap';
import { buildVideoModel } from '../../src/engine/video/videoModels';
import { VIDEO_MODEL_KINDS, VIDEO_SEED, VIDEO_TRAIN_CLIPS } from '../../src/engine/video/videoRecipe';
import { videoRecipeFileConfig } from '../../src/engine/video/videoModelFile';
import { loadVideoFixture, videoFixturePath } from '../../src/engine/video/videoFixtures';
import { fmtFigures } from './measure';

/** Steps of the shipped files (each model). */
export const VIDEO_STEPS = 6000;

/** Trains both models `steps` steps each (joint, per-frame) and writes the files; then scores them. */
export async function pretrainVideo(steps: { joint: number; perFrame: number } = { joint: VIDEO_STEPS, perFrame: VIDEO_STEPS }): Promise<void> {
  const data = makeBallClips(VIDEO_TRAIN_CLIPS, VIDEO_SEED);
  for (const kind of VIDEO_MODEL_KINDS) {
    const n = steps[kind];
    const video = buildVideoModel(kind, data, VIDEO_SEED);
    const t0 = performance.now();
    for (let k = 0; k < n; k += 500) video.trainer.train(Math.min(500, n - k));
    const { loss } = await video.trainer.readStats();
    const seconds = (performance.now() - t0) / 1000;
    const bytes = encodeModelFile({ config: videoRecipeFileConfig(kind), step: n, weights: await video.trainer.sampler.getWeights() }, 'int8');
    const path = videoFixturePath(kind);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    console.log(`video ${kind}: ${n} steps in ${seconds.toFixed(0)} s (${(n / seconds).toFixed(0)} steps/s), loss ${loss.toFixed(4)}; ${bytes.length} bytes → ${path}`);
    video.dispose();
  }
  await evaluateVideo();
}

/** Scores the shipped files as videoGap.test.ts does. */
export async function evaluateVideo(): Promise<void> {
  const joint = loadVideoFixture('joint');
  const perFrame = loadVideoFixture('perFrame');
  const t0 = performance.now();
  const gap = await measureVideoGap(joint.net, perFrame.net, joint.schedule, BALL_CLIPS);
  console.log(`video files (${joint.step} and ${perFrame.step} steps), as videoGap.test.ts scores them (${((performance.now() - t0) / 1000).toFixed(1)} s):`);
  for (const [name, fig] of Object.entries(gap)) console.log(`  ${name.padEnd(18)} ${fmtFigures(fig)}`);
  joint.net.dispose();
  perFrame.net.dispose();
}

export async function main(argv: string[]): Promise<number> {
  const o = { jointSteps: VIDEO_STEPS, perFrameSteps: VIDEO_STEPS };
  for (const a of argv) {
    const m = /^--(\w+)=(\d+)$/.exec(a);
    if (!m || !(m[1]! in o)) throw new Error(`unknown option ${a}`);
    (o as Record<string, number>)[m[1]!] = Number(m[2]);
  }
  await useTestBackend();
  await pretrainVideo({ joint: o.jointSteps, perFrame: o.perFrameSteps });
  return 0;
}
