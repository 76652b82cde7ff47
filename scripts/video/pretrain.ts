/**
 * Trains the two video models (src/engine/video/videoModels.ts) under Node on WASM and writes them
 * as int8 model files (src/engine/video/videoModelFile.ts) to src/engine/video/fixtures/, the
 * weights the gap test (videoGap.test.ts) samples from; then scores the decoded files the way the
 * test does and prints the figures beside the data's.
 *
 * Run: node scripts/video/pretrain.mjs [--jointSteps=6000] [--perFrameSteps=6000]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeModelFile } from '../../src/engine/modelFile';
import { useTestBackend } from '../../src/engine/tf/testBackend';
import { makeBallClips } from '../../src/engine/video/bouncingBall';
import { BALL_CLIPS } from '../../src/engine/video/bouncingBall';
import { measureVideoGap } from '../../src/engine/video/videoGap';
import { buildVideoModel } from '../../src/engine/video/videoModels';
import { VIDEO_MODEL_KINDS, VIDEO_TRAIN_CLIPS, type VideoModelKind } from '../../src/engine/video/videoRecipe';
import { videoRecipeFileConfig } from '../../src/engine/video/videoModelFile';
import { loadVideoFixture, VIDEO_FIXTURE_DIR, VIDEO_FIXTURE_SEED } from '../../src/engine/video/videoFixtures';
import { fmtFigures } from './measure';

export async function main(argv: string[]): Promise<number> {
  const o = { jointSteps: 6000, perFrameSteps: 6000 };
  for (const a of argv) {
    const m = /^--(\w+)=(\d+)$/.exec(a);
    if (!m || !(m[1]! in o)) throw new Error(`unknown option ${a}`);
    (o as Record<string, number>)[m[1]!] = Number(m[2]);
  }
  await useTestBackend();
  mkdirSync(VIDEO_FIXTURE_DIR, { recursive: true });
  const data = makeBallClips(VIDEO_TRAIN_CLIPS, VIDEO_FIXTURE_SEED);
  for (const kind of VIDEO_MODEL_KINDS) {
    const steps = kind === 'joint' ? o.jointSteps : o.perFrameSteps;
    const video = buildVideoModel(kind as VideoModelKind, data, VIDEO_FIXTURE_SEED);
    const t0 = performance.now();
    for (let k = 0; k < steps; k += 500) video.trainer.train(Math.min(500, steps - k));
    const { loss } = await video.trainer.readStats();
    const seconds = (performance.now() - t0) / 1000;
    const bytes = encodeModelFile({ config: videoRecipeFileConfig(kind), step: steps, weights: await video.trainer.sampler.getWeights() }, 'int8');
    const path = resolve(VIDEO_FIXTURE_DIR, `${kind}.bin`);
    writeFileSync(path, bytes);
    console.log(`${kind}: ${steps} steps in ${seconds.toFixed(0)} s (${(steps / seconds).toFixed(0)} steps/s), loss ${loss.toFixed(4)}; ${bytes.length} bytes → ${path}`);
    video.dispose();
  }
  const joint = loadVideoFixture('joint');
  const perFrame = loadVideoFixture('perFrame');
  const t0 = performance.now();
  const gap = await measureVideoGap(joint.net, perFrame.net, joint.schedule, BALL_CLIPS);
  console.log(`decoded files, as videoGap.test.ts scores them (${((performance.now() - t0) / 1000).toFixed(1)} s):`);
  for (const [name, fig] of Object.entries(gap)) console.log(`  ${name.padEnd(18)} ${fmtFigures(fig)}`);
  joint.net.dispose();
  perFrame.net.dispose();
  return 0;
}
