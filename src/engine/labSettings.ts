/**
 * The fixed settings of the chapter-7 lab models (src/engine/tf/labModels.ts builds them): data,
 * schedule, batch, learning rate. No tfjs here, so the page can read them too (the worker's
 * labConfig.ts can re-export them).
 */
import type { ScheduleKind } from './schedule';

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
/** Decay of the weight average the DDPMs sample from (the one-shot network keeps none). */
export const LAB_EMA_DECAY = 0.99;
