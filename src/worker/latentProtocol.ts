/**
 * The messages of latent diffusion (issue 15; src/worker/latentModel.ts) beyond the shared
 * train/pause/reset: what `latentStart` answers (the autoencoder's codes of the training digits and
 * its reconstruction error), the `latent` model's sample options and its sample reply. No tfjs here.
 */
import type { LatentDim } from '../engine/latent/latentDims';
import type { ImageScore } from './protocol';

/** Most codes one latent sample request may draw (each decoded and, if scored, classified). */
export const MAX_LATENT_SAMPLES = 2000;

/**
 * A latent sample: `n` codes by DDIM-50 (η = 0) from the seed's x_T, decoded to 8×8 digits; with
 * `score`, the digit yardstick's figures (n ≥ 2). A newer sample of the same `owner` cancels this one.
 */
export interface LatentSampleOptions {
  n: number;
  seed: number;
  score?: boolean;
  owner?: string;
}

/** The autoencoder on held-out digits: MSE per pixel (pixels in [−1, 1]) and the classifier's view. */
export interface LatentReconstruction {
  n: number;
  mse: number;
  /** Share of reconstructions the classifier labels with the true digit (originals: `originalAccuracy`). */
  accuracy: number;
  originalAccuracy: number;
  /** One held-out digit of each class (10 × 64) and its reconstruction D(E(x)) (10 × 64). */
  originals: Float32Array;
  reconstructions: Float32Array;
}

/** What `latentStart` answers: the autoencoder in use and the training digits' standardised codes. */
export interface LatentOverview {
  d: LatentDim;
  /** Adam steps the autoencoder was trained (from its file). */
  autoencoderSteps: number;
  /** The training digits' standardised codes u = (z − m)/s, n × d, and their digits. */
  codes: Float32Array;
  labels: Int32Array;
  reconstruction: LatentReconstruction;
  /** The latent DDPM's step now (0: untrained). */
  step: number;
}

/** The latent model's sample reply. */
export interface LatentSampleResult {
  model: 'latent';
  d: LatentDim;
  /** Training steps of the latent DDPM when sampled, and the seconds its training took (sampling pauses excluded). */
  step: number;
  trainSeconds: number;
  /** The sampled standardised codes (n × d) and their decoded images (n × 64 in [−1, 1]). */
  codes: Float32Array;
  pixels: Float32Array;
  cancelled: boolean;
  /** With `score: true` (and not cancelled). */
  score?: ImageScore;
}
