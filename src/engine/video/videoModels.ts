/**
 * The two video models of issue 15, on the playground's one Denoiser and Trainer (unconditional):
 *  - joint: one vector per clip, dim = frames · side² (512 for 8 frames of 8×8): all frames are
 *    noised and denoised together, so the network can make them agree;
 *  - per-frame: an image model, dim = side², trained on every frame of every clip; a clip is
 *    `frames` frames sampled independently (each a fine ball, nothing tying it to the last).
 * Both sampled by DDIM-50 (η = 0) with x̂₀ clipped to ±1, as images/digitModel.ts does.
 *
 * Recipe (measured by scripts/video/measure.ts; figures in videoRecipe.ts's comment).
 */
import { makeSchedule, type Schedule, type ScheduleOptions } from '../schedule';
import { Denoiser } from '../tf/denoiser';
import { resolveDenoiserConfig, type DenoiserConfig } from '../tf/denoiserConfig';
import { DEFAULT_SAMPLE, sample, type SampleOptions } from '../tf/sampler';
import { Trainer, type TrainerOptions } from '../tf/trainer';
import { EngineInputError, requireInteger, requireOneOf } from '../inputError';
import type { BallClips, BallClipSpec } from './bouncingBall';

export const VIDEO_MODEL_KINDS = ['joint', 'perFrame'] as const;
/** 'joint': one clip is one vector; 'perFrame': an image model sampled once per frame. */
export type VideoModelKind = (typeof VIDEO_MODEL_KINDS)[number];

export const VIDEO_SCHEDULE: ScheduleOptions = { kind: 'cosine', T: 1000 };
/** The network of both models: pixels fed raw, 32-wide time embedding, no classes. */
export const VIDEO_NET: Omit<DenoiserConfig, 'dim' | 'T' | 'inputEmbedScale'> = { width: 128, depth: 2, timeEmbedDim: 32, inputEmbedDim: 0, classes: 0, prediction: 'x0' };
export const VIDEO_TRAINER: Pick<TrainerOptions, 'batchSize' | 'learningRate' | 'emaDecay'> = { batchSize: 128, learningRate: 3e-3, emaDecay: 0.995 };
/** DDIM-50, deterministic, x̂₀ clipped to the pixels' range. */
export const VIDEO_SAMPLER: Omit<SampleOptions, 'n' | 'seed'> = { ...DEFAULT_SAMPLE, method: 'ddim', steps: 50, eta: 0, clipX0: 1 };

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

/** Numbers per training row: a whole clip (joint) or one frame (per-frame). */
export function videoModelDim(kind: VideoModelKind, spec: BallClipSpec): number {
  return kind === 'joint' ? spec.frames * spec.side * spec.side : spec.side * spec.side;
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

/** Clips the recipe trains on (5,000: 2.6M numbers, 10 MB; drawn in ≈ 1 s). */
export const VIDEO_TRAIN_CLIPS = 5000;

/** The recipe's network for `kind`, untrained (seed 0): load a model file's weights into it. */
export function videoNetwork(kind: VideoModelKind, spec: BallClipSpec, overrides: Pick<VideoModelOverrides, 'net' | 'schedule'> = {}): { net: Denoiser; schedule: Schedule } {
  const schedule = makeSchedule({ ...VIDEO_SCHEDULE, ...overrides.schedule } as ScheduleOptions);
  const net = new Denoiser(resolveDenoiserConfig({ ...VIDEO_NET, ...overrides.net, dim: videoModelDim(kind, spec), T: schedule.T }), 0);
  return { net, schedule };
}
