/**
 * The fixed settings of the chapter-7 lab experiments, shared by the worker (which trains and
 * samples) and the widgets (which draw the same data and the same schedule on the page).
 * No tfjs here, so the page can import it.
 */
import type { ScheduleKind } from '../engine/schedule';

/** The one-shot widget compares its network with the signals DDPM from the same x_T, so its Train button trains both. */
export const ONE_SHOT_TRAINS = ['oneShot', 'signals'] as const;

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
