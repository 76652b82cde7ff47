/**
 * The recipe of issue 15's upsampler (built by upsampleModel.ts): constants only, no tfjs, so a page
 * can read them. The playground's one Denoiser and Trainer, conditioned on the 4×4 image:
 * g(x_t, t, y) with y = D(x_0) (downsample.ts) fed as 16 more input columns beside x_t (64, raw) and
 * the 32-wide time embedding, trained by Algorithm 1 on (digit, D(digit)) pairs with the digits'
 * forward process (cosine, T = 1000); sampled by DDIM-50 (η = 0) with x̂₀ clipped to ±1, as the
 * digits are (images/digitModel.ts). Nothing forces D(x̂) = y: the network learns it from the pairs,
 * and the condition error (upsampleQuality.ts) measures how well.
 *
 * Why ε rather than x₀ (scripts/upsample/measure.ts, 40 held-out digits × 8 samples, Node WASM, 1
 * thread, shared 2-core machine at load 6–8, 90–140 steps/s; pixels in [−1, 1], a grey level 0.125):
 *  - x₀-predicting: condition error 0.028 / 0.023 / 0.021 after 1,000 / 2,000 / 3,000 steps, but
 *    pixel spread 0.041 / 0.035 / 0.030 and falling: the eight samples of a condition are one image;
 *  - ε-predicting (this recipe): condition error 0.114 / 0.080 / 0.064 / 0.055 after 1,000–4,000
 *    steps, pixel spread 0.26 / 0.22 / 0.20 / 0.19: several different completions, matching y
 *    more closely the longer it trains.
 * The shipped file (8,000 steps, 90 s at 89 steps/s, int8, 177 KB), 100 held-out digits × 8 samples,
 * seed 1: condition error 0.041 (a third of a grey level), pixel spread 0.172; the fixed digit
 * classifier calls 82.8% of the samples the source digit's class (86.8% confident). Ignoring y
 * scores 0.347 (another held-out digit's view) and 0.326 (the unconditional digits model's samples).
 */
import type { ScheduleOptions } from '../schedule';
import type { DenoiserConfig } from '../tf/denoiserConfig';
import type { SampleOptions } from '../tf/sampler';
import type { TrainerOptions } from '../tf/trainer';
import { LOW_DIM } from './downsample';

export const UPSAMPLE_SCHEDULE: ScheduleOptions = { kind: 'cosine', T: 1000 };
/** The network: x_t raw, the condition y (16) raw, 32-wide time embedding, no classes. */
export const UPSAMPLE_NET: Omit<DenoiserConfig, 'dim' | 'T' | 'inputEmbedScale'> = { width: 256, depth: 2, timeEmbedDim: 32, inputEmbedDim: 0, classes: 0, condDim: LOW_DIM, prediction: 'eps' };
export const UPSAMPLE_TRAINER: Pick<TrainerOptions, 'batchSize' | 'learningRate' | 'emaDecay' | 'gradClip' | 'optimizer'> = { batchSize: 128, learningRate: 2e-3, emaDecay: 0.995, gradClip: 1, optimizer: 'adam' };
/** DDIM-50, deterministic, x̂₀ clipped to the pixels' range. */
export const UPSAMPLE_SAMPLER: Omit<SampleOptions, 'n' | 'seed'> = { method: 'ddim', steps: 50, eta: 0, variance: 'beta', spacing: 'trailing', clipX0: 1 };
/** Steps of the shipped file (scripts/upsample/pretrain.ts). */
export const UPSAMPLE_STEPS = 8000;
/** Seed of the initial weights; the trainer's batches are seeded with UPSAMPLE_SEED + 1. */
export const UPSAMPLE_SEED = 15;
