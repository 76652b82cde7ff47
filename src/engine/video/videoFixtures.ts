/**
 * Test helper (not shipped, Node only): the two trained video models the site ships in
 * public/pretrained/ (int8 model files, made by `npm run pretrain -- --datasets=video`,
 * scripts/video/pretrain.ts), loaded into the recipe's networks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeModelFile, type ModelFile } from '../modelFile';
import type { Denoiser } from '../tf/denoiser';
import type { Schedule } from '../schedule';
import { BALL_CLIPS } from './bouncingBall';
import { checkVideoModelFile, VIDEO_PRETRAINED_FILES, videoRecipeFileConfig } from './videoModelFile';
import { videoNetwork } from './videoModels';
import { VIDEO_SEED, type VideoModelKind } from './videoRecipe';

/** The site's public folder: the files live at VIDEO_PRETRAINED_FILES under it. */
export const VIDEO_PUBLIC_DIR = resolve(import.meta.dirname, '../../../public');
export const videoFixturePath = (kind: VideoModelKind): string => resolve(VIDEO_PUBLIC_DIR, VIDEO_PRETRAINED_FILES[kind]);
/** Seed of the fixtures' training clips, initial weights and batches. */
export const VIDEO_FIXTURE_SEED = VIDEO_SEED;

/** The fixture of `kind` in the recipe's network (checked against the recipe before loading). */
export function loadVideoFixture(kind: VideoModelKind, file: ModelFile = decodeModelFile(readFileSync(videoFixturePath(kind)))): { net: Denoiser; schedule: Schedule; step: number } {
  const checked = checkVideoModelFile(file, videoRecipeFileConfig(kind));
  const { net, schedule } = videoNetwork(kind, BALL_CLIPS);
  net.setWeights(checked.weights);
  return { net, schedule, step: checked.step };
}
