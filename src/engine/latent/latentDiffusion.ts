/**
 * Latent diffusion's three moves: encode the training digits and standardise their codes
 * (latentScale.ts); train the playground's DDPM on the codes (the one Trainer, Algorithm 1, with
 * dim = d; class-conditional on request); sample codes by DDIM, map them back and decode them.
 */
import { DIGIT_CLASSES, type LabelledImages } from '../datasets/digits';
import { evenDigits, perRowDigits } from '../images/digitModel';
import { makeSchedule, type Schedule, type ScheduleOptions } from '../schedule';
import type { Autoencoder } from '../tf/autoencoder';
import { Denoiser } from '../tf/denoiser';
import { labNetwork, type LabNetwork } from '../tf/labModels';
import { resolveDenoiserConfig, type DenoiserConfig } from '../tf/denoiserConfig';
import { sample, type SampleOptions } from '../tf/sampler';
import { Trainer, type TrainerOptions } from '../tf/trainer';
import { fitLatentScale, fromStandardLatents, toStandardLatents, type LatentScale } from './latentScale';
import { LATENT_NET, LATENT_SAMPLER, LATENT_SCHEDULE, LATENT_TRAINER } from './latentRecipe';

/** The training digits as standardised codes u (n × d), with the map back and their labels. */
export interface LatentCodes {
  d: number;
  n: number;
  standard: Float32Array;
  scale: LatentScale;
  labels: Int32Array;
}

/** Encodes labelled images and standardises their codes (the scale fitted to these codes). */
export async function encodeDigits(ae: Autoencoder, set: LabelledImages): Promise<LatentCodes> {
  const codes = await ae.encode(set.points);
  const d = ae.config.latentDim;
  const scale = fitLatentScale(codes, d);
  return { d, n: set.n, standard: toStandardLatents(codes, scale), scale, labels: Int32Array.from(set.labels) };
}

/** A latent DDPM with its trainer and schedule. */
export interface LatentDiffusion {
  model: Denoiser;
  trainer: Trainer;
  schedule: Schedule;
  dispose(): void;
}

/** The recipe's DDPM over the codes (seeded); `conditional` adds the digit as a class (with ∅, chapter 7). */
export function buildLatentDiffusion(codes: LatentCodes, seed: number, overrides: { conditional?: boolean; net?: Partial<DenoiserConfig>; trainer?: Partial<TrainerOptions>; schedule?: Partial<ScheduleOptions> } = {}): LatentDiffusion {
  const schedule = makeSchedule({ ...LATENT_SCHEDULE, ...overrides.schedule } as ScheduleOptions);
  const classes = overrides.conditional ? DIGIT_CLASSES : 0;
  const config = resolveDenoiserConfig({ ...LATENT_NET, classes, ...overrides.net, dim: codes.d, T: schedule.T });
  const model = new Denoiser(config, seed);
  const data = config.classes > 0 ? { points: codes.standard, labels: codes.labels } : codes.standard;
  const trainer = new Trainer(model, schedule, data, { ...LATENT_TRAINER, ...overrides.trainer, seed });
  return {
    model, trainer, schedule,
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
}

/**
 * The recipe's unconditional DDPM over the codes as a lab network (the worker's training loop trains
 * it like chapter 7's models): the trainer of a checkpoint restored at `step` is seeded seed + step.
 */
export function latentNetwork(codes: LatentCodes, seed: number): LabNetwork & { schedule: Schedule } {
  const schedule = makeSchedule(LATENT_SCHEDULE);
  const model = new Denoiser(resolveDenoiserConfig({ ...LATENT_NET, classes: 0, dim: codes.d, T: schedule.T }), seed);
  // Object.assign, not a spread: a spread would copy `trainer` once instead of keeping its getter.
  return Object.assign(labNetwork(model, (step) => new Trainer(model, schedule, codes.standard, { ...LATENT_TRAINER, seed: seed + step })), { schedule });
}

/** Samples drawn in the latent space: the standardised codes u, the codes z and the decoded images. */
export interface LatentSamples {
  standard: Float32Array;
  codes: Float32Array;
  images: Float32Array;
}

/**
 * n digits: u ~ DDIM from the latent DDPM (a conditional one is asked for the digits evenly, w = 0,
 * as the pixel recipe draws its unconditional digits), z = u s + m, x = D(z) ∈ (−1, 1)^64.
 */
export async function drawLatentDigits(net: Denoiser, schedule: Schedule, ae: Autoencoder, scale: LatentScale, n: number, seed: number, options: Partial<SampleOptions> = {}): Promise<LatentSamples> {
  const eps = net.config.classes > 0 ? perRowDigits(net, evenDigits(n)) : net;
  const { points } = await sample(eps, schedule, { ...LATENT_SAMPLER, ...options, n, seed });
  const codes = fromStandardLatents(points, scale);
  return { standard: points, codes, images: await ae.decode(codes) };
}
