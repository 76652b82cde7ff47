/**
 * A video model as a file: the playground's model file (modelFile.ts, "DPMF", int8 weights as the
 * pretrained digits use, int8Weights.ts) whose settings say which video model it is, so weights are
 * checked against the network before any is loaded. Used for the test fixtures in fixtures/ (made
 * by scripts/video/pretrain.ts) and, later, the page's pretrained clips.
 */
import { ModelFileError, type ModelFile } from '../modelFile';
import type { ScheduleOptions } from '../schedule';
import type { DenoiserConfig } from '../tf/denoiserConfig';
import type { BallClipSpec } from './bouncingBall';
import type { VideoModelKind } from './videoModels';

export interface VideoModelFileConfig {
  kind: 'video-ddpm';
  model: VideoModelKind;
  clips: BallClipSpec;
  net: Pick<DenoiserConfig, 'width' | 'depth' | 'timeEmbedDim' | 'inputEmbedDim' | 'prediction'>;
  schedule: ScheduleOptions;
}

/** Throws a ModelFileError naming the first difference unless `file` holds the model `expected` describes. */
export function checkVideoModelFile(file: ModelFile, expected: VideoModelFileConfig): ModelFile<VideoModelFileConfig> {
  const c = file.config as Partial<VideoModelFileConfig>;
  if (c.kind !== 'video-ddpm') throw new ModelFileError(`This is not a video model (kind ${String(c.kind)}); expected a ${expected.model} video model.`);
  for (const key of ['model', 'clips', 'net', 'schedule'] as const) {
    if (JSON.stringify(c[key]) !== JSON.stringify(expected[key])) {
      throw new ModelFileError(`This video model's ${key} is ${JSON.stringify(c[key])}; expected ${JSON.stringify(expected[key])}.`);
    }
  }
  return file as unknown as ModelFile<VideoModelFileConfig>;
}

/** The settings a file of the recipe's `kind` model (videoModels.ts) carries. */
export function videoModelFileConfig(kind: VideoModelKind, clips: BallClipSpec, net: VideoModelFileConfig['net'], schedule: ScheduleOptions): VideoModelFileConfig {
  return { kind: 'video-ddpm', model: kind, clips, net, schedule };
}
