/**
 * The tfjs half's named choices, in a module that imports nothing: the page validates requests
 * against them (src/worker/validateRequest.ts) without pulling tfjs into its own bundle.
 */
export const OPTIMIZERS = ['adam', 'adamw'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

export const SAMPLE_METHODS = ['ddpm', 'ddim'] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];
