/**
 * Issue 15's two video models, built from the recipe (videoRecipe.ts, which says why and what
 * they measured) on the playground's one Denoiser and Trainer, and the clips they draw.
 */
import { makeSchedule, type Schedule, type ScheduleOptions } from '../schedule';
import { Denoiser } from '../tf/denoiser';
import { resolveDenoiserConfig, type DenoiserConfig } from '../tf/denoiserConfig';
import { sample, type SampleOptions } from '../tf/sampler';
import { Trainer, type TrainerOptions } from '../tf/trainer';
import { EngineInputError, requireInteger, requireOneOf } from '../inputError';
import type { BallClips, BallClipSpec } from './bouncingBall';
import { VIDEO_MODEL_KINDS, VIDEO_NET, VIDEO_SAMPLER, VIDEO_SCHEDULE, VIDEO_TRAINER, videoModelDim, type VideoModelKind } from './videoRecipe';

/** A video model: its network, trainer and schedule, and the clips it draws. */
export interface VideoModel {
  kind: VideoModelKind;
  spec: BallClipSpec;
  model: Denoiser;
  trainer: Trainer;
  schedule: Schedule;
  dispose(): void;
}

export interface VideoModelOverrides {
  net?: Partial<DenoiserConfig>;
  trainer?: Partial<TrainerOptions>;
  schedule?: Partial<ScheduleOptions>;
}

/**
 * The recipe's network (seeded) and its trainer over `data`: the clips as rows (joint), or the
 * same buffer read as rows of one frame each (per-frame; clips are frame-major, bouncingBall.ts).
 */
export function buildVideoModel(kind: VideoModelKind, data: BallClips, seed: number, overrides: VideoModelOverrides = {}): VideoModel {
  requireOneOf('kind', kind, VIDEO_MODEL_KINDS);
  const schedule = makeSchedule({ ...VIDEO_SCHEDULE, ...overrides.schedule } as ScheduleOptions);
  const config = resolveDenoiserConfig({ ...VIDEO_NET, ...overrides.net, dim: videoModelDim(kind, data.spec), T: schedule.T });
  const model = new Denoiser(config, seed);
  const trainer = new Trainer(model, schedule, data.clips, { ...VIDEO_TRAINER, ...overrides.trainer, seed });
  return {
    kind, spec: data.spec, model, trainer, schedule,
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
}

/**
 * `n` clips (n × frames·side², frame-major, pixels clamped to [−1, 1]) from `net`: n samples of a
 * whole clip when its dim is a clip's (joint), or n·frames independent frames laid end to end,
 * frames·k … frames·k + frames − 1 making clip k, when its dim is a frame's (per-frame).
 */
export async function drawClips(net: Denoiser, schedule: Schedule, spec: BallClipSpec, n: number, seed: number, options: Partial<SampleOptions> = {}): Promise<Float32Array> {
  requireInteger('n', n, 1, 100000);
  const { dim } = net.config;
  const kind = VIDEO_MODEL_KINDS.find((k) => videoModelDim(k, spec) === dim);
  if (!kind) throw new EngineInputError('net', `a network of a clip's ${videoModelDim('joint', spec)} or a frame's ${videoModelDim('perFrame', spec)} numbers`, dim);
  const rows = kind === 'joint' ? n : n * spec.frames;
  const { points } = await sample(net, schedule, { ...VIDEO_SAMPLER, ...options, n: rows, seed });
  return points.map((v) => Math.max(-1, Math.min(1, v)));
}

/** The recipe's network for `kind`, untrained (seed 0): load a model file's weights into it. */
export function videoNetwork(kind: VideoModelKind, spec: BallClipSpec, overrides: Pick<VideoModelOverrides, 'net' | 'schedule'> = {}): { net: Denoiser; schedule: Schedule } {
  const schedule = makeSchedule({ ...VIDEO_SCHEDULE, ...overrides.schedule } as ScheduleOptions);
  const net = new Denoiser(resolveDenoiserConfig({ ...VIDEO_NET, ...overrides.net, dim: videoModelDim(kind, spec), T: schedule.T }), 0);
  return { net, schedule };
}
