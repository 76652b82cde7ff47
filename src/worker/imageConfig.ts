/**
 * What the page and the worker agree on about the image model beyond its recipe (src/worker/imageModels.ts).
 * No tfjs here, so the page (and validateRequest.ts) can import it.
 */

/** The digits model's noise schedule: sample requests may take at most T DDIM steps. */
export const IMAGE_SCHEDULE = { kind: 'cosine', T: 1000 } as const;

/** Most images one sample request may ask for (a scored sample classifies and searches the training set for each). */
export const MAX_IMAGE_SAMPLES = 1000;

/** Most drawn images one likelihood request may score (each costs T network evaluations of the batch). */
export const MAX_LIKELIHOOD_IMAGES = 64;
