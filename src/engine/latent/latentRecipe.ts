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
 * Measured (figures filled in by the measurement runs; see the report of issue 15).
 */
import { DIGIT_DIM } from '../datasets/digits';
import type { ScheduleOptions } from '../schedule';
import { ENGINE_SETTINGS } from '../settings/engineSettings';
import type { AutoencoderConfig, AutoencoderTraining } from '../tf/autoencoder';
import type { DenoiserConfig } from '../tf/denoiserConfig';
import { DEFAULT_DENOISER } from '../tf/denoiserConfig';
import { DEFAULT_SAMPLE, type SampleOptions } from '../tf/sampler';
import type { TrainerOptions } from '../tf/trainer';

/** The latent sizes offered: 2 (drawn as a scatter plot) and 8 (sharper digits). */
export const LATENT_DIMS = [2, 8] as const;
export type LatentDim = (typeof LATENT_DIMS)[number];

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
