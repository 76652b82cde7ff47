/**
 * What the page and the worker agree on about the video models beyond their recipe
 * (src/engine/video/videoRecipe.ts; the worker's side is videoModels.ts). No tfjs here, so the page
 * (and validateRequest.ts) can import it.
 */

/** Most clips one sample request may ask for (each is 512 numbers, scored by a grid search per axis). */
export const MAX_VIDEO_SAMPLES = 256;
