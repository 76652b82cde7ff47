/**
 * The tfjs half's named choices, in a module that imports nothing: the page validates requests
 * against them (src/worker/validateRequest.ts) without pulling tfjs into its own bundle.
 */
export const OPTIMIZERS = ['adam', 'adamw'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

export const SAMPLE_METHODS = ['ddpm', 'ddim'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];

/**
 * The learning rates training takes: above 0, at most 1 (larger ones only diverge on these
 * models). The one range of the setting: the trainers check it, and so do the settings table's
 * `lr` row (src/state/settingsTable.ts, whose bounds src/state/settingRanges.test.ts holds to
 * these) and the worker's validation of a configuration, which reads that row.
 */
export const LEARNING_RATE_RANGE = { min: 0, max: 1, exclusiveMin: true } as const;

/** Null if `lr` is in LEARNING_RATE_RANGE, else what it must be. */
export function learningRateProblem(lr: unknown): string | null {
  return typeof lr === 'number' && Number.isFinite(lr) && lr > LEARNING_RATE_RANGE.min && lr <= LEARNING_RATE_RANGE.max ? null : `a number in (${LEARNING_RATE_RANGE.min}, ${LEARNING_RATE_RANGE.max}]`;
}
