/**
 * Issue 15's contrast in one call: clips drawn from a joint model and from a per-frame model,
 * scored by the temporal figures (temporalConsistency.ts) beside the data's and those of the data's
 * frames drawn independently (independentFrames.ts: a flawless per-frame model).
 */
import type { Denoiser } from '../tf/denoiser';
import { makeBallClips, type BallClipSpec } from './bouncingBall';
import { independentFrames } from './independentFrames';
import { clipFigures, type ClipFigures } from './temporalConsistency';
import { drawClips } from './videoModels';
import type { Schedule } from '../schedule';

export interface VideoGap {
  data: ClipFigures;
  independentFrames: ClipFigures;
  joint: ClipFigures;
  perFrame: ClipFigures;
}

export interface VideoGapOptions {
  /** Clips drawn and scored per figure. */
  samples: number;
  /** Seed of the sampler's noise (the per-frame model's is seed + 1). */
  seed: number;
  /** Seed of the data clips scored. */
  dataSeed: number;
}

export const DEFAULT_VIDEO_GAP: VideoGapOptions = { samples: 300, seed: 1000, dataSeed: 123 };

/** The four figures for trained networks of the two kinds (videoModels.ts), sampled under `schedule`. */
export async function measureVideoGap(joint: Denoiser, perFrame: Denoiser, schedule: Schedule, spec: BallClipSpec, options: Partial<VideoGapOptions> = {}): Promise<VideoGap> {
  const o = { ...DEFAULT_VIDEO_GAP, ...options };
  const data = makeBallClips(o.samples, o.dataSeed, spec);
  return {
    data: clipFigures(data.clips, spec),
    independentFrames: clipFigures(independentFrames(data.clips, spec, o.samples, o.dataSeed + 1), spec),
    joint: clipFigures(await drawClips(joint, schedule, spec, o.samples, o.seed), spec),
    perFrame: clipFigures(await drawClips(perFrame, schedule, spec, o.samples, o.seed + 1), spec),
  };
}
