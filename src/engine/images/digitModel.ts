/**
 * The image model of issue 14: the recipe that draws 8×8 digits past the bar (sampleQuality.ts)
 * in well under a minute of training, in one place for the measurement script
 * (scripts/images/measure-digits.ts) and the test (digitDiffusion.test.ts).
 *
 * The recipe: the playground's Denoiser made class-conditional (chapter 7: a one-hot of the digit
 * with a ∅ slot, labels dropped to ∅ with probability 0.1), width 256, depth 2, pixels fed raw,
 * cosine schedule T = 1000, Adam 2e-3, batch 128, weight average 0.995; samples by DDIM-50 (η = 0,
 * x̂₀ clipped to ±1). Unconditional digits are drawn as p(x) = Σ_c p(c) p(x | c): the digit c
 * evenly, then the network at guidance w = 0 (ε_θ(x_t, t, c)); class-conditional ones at w = 2
 * (eq. 7.4).
 *
 * Why (measured with the script, 2,000 samples per score, Node WASM on our SIMD kernels, 1 thread,
 * shared 2-core machine, 180–240 steps/s; bar: confident ≥ 77.3% = 80% of held-out's 96.7%):
 *  - an unconditional network plateaus at the bar's edge, 60 s each: this size 78.0% (14,500
 *    steps, FID 4.1); the rate stepped down ×0.3 at 70% of the time 76.9%; average 0.999 77.1%;
 *    width 512 (65 steps/s) 74.4%; depth 3 75.0%; T = 500 77.4% (met at 40 s, 78.0%);
 *  - this conditional network, digit drawn evenly and w = 0, is past the bar after 5 s (≈ 1,200
 *    steps: 81.7%, FID 8.8), at 87–89% after 15–20 s (FID 4.7–5.3) and 91% after 40 s (FID 3.6–3.9,
 *    seeds 0, 1, 2), all ten digits; at w = 2 the asked-for digit is ≥ 99.9% from 5 s on;
 *  - its ∅ path alone (w = −1) is weak, 61–64% confident: it sees only a tenth of the labels, so
 *    "unconditional" here means the digit drawn first, not the ∅ network.
 */
import { DIGIT_CLASSES, type LabelledImages } from '../datasets/digits';
import { makeSchedule, type Schedule, type ScheduleOptions } from '../schedule';
import { Denoiser } from '../tf/denoiser';
import { resolveDenoiserConfig, type DenoiserConfig } from '../tf/denoiserConfig';
import { EngineInputError } from '../inputError';
import { guidedEpsModel, type LabelledEpsModel } from '../tf/guidedSampler';
import { DEFAULT_SAMPLE, sample, type EpsModel, type SampleOptions } from '../tf/sampler';
import { Trainer, type TrainerOptions } from '../tf/trainer';

export const DIGIT_SCHEDULE: ScheduleOptions = { kind: 'cosine', T: 1000 };
/** The network: x_t raw (no coordinate embedding), 32-wide time embedding, a one-hot of the digit with ∅. */
export const DIGIT_NET: Omit<DenoiserConfig, 'dim' | 'T' | 'inputEmbedScale' | 'prediction'> = { width: 256, depth: 2, timeEmbedDim: 32, inputEmbedDim: 0, classes: DIGIT_CLASSES };
export const DIGIT_TRAINER: Pick<TrainerOptions, 'batchSize' | 'learningRate' | 'emaDecay' | 'dropLabel'> = { batchSize: 128, learningRate: 2e-3, emaDecay: 0.995, dropLabel: 0.1 };
/** How digits are sampled: DDIM-50, deterministic, x̂₀ clipped to the pixels' range. */
export const DIGIT_SAMPLER: Omit<SampleOptions, 'n' | 'seed'> = { ...DEFAULT_SAMPLE, method: 'ddim', steps: 50, eta: 0, clipX0: 1 };
/** Guidance weight of the class-conditional digits (eq. 7.4). */
export const DIGIT_GUIDANCE = 2;

/** A digit network with its trainer and schedule. */
export interface DigitModel {
  model: Denoiser;
  trainer: Trainer;
  schedule: Schedule;
  dispose(): void;
}

