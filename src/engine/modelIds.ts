/**
 * The models the worker trains, by id: `main` is the reader's 2D session (configurable), the others
 * are chapter 7's fixed lab models. No tfjs here, so the page can import it.
 */
export const LAB_MODELS = ['signals', 'oneShot', 'guided'] as const;
/** signals: a DDPM on sine-wave signals; oneShot: a one-shot denoiser on the same signals; guided: a class-conditional DDPM on blobs. */
export type LabModelId = (typeof LAB_MODELS)[number];

export const MODEL_IDS = ['main', ...LAB_MODELS] as const;
export type ModelId = (typeof MODEL_IDS)[number];
