/**
 * The fixed settings of the chapter-7 lab experiments, shared by the worker (which trains and
 * samples) and the widgets (which draw the same data and the same schedule on the page).
 * No tfjs here, so the page can import it.
 */
import type { ScheduleKind } from '../engine/schedule';

export const LAB_EXPERIMENTS = ['sine', 'oneShot', 'guidance'] as const;
/** sine: a DDPM on sine-wave signals; oneShot: a one-shot denoiser beside that DDPM; guidance: class-conditional DDPM on blobs. */
export type LabExperiment = (typeof LAB_EXPERIMENTS)[number];

/** The networks the labs train; the one-shot experiment trains its own network and the sine DDPM. */
export const LAB_MODELS = ['sine', 'oneShot', 'guidance'] as const;
export type LabModel = (typeof LAB_MODELS)[number];

/** Which models an experiment's Train button trains. */
export const LAB_TRAINS: Record<LabExperiment, readonly LabModel[]> = {
  sine: ['sine'],
  oneShot: ['oneShot', 'sine'],
  guidance: ['guidance'],
};

export const LAB_SCHEDULE: { kind: ScheduleKind; T: number } = { kind: 'linear', T: 200 };

/** Sine-wave signals (eq. 7.1) with this many samples each. */
export const SINE_LENGTH = 32;
export const SINE_COUNT = 2000;
export const SINE_SEED = 11;

export const BLOB_COUNT = 3000;
export const BLOB_SEED = 12;
/** Probability that a training label is replaced by the "no label" token ∅ (chapter 7: one in ten). */
export const DROP_LABEL = 0.1;

export const LAB_BATCH = 128;
export const LAB_LEARNING_RATE = 2e-3;

/** Most samples one lab request may ask for. */
export const MAX_LAB_SAMPLES = 2000;
