/**
 * The tfjs half's named choices, in a module that imports no tfjs: the page validates requests
 * against them (src/worker/validateRequest.ts) without pulling tfjs into its own bundle.
 */
import { ENGINE_SETTINGS } from '../settings/engineSettings';
import { rangeProblem } from '../settings/settingRange';

export const OPTIMIZERS = ['adam', 'adamw'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

export { SAMPLE_METHODS, type SampleMethod } from '../settings/engineSettings';

/**
 * The learning rates training takes: above 0, at most 1 (larger ones only diverge on these
 * models). Read from the `lr` row of the engine's settings (src/engine/settings/engineSettings.ts),
 * the one range of the setting: the trainers check it here, the page's settings table and the
 * worker's validation of a configuration read the same row.
 */
export const LEARNING_RATE_RANGE = { min: ENGINE_SETTINGS.lr.min, max: ENGINE_SETTINGS.lr.max, exclusiveMin: ENGINE_SETTINGS.lr.exclusiveMin } as const;

/** Null if `lr` is in LEARNING_RATE_RANGE, else what it must be. */
export function learningRateProblem(lr: unknown): string | null {
  return rangeProblem(ENGINE_SETTINGS.lr, lr);
}