/** An image recipe: the network's shape, the trainer's settings and the schedule (the digits' here, the shapes' in shapeModel.ts). */
export interface ImageRecipe {
  /** The digits' network predicts ε (the default); the shapes' predicts x₀ (shapeModel.ts says why). */
  net: typeof DIGIT_NET & { prediction?: DenoiserConfig['prediction'] };
  trainer: typeof DIGIT_TRAINER;
  schedule: ScheduleOptions;
}
export const DIGIT_RECIPE: ImageRecipe = { net: DIGIT_NET, trainer: DIGIT_TRAINER, schedule: DIGIT_SCHEDULE };
export type RecipeOverrides = { net?: Partial<DenoiserConfig>; trainer?: Partial<TrainerOptions>; schedule?: Partial<ScheduleOptions> };

/** A recipe's network (seeded) and its trainer over labelled images; `overrides` for measurements. */
export function buildImageModel(train: LabelledImages, seed: number, recipe: ImageRecipe, overrides: RecipeOverrides = {}): DigitModel {
  const schedule = makeSchedule({ ...recipe.schedule, ...overrides.schedule } as ScheduleOptions);
  const config = resolveDenoiserConfig({ ...recipe.net, ...overrides.net, dim: train.dim, T: schedule.T });
  const model = new Denoiser(config, seed);
  const data = config.classes > 0 ? { points: train.points, labels: Int32Array.from(train.labels) } : train.points;
  const trainer = new Trainer(model, schedule, data, { ...recipe.trainer, ...overrides.trainer, seed });
  return {
    model, trainer, schedule,
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
}

/** The digit recipe's network and trainer over labelled digits. */
export function buildDigitModel(train: LabelledImages, seed: number, overrides: RecipeOverrides = {}): DigitModel {
  return buildImageModel(train, seed, DIGIT_RECIPE, overrides);
}

/** n classes of `classes` asked for evenly, in order: 0, …, 0, 1, … (⌊n/classes⌋ or ⌈n/classes⌉ of each). */
export function evenClasses(n: number, classes: number): Int32Array {
  return Int32Array.from({ length: n }, (_, r) => Math.floor((r * classes) / n));
}

/** n digits asked for evenly, in order: 0, …, 0, 1, …, 9 (⌊n/10⌋ or ⌈n/10⌉ of each). */
export function evenDigits(n: number): Int32Array {
  return evenClasses(n, DIGIT_CLASSES);
}

/**
 * ε of a conditional network with one class per row: row r is asked for digit `digits[r]` (w = 0
 * of eq. 7.4, the class alone). With the digits drawn evenly, a sample of n rows is a draw from
 * p(x) = Σ_c p(c) p(x | c) with p(c) = 1/10 (the digits are nearly balanced in the data), in one
 * pass: how the page draws "unconditional" digits, since the ∅ path alone, trained on one label in
 * ten, stays below the bar (61–64% confident, measured by scripts/images/measure-digits.ts).
 */
export function perRowDigits(net: LabelledEpsModel, digits: Int32Array): EpsModel {
  return {
    config: net.config,
    predictEps: (xt, i, schedule) => {
      if (xt.shape[0] !== digits.length) throw new EngineInputError('digits', `one digit per row (${xt.shape[0]} rows)`, digits.length);
      return net.predictEps(xt, i, schedule, digits);
    },
  };
}

/**
 * Samples one image per entry of `digits` from a conditional network at guidance w (w = 0: the
 * digit alone; w = −1: the ∅ path, whatever the digit), pixels clamped to [−1, 1]; rows in the
 * order of `digits`. Each digit's batch has its own seed, seed + digit.
 */
export async function drawDigits(net: Denoiser, schedule: Schedule, digits: Int32Array, w: number, seed: number, options: Partial<SampleOptions> = {}): Promise<Float32Array> {
  const { dim } = net.config;
  const out = new Float32Array(digits.length * dim);
  for (let c = 0; c < net.config.classes; c++) {
    const rows = digits.reduce<number[]>((a, d, r) => (d === c ? (a.push(r), a) : a), []);
    if (rows.length === 0) continue;
    const { points } = await sample(guidedEpsModel(net, c, w), schedule, { ...DIGIT_SAMPLER, ...options, n: rows.length, seed: seed + c });
    rows.forEach((r, k) => {
      for (let j = 0; j < dim; j++) out[r * dim + j] = Math.max(-1, Math.min(1, points[k * dim + j]!));
    });
  }
  return out;
}

/** Samples from an unconditional network, pixels clamped to [−1, 1]. */
export async function drawUnconditional(net: Denoiser, schedule: Schedule, n: number, seed: number, options: Partial<SampleOptions> = {}): Promise<Float32Array> {
  const { points } = await sample(net, schedule, { ...DIGIT_SAMPLER, ...options, n, seed });
  return points.map((v) => Math.max(-1, Math.min(1, v)));
}
