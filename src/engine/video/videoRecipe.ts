/**
 * The recipe of issue 15's two video models (built by videoModels.ts): constants only, no tfjs, so
 * a page can read them (model files, videoModelFile.ts). The two models, on the playground's one
 * Denoiser and Trainer (unconditional):
 *  - joint: one vector per clip, dim = frames · side² (512 for 8 frames of 8×8): all frames are
 *    noised and denoised together, so the network can make them agree;
 *  - per-frame: an image model, dim = side², trained on every frame of every clip; a clip is
 *    `frames` frames sampled independently (each a fine ball, nothing tying it to the last).
 * Both sampled by DDIM-50 (η = 0) with x̂₀ clipped to ±1, as images/digitModel.ts does.
 *
 * The recipe: width 128, depth 2, pixels fed raw, 32-wide time embedding, the network predicting
 * x₀ (§4.4) rather than ε; cosine schedule T = 1000; Adam 3e-3, batch 128, weight average 0.995;
 * 5,000 training clips. The same for both models, so they differ only in what one row is.
 *
 * Why (scripts/video/measure.ts, 300 clips per score, Node WASM on our SIMD kernels, 1 thread, on a
 * shared 2-core machine at load 6–9; bar: videoBar.ts):
 *  - predicting ε, the joint model does not learn: loss flat at 0.63 from 500 to 2,000 steps at
 *    width 256 (lr 5e-4, 2e-3, 5e-3; without gradient clipping; depth 0; time embedding 128; on the
 *    tfjs engine too), samples saturated noise. ε of a 512-number clip is 512 free numbers, and
 *    the network must pass them through a 256-wide hidden layer; x₀ is a ball on a path (4 numbers
 *    per clip), which fits. The per-frame model (64 numbers) learns either way;
 *  - x₀ at width 256, lr 2e-3: 29–32 steps/s, frames 72% balls after 90 s (2,600 steps), bar not met;
 *  - x₀ at width 128, lr 3e-3 (this recipe): 41–81 steps/s by the load; bar met at ≈ 2,500–3,100
 *    steps (45 s at 68–81 steps/s, load 5; 60 s at 52; 75 s at 41), kept from then on: at 120 s (5,000 steps) frame change
 *    4.49 px² (data 5.32: ×0.84), bounce-fit error 0.27 px (data 0.013, the pixels' floor), 88%
 *    of frames a ball (ink 7.7 px², a ball's 7.07). The bar's frame-change half holds from the
 *    first checkpoint (×0.82 at 400 steps: a blurred ball moves too); the ball-present half is
 *    what takes the time (19% → 61% → 79% → 87% at 15/45/60/75 s);
 *  - lr 5e-3: no faster (bar at 3,360 steps, 45 s at 70 steps/s, load 5; 91% balls at 6,400);
 *  - batch 64 instead of 128: 66–89 steps/s, but frames only 67–73% balls from 45 s (4,000
 *    steps) to 90 s (5,900), bar not met;
 *  - per-frame, same recipe: 200–240 steps/s; from 15 s (3,000 steps) on, 98–100% of frames a
 *    ball, frame change 10.9–11.1 px² (×2.05–2.08 of the data's), bounce-fit error 1.58–1.60 px:
 *    as real frames drawn independently score (11.12 px², 1.66 px). Training longer cannot help:
 *    nothing in it ties a frame to the one before.
 * The shipped files (public/pretrained/video-joint.bin, video-frames.bin: 6,000 steps each, int8) score joint ×0.83 change, 0.28 px, 88% balls;
 * per-frame ×2.07, 1.59 px, 98% balls (videoGap.test.ts).
 * Sizes: 8 frames of 8×8 (512 numbers) as the issue suggests; the ball's radius 1.5 px keeps it
 * round on 8×8, and the joint network's 169k weights are 173 KB as an int8 file.
 */
import type { ScheduleOptions } from '../schedule';
import type { DenoiserConfig } from '../tf/denoiserConfig';
import type { SampleOptions } from '../tf/sampler';
import type { TrainerOptions } from '../tf/trainer';
import type { BallClipSpec } from './bouncingBall';

export const VIDEO_MODEL_KINDS = ['joint', 'perFrame'] as const;
/** 'joint': one clip is one vector; 'perFrame': an image model sampled once per frame. */
export type VideoModelKind = (typeof VIDEO_MODEL_KINDS)[number];

export const VIDEO_SCHEDULE: ScheduleOptions = { kind: 'cosine', T: 1000 };
/** The network of both models: pixels fed raw, 32-wide time embedding, no classes, x₀ predicted. */
export const VIDEO_NET: Omit<DenoiserConfig, 'dim' | 'T' | 'inputEmbedScale'> = { width: 128, depth: 2, timeEmbedDim: 32, inputEmbedDim: 0, classes: 0, prediction: 'x0' };
export const VIDEO_TRAINER: Pick<TrainerOptions, 'batchSize' | 'learningRate' | 'emaDecay'> = { batchSize: 128, learningRate: 3e-3, emaDecay: 0.995 };
/** DDIM-50, deterministic, x̂₀ clipped to the pixels' range (images/digitModel.ts's sampler). */
export const VIDEO_SAMPLER: Omit<SampleOptions, 'n' | 'seed'> = { method: 'ddim', steps: 50, eta: 0, variance: 'beta', spacing: 'trailing', clipX0: 1 };
/** Seed of the training clips, the initial weights and the batches (the shipped files', and a page's "from scratch"). */
export const VIDEO_SEED = 0;
/** Clips the recipe trains on (5,000: 2.6M numbers, 10 MB; drawn in ≈ 1 s). */
export const VIDEO_TRAIN_CLIPS = 5000;

/** Numbers per training row: a whole clip (joint) or one frame (per-frame). */
export function videoModelDim(kind: VideoModelKind, spec: BallClipSpec): number {
  return kind === 'joint' ? spec.frames * spec.side * spec.side : spec.side * spec.side;
}
