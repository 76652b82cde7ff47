/**
 * Latent diffusion on the 8×8 digits (issue 15): an autoencoder squeezes each 64-pixel digit into
 * a d-number code, the playground's 2D DDPM (the same network, schedule, trainer and sampler as
 * chapters 3–6, with dim = d) learns the standardised codes, and its samples are decoded back
 * to images. Measured by scripts/latent/measure.ts (figures below).
 *
 * The autoencoder: 64 → 256 → 128 → d → 128 → 256 → 64, ReLU inside, tanh out, Adam 2e-3,
 * batch 128, latent penalty λ = 1e-3 (fixes the code's scale and keeps the cloud compact and
 * centred: ../tf/autoencoder.ts), trained for AUTOENCODER_STEPS steps on the training split.
 * The DDPM: the main model's defaults (width 128, depth 3, sinusoidal embeddings of each
 * coordinate and of t, linear β, T = 1000, Adam 2e-3, batch 256, weight average 0.995), DDIM-50.
 *
 * Measured with scripts/latent/measure.ts (seed 0; Node WASM, our SIMD kernels, 1 thread, on a
 * shared 2-core machine under heavy load: the pixel recipe ran at ~100 steps/s here, 200–240
 * unloaded, so read seconds as upper bounds and steps as the figure; 2,000 samples per score;
 * bar: confident ≥ 77.3%, all ten digits; FID ends for 2,000 images: real 0.81, noise 160):
 *  - autoencoder, 1,500 steps (34 k weights; 40–100 s here, so the page should load the committed
 *    8-bit files, public/pretrained/digit-autoencoder-d{2,8}.bin, 36 KB each, rather than train one): held-out MSE per pixel d = 2: 0.133
 *    (train 0.102), d = 8: 0.047 (train 0.026), against 0.29 for the best constant image; the
 *    classifier's accuracy on held-out reconstructions 85.2% (d = 2) and 95.5% (d = 8), originals
 *    97.2%; confident 94.2% / 94.7%. A wider autoencoder (256, 128; 100 k weights) was no better on
 *    held-out digits (0.140 / 0.049: it overfits 1,438 images), a narrower one (128) worse at d = 2
 *    (0.151, accuracy 76.9%).
 *  - the bar is weak in latent space: the decoder turns almost any code near the cloud into a
 *    digit-like image, so codes drawn from N(0, I) and decoded, with no DDPM at all, already score
 *    d = 2: 86.9% confident, FID 6.85 (passes); d = 8: 74.6%, FID 6.71 (fails). The FID is what
 *    shows the DDPM learning the cloud.
 *  - latent DDPM, unconditional: d = 2 passes from the first check (≈ 100 steps, 1 s), FID 6.4 →
 *    4.5 at 270 steps → 4.2 at 20 s (2,460 steps), confident 88–91%; d = 8 passes from ≈ 90 steps
 *    (1 s), FID 2.4 at 180 steps, 1.9 at 400, 1.6 at 20 s (2,050 steps), confident 82 → 88%.
 *    Both well inside the issue's 20 s. d = 8 is the default (FID near its reconstructions' 0.70);
 *    d = 2 is the picture (its decoder's blur caps it: reconstructions alone score FID 3.4).
 *  - pixel space, the digit recipe made unconditional (64 dims, width 256), same clock: never
 *    meets the bar in 20 s (1,520 steps: 72.5% confident, FID 8.3; digitModel.ts records 78% after
 *    60 s unloaded). Its class-conditional form (the page's) passes after ≈ 1,200 steps; the latent
 *    DDPM's conditional form was not measured here (`--classes=10`).
 */
import { DIGIT_DIM } from '../datasets/digits';
import type { ScheduleOptions } from '../schedule';
import { ENGINE_SETTINGS } from '../settings/engineSettings';
import type { AutoencoderConfig, AutoencoderTraining } from '../tf/autoencoder';
import type { DenoiserConfig } from '../tf/denoiserConfig';
import { DEFAULT_DENOISER } from '../tf/denoiserConfig';
import { DEFAULT_SAMPLE, type SampleOptions } from '../tf/sampler';
import type { TrainerOptions } from '../tf/trainer';

export { DEFAULT_LATENT_DIM, LATENT_DIMS, type LatentDim } from './latentDims';

/** The autoencoder's shape for a latent of size d. */
export function latentAutoencoderConfig(d: number): AutoencoderConfig {
  return { dim: DIGIT_DIM, latentDim: d, hidden: [128, 64] };
}

export const AUTOENCODER_TRAINING: Omit<AutoencoderTraining, 'seed'> = { batchSize: 128, learningRate: 2e-3, latentPenalty: 1e-3, latentNoise: 0 };
/** Adam steps of the autoencoder. */
export const AUTOENCODER_STEPS = 1500;

/** The playground's 2D model, unchanged but for its input size: the main model's defaults. */
export const LATENT_SCHEDULE: ScheduleOptions = { kind: ENGINE_SETTINGS.schedule.default, T: ENGINE_SETTINGS.T.default };
export const LATENT_NET: Omit<DenoiserConfig, 'dim' | 'T'> = { ...DEFAULT_DENOISER, width: ENGINE_SETTINGS.width.default, depth: ENGINE_SETTINGS.depth.default };
export const LATENT_TRAINER: Pick<TrainerOptions, 'batchSize' | 'learningRate' | 'emaDecay'> = {
  batchSize: ENGINE_SETTINGS.batch.default,
  learningRate: ENGINE_SETTINGS.lr.default,
  emaDecay: ENGINE_SETTINGS.ema.default,
};
/** DDIM-50, deterministic (the main sampler's defaults); no clipping: the codes are not bounded. */
export const LATENT_SAMPLER: Omit<SampleOptions, 'n' | 'seed'> = { ...DEFAULT_SAMPLE, method: 'ddim', steps: ENGINE_SETTINGS.steps.default, eta: 0 };
