/**
 * The shapes recipe (issue 14's "generated image set with words for labels"): the digit recipe of
 * digitModel.ts on 16×16 shapes (shapes.ts, six words, the splits of shapeSplits.ts), 256 pixels
 * fed raw. Same sampler (DDIM-50, η = 0, x̂₀ clipped), same class-conditional network with a ∅ slot
 * and label dropping, "unconditional" = the shape drawn evenly at w = 0, prompts at w = 2.
 *
 * MEASURED_BELOW (filled in from scripts/images/run.mjs --dataset=shapes).
 */
import { SHAPE_CLASSES } from '../datasets/shapes';
import { DIGIT_NET, DIGIT_SAMPLER, DIGIT_SCHEDULE, DIGIT_TRAINER, buildImageModel, evenClasses, type DigitModel, type ImageRecipe, type RecipeOverrides } from './digitModel';
import type { LabelledImages } from '../datasets/digits';

export const SHAPE_SCHEDULE = DIGIT_SCHEDULE;
export const SHAPE_NET: ImageRecipe['net'] = { ...DIGIT_NET, classes: SHAPE_CLASSES.length };
export const SHAPE_TRAINER: ImageRecipe['trainer'] = { ...DIGIT_TRAINER };
export const SHAPE_RECIPE: ImageRecipe = { net: SHAPE_NET, trainer: SHAPE_TRAINER, schedule: SHAPE_SCHEDULE };
export const SHAPE_SAMPLER = DIGIT_SAMPLER;
/** Guidance weight of prompted shapes (eq. 7.4). */
export const SHAPE_GUIDANCE = 2;

/** The shapes recipe's network and trainer over labelled shapes (shapesTrain()). */
export function buildShapeModel(train: LabelledImages, seed: number, overrides: RecipeOverrides = {}): DigitModel {
  return buildImageModel(train, seed, SHAPE_RECIPE, overrides);
}

/** n shapes asked for evenly, in the order of SHAPE_CLASSES. */
export function evenShapes(n: number): Int32Array {
  return evenClasses(n, SHAPE_CLASSES.length);
}
