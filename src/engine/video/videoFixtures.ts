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
import { checkVideoModelFile, videoRecipeFileConfig } from './videoModelFile';
import { videoNetwork } from './videoModels';
import type { VideoModelKind } from './videoRecipe';

export const VIDEO_FIXTURE_DIR = resolve(import.meta.dirname, 'fixtures');
/** Seed of the fixtures' training clips, initial weights and batches. */
export const VIDEO_FIXTURE_SEED = 0;

/** The fixture of `kind` in the recipe's network (checked against the recipe before loading). */
export function loadVideoFixture(kind: VideoModelKind, file: ModelFile = decodeModelFile(readFileSync(resolve(VIDEO_FIXTURE_DIR, `${kind}.bin`)))): { net: Denoiser; schedule: Schedule; step: number } {
  const checked = checkVideoModelFile(file, videoRecipeFileConfig(kind));
  const { net, schedule } = videoNetwork(kind, BALL_CLIPS);
  net.setWeights(checked.weights);
  return { net, schedule, step: checked.step };
}
