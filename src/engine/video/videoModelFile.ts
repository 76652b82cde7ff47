/**
 * A video model as a file: the playground's model file (modelFile.ts, "DPMF", int8 weights as the
 * pretrained digits use, int8Weights.ts) whose settings say which video model it is, so weights are
 * checked against the network before any is loaded. No tfjs here, so a page can check a file itself. Used for the
 * site's pretrained defaults (VIDEO_PRETRAINED_FILES, made by scripts/video/pretrain.ts), which the tests load too.
 */
import { ModelFileError, type ModelFile } from '../modelFile';
import type { ScheduleOptions } from '../schedule';
import type { DenoiserConfig } from '../tf/denoiserConfig';
import { BALL_CLIPS, type BallClipSpec } from './bouncingBall';
import { VIDEO_NET, VIDEO_SCHEDULE, type VideoModelKind } from './videoRecipe';

export interface VideoModelFileConfig {
  kind: 'video-ddpm';
  model: VideoModelKind;
  clips: BallClipSpec;
  net: Pick<DenoiserConfig, 'width' | 'depth' | 'timeEmbedDim' | 'inputEmbedDim' | 'prediction'>;
  schedule: ScheduleOptions;
}

/** JSON with object keys sorted, so settings compare equal whatever order a file wrote them in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v));
}

/** Throws a ModelFileError naming the first difference unless `file` holds the model `expected` describes. */
export function checkVideoModelFile(file: ModelFile, expected: VideoModelFileConfig): ModelFile<VideoModelFileConfig> {
  const c = file.config as Partial<VideoModelFileConfig>;
  if (c.kind !== 'video-ddpm') throw new ModelFileError(`This is not a video model (kind ${String(c.kind)}); expected a ${expected.model} video model.`);
  for (const key of ['model', 'clips', 'net', 'schedule'] as const) {
    if (canonical(c[key]) !== canonical(expected[key])) {
      throw new ModelFileError(`This video model's ${key} is ${JSON.stringify(c[key])}; expected ${JSON.stringify(expected[key])}.`);
    }
  }
  return file as unknown as ModelFile<VideoModelFileConfig>;
}

/** The settings a file of the recipe's `kind` model (videoModels.ts) carries. */
export function videoModelFileConfig(kind: VideoModelKind, clips: BallClipSpec, net: VideoModelFileConfig['net'], schedule: ScheduleOptions): VideoModelFileConfig {
  return { kind: 'video-ddpm', model: kind, clips, net, schedule };
}

/** The settings a file of the recipe's `kind` model (videoRecipe.ts) on `clips` carries: the fixtures', and the page's. */
export function videoRecipeFileConfig(kind: VideoModelKind, clips: BallClipSpec = BALL_CLIPS): VideoModelFileConfig {
  const { width, depth, timeEmbedDim, inputEmbedDim, prediction } = VIDEO_NET;
  return videoModelFileConfig(kind, clips, { width, depth, timeEmbedDim, inputEmbedDim, prediction }, VIDEO_SCHEDULE);
}

/** Where the site ships each pretrained video model, relative to its base URL (public/ in the repository). */
export const VIDEO_PRETRAINED_FILES: Record<VideoModelKind, string> = { joint: 'pretrained/video-joint.bin', perFrame: 'pretrained/video-frames.bin' };
