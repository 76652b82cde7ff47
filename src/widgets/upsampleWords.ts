/**
 * The upsampler's figures in words (issue 15). Pixels are on [−1, 1] with 17 grey levels, so one
 * level is 2/16 = 0.125: an error or spread is also said in grey levels, which a reader can see.
 */
import type { ImageModelOrigin } from '../worker/protocol';

export const GREY_LEVEL = 2 / 16;

const fmt = (v: number, digits: number): string => v.toFixed(digits).replace(/^-/, '−');

/** "0.041 (0.33 of a grey level)". */
export function inLevels(v: number): string {
  return `${fmt(v, 3)} (${fmt(v / GREY_LEVEL, 2)} of a grey level)`;
}

/**
 * The sentence on the condition error: close within half a grey level, rough within one, loose
 * while still well under the 0.33 of a model that ignores the condition (up to two levels).
 */
export function conditionErrorSentence(error: number, k: number): string {
  const verdict = error < GREY_LEVEL / 2 ? 'they match it closely' : error < GREY_LEVEL ? 'they match it roughly' : error < GREY_LEVEL * 2 ? 'they follow it only loosely' : 'they do not match it';
  return `Shrunk back to 4×4, the ${k} completions differ from the condition by ${inLevels(error)} per pixel on average: ${verdict}. A model that ignores the condition is off by 0.33–0.35 (measured: the unconditional digits model, or another real digit).`;
}

/** The sentence on the pixel spread: 0 would mean k copies of one image (as nearest-neighbour upscaling gives). */
export function pixelSpreadSentence(spread: number, k: number): string {
  const verdict = spread < GREY_LEVEL / 4 ? 'nearly one image' : spread < GREY_LEVEL ? 'similar images with small differences' : 'visibly different completions';
  return `Pixel spread ${inLevels(spread)}: each pixel's standard deviation across the ${k} samples, averaged; ${verdict}. Nearest-neighbour upscaling would give one blocky image, spread 0.`;
}

/** Which upsampler drew a sample: "the pretrained upsampler (8000 training steps)", "the upsampler trained here from scratch (300 training steps)". */
export function upsamplerWords(origin: ImageModelOrigin, step: number): string {
  const here = Math.max(0, step - origin.steps);
  const steps = `(${step} training step${step === 1 ? '' : 's'})`;
  if (origin.kind === 'untrained') return here > 0 ? `the upsampler trained here from scratch ${steps}` : `the untrained upsampler ${steps}`;
  const what = origin.kind === 'pretrained' ? 'the pretrained upsampler' : `the upsampler loaded from ${origin.name ?? 'a file'}`;
  return here > 0 ? `${what} + ${here} step${here === 1 ? '' : 's'} trained here ${steps}` : `${what} ${steps}`;
}
