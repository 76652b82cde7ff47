/**
 * Test helper (not shipped, Node only): the two trained video models in fixtures/ (int8 model
 * files, made by scripts/video/pretrain.ts), loaded into the recipe's networks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeModelFile, type ModelFile } from '../modelFile';
import type { Denoiser } from '../tf/denoiser';
import type { Schedule } from '../schedule';
import { BALL_CLIPS } from './bouncingBall';
import { checkVideoModelFile, videoModelFileConfig, type VideoModelFileConfig } from './videoModelFile';
import { VIDEO_NET, VIDEO_SCHEDULE, videoNetwork, type VideoModelKind } from './videoModels';

export const VIDEO_FIXTURE_DIR = resolve(import.meta.dirname, 'fixtures');
/** Seed of the fixtures' training clips, initial weights and batches. */
export const VIDEO_FIXTURE_SEED = 0;

/** The settings a fixture of `kind` carries: the recipe's, on the default clips. */
export function videoFixtureConfig(kind: VideoModelKind): VideoModelFileConfig {
  const { width, depth, timeEmbedDim, inputEmbedDim, prediction } = VIDEO_NET;
  return videoModelFileConfig(kind, BALL_CLIPS, { width, depth, timeEmbedDim, inputEmbedDim, prediction }, VIDEO_SCHEDULE);
}

/** The fixture of `kind` in the recipe's network (checked against the recipe before loading). */
export function loadVideoFixture(kind: VideoModelKind, file: ModelFile = decodeModelFile(readFileSync(resolve(VIDEO_FIXTURE_DIR, `${kind}.bin`)))): { net: Denoiser; schedule: Schedule; step: number } {
  const checked = checkVideoModelFile(file, videoFixtureConfig(kind));
  const { net, schedule } = videoNetwork(kind, BALL_CLIPS);
  net.setWeights(checked.weights);
  return { net, schedule, step: checked.step };
}
