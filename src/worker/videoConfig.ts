/**
 * What the page and the worker agree on about the video models beyond their recipe
 * (src/engine/video/videoRecipe.ts; the worker's side is videoModels.ts). No tfjs here, so the page
 * (and validateRequest.ts) can import it.
 */

/** Most clips one sample request may ask for (each is 512 numbers, scored by a grid search per axis). */
export const MAX_VIDEO_SAMPLES = 256;

/**
 * Clips the video-clips widget draws and scores per model and per sample (the first few shown): the
 * figures of 32 clips separate the models by far more than their spread (joint ×0.83 the data's frame
 * change, per-frame ×2.1; path error 0.28 against 1.59 px), and scoring is most of a sample's cost
 * (the bounce fit's grid search, ≈ 0.2 s per 32 clips on a loaded 2-core machine).
 */
export const VIDEO_WIDGET_CLIPS = 32;
