/**
 * Issue 15's upsampler on the playground's one Denoiser and Trainer (recipe: upsampleRecipe.ts):
 * the network, its trainer over (digit, downsampled digit) pairs, and K high-res samples per 4×4
 * condition.
 */
import { makeSchedule, type Schedule, type ScheduleOptions } from '../schedule';
import { Denoiser } from '../tf/denoiser';
import { labNetwork, type LabNetwork } from '../tf/labModels';
import { resolveDenoiserConfig, type DenoiserConfig } from '../tf/denoiserConfig';
import { sample, type EpsModel, type SampleOptions } from '../tf/sampler';
import { Trainer, type ConditionedPoints, type TrainerOptions } from '../tf/trainer';
import { EngineInputError, requireInteger } from '../inputError';
import type * as tf from '@tensorflow/tfjs';
import { downsample, HIGH_SIDE, LOW_DIM } from './downsample';
import { repeatConditions } from './upsampleQuality';
import { UPSAMPLE_NET, UPSAMPLE_SAMPLER, UPSAMPLE_SCHEDULE, UPSAMPLE_SEED, UPSAMPLE_TRAINER } from './upsampleRecipe';

const HIGH_DIM = HIGH_SIDE * HIGH_SIDE;

export interface UpsampleModel {
  model: Denoiser;
  trainer: Trainer;
  schedule: Schedule;
  dispose(): void;
}

export interface UpsampleOverrides {
  net?: Partial<DenoiserConfig>;
  trainer?: Partial<TrainerOptions>;
  schedule?: Partial<ScheduleOptions>;
}

/** The training pairs: each 8×8 image (n × 64, in [−1, 1]) with its 2×2-pooled 4×4 view as its condition. */
export function upsamplePairs(images: Float32Array): ConditionedPoints {
  return { points: images, conds: downsample(images, HIGH_SIDE) };
}

/** The recipe's network (seeded) and its trainer over `images` (n × 64), batches seeded seed + 1. */
export function buildUpsampleModel(images: Float32Array, seed = UPSAMPLE_SEED, overrides: UpsampleOverrides = {}): UpsampleModel {
  const schedule = makeSchedule({ ...UPSAMPLE_SCHEDULE, ...overrides.schedule } as ScheduleOptions);
  const model = new Denoiser(resolveDenoiserConfig({ ...UPSAMPLE_NET, ...overrides.net, dim: HIGH_DIM, T: schedule.T }), seed);
  const trainer = new Trainer(model, schedule, upsamplePairs(images), { ...UPSAMPLE_TRAINER, ...overrides.trainer, seed: seed + 1 });
  return {
    model, trainer, schedule,
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
}

/**
 * The recipe's network (seeded UPSAMPLE_SEED, as the shipped file's) with its trainer over
 * `images`, as the worker's training loop trains it: a trainer restarted at `step` (a restored
 * file) is seeded UPSAMPLE_SEED + 1 + step, so step 0 draws the same batches as the pretrain script.
 */
export function upsampleLabNetwork(images: Float32Array, schedule: Schedule = makeSchedule(UPSAMPLE_SCHEDULE)): LabNetwork {
  const net = new Denoiser(resolveDenoiserConfig({ ...UPSAMPLE_NET, dim: HIGH_DIM, T: schedule.T }), UPSAMPLE_SEED);
  const pairs = upsamplePairs(images);
  return labNetwork(net, (step) => new Trainer(net, schedule, pairs, { ...UPSAMPLE_TRAINER, seed: UPSAMPLE_SEED + 1 + step }));
}

/** The recipe's network, untrained (seed 0), and its schedule: load a model file's weights into it. */
export function upsampleNetwork(): { net: Denoiser; schedule: Schedule } {
  const schedule = makeSchedule(UPSAMPLE_SCHEDULE);
  return { net: new Denoiser(resolveDenoiserConfig({ ...UPSAMPLE_NET, dim: HIGH_DIM, T: schedule.T }), 0), schedule };
}

/** ε(x_t, t, y_r) with row r's condition y_r (conds: one 16-value row per sample row), as an EpsModel any sampler runs. */
export function conditionedEps(net: Denoiser, conds: Float32Array): EpsModel {
  const condDim = net.config.condDim ?? 0;
  if (condDim === 0) throw new EngineInputError('net', 'a network conditioned on y (condDim > 0)', 0);
  return {
    config: { dim: net.config.dim },
    predictEps: (xt: tf.Tensor2D, i: number, schedule: Schedule) => net.predictEps(xt, i, schedule, undefined, conds),
  };
}

/**
 * k samples for each of the m conditions `conds` (m × 16, values in [−1, 1]): m·k images (n × 64,
 * pixels clamped to [−1, 1]), rows j·k … j·k + k − 1 for condition j. One seed fixes every x_T.
 */
export async function drawUpsampled(net: Denoiser, schedule: Schedule, conds: Float32Array, k: number, seed: number, options: Partial<SampleOptions> = {}): Promise<Float32Array> {
  requireInteger('k', k, 1, 10000);
  const m = conds.length / LOW_DIM;
  if (!Number.isInteger(m) || m < 1) throw new EngineInputError('conds', `whole 4×4 conditions (${LOW_DIM} values each)`, conds);
  const bad = conds.findIndex((v) => !(v >= -1 && v <= 1));
  if (bad >= 0) throw new EngineInputError('conds', 'values in [−1, 1]', conds[bad]);
  const rows = repeatConditions(conds, k);
  const { points } = await sample(conditionedEps(net, rows), schedule, { ...UPSAMPLE_SAMPLER, ...options, n: m * k, seed });
  return points.map((v) => Math.max(-1, Math.min(1, v)));
}
