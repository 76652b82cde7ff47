/**
 * The models the worker trains, by id: `main` is the reader's 2D session (configurable), the others
 * have fixed recipes: chapter 7's lab models and the image model (8×8 digits). No tfjs here, so the
 * page can import it.
 */
export const LAB_MODELS = ['signals', 'oneShot', 'guided'] as const;
/** signals: a DDPM on sine-wave signals; oneShot: a one-shot denoiser on the same signals; guided: a class-conditional DDPM on blobs. */
export type LabModelId = (typeof LAB_MODELS)[number];

/** images: a class-conditional DDPM on the 8×8 digits, built on first use from the site's data file; shapes: the same on 16×16 generated shapes (six words). */
export const IMAGE_MODELS = ['images', 'shapes'] as const;
export type ImageModelId = (typeof IMAGE_MODELS)[number];

/** Issue 15's video models (src/engine/video/videoRecipe.ts): videoJoint denoises a whole 8-frame clip as one vector; videoFrames is an image model sampled once per frame. */
export const VIDEO_MODELS = ['videoJoint', 'videoFrames'] as const;
export type VideoModelId = (typeof VIDEO_MODELS)[number];

/** latent: the 2D DDPM trained on the digits' autoencoder codes (issue 15, latent diffusion). */
export const LATENT_MODEL = 'latent' as const;
export type LatentModelId = typeof LATENT_MODEL;

/** upsample: issue 15's upsampler, 4×4 → 8×8 digits (src/engine/upsample/upsampleRecipe.ts), from the shipped file or from scratch. */
export const UPSAMPLE_MODEL = 'upsample' as const;
export type UpsampleModelId = typeof UPSAMPLE_MODEL;

/** Every model with a fixed recipe (all but `main`): built on first use, progress kept by id. */
export const FIXED_MODELS = [...LAB_MODELS, ...IMAGE_MODELS, ...VIDEO_MODELS, LATENT_MODEL, UPSAMPLE_MODEL] as const;
export type FixedModelId = (typeof FIXED_MODELS)[number];

export const MODEL_IDS = ['main', ...FIXED_MODELS] as const;
export type ModelId = (typeof MODEL_IDS)[number];
