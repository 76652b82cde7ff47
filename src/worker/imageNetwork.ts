/**
 * The image models' networks, one place for the worker (imageModels.ts) and `npm run pretrain`
 * (scripts/pretrain/digits.ts, shapes.ts), so the shipped defaults are trained on exactly the
 * recipe the page trains: the digit recipe of src/engine/images/digitModel.ts and the shapes
 * recipe of shapeModel.ts (measured there), seeded.
 */
import { DIGIT_CLASSES, DIGIT_DIM, DIGIT_SIDE } from '../engine/datasets/digits';
import { SHAPE_CLASSES, SHAPE_SIDE } from '../engine/datasets/shapes';
import { DIGIT_NET, DIGIT_TRAINER, type ImageRecipe } from '../engine/images/digitModel';
import { SHAPE_NET, SHAPE_TRAINER } from '../engine/images/shapeModel';
import type { ImageModelFileConfig } from '../engine/images/digitModelFile';
import type { Schedule } from '../engine/schedule';
import { Denoiser, resolveDenoiserConfig, Trainer, type DenoiserConfig, type TrainerOptions } from '../engine/tf';
import { labNetwork, type LabNetwork } from '../engine/tf/labModels';
import { IMAGE_SCHEDULE } from './imageConfig';

// The schedule is imageConfig.ts's, which the page reads too, held equal to DIGIT_SCHEDULE by imageModels.test.ts.
export const IMAGE_NET: Partial<DenoiserConfig> & Pick<DenoiserConfig, 'dim' | 'T'> = { ...DIGIT_NET, dim: DIGIT_DIM, T: IMAGE_SCHEDULE.T };
export const IMAGE_TRAINER: Partial<TrainerOptions> = { ...DIGIT_TRAINER, optimizer: 'adam', gradClip: 1 };
/** Seed of the initial weights; the trainer's batches are seeded TRAINER_SEED + the step it resumes at. */
export const IMAGE_WEIGHT_SEED = 7;
const TRAINER_SEED = 8;

/** The shapes network (16×16, six classes) and its trainer settings. */
export const SHAPES_NET: Partial<DenoiserConfig> & Pick<DenoiserConfig, 'dim' | 'T'> = { ...SHAPE_NET, dim: SHAPE_SIDE * SHAPE_SIDE, T: IMAGE_SCHEDULE.T };
export const SHAPES_TRAINER: Partial<TrainerOptions> = { ...SHAPE_TRAINER, optimizer: 'adam', gradClip: 1 };

type Labelled = { points: Float32Array; labels: Int32Array };

/** A network with its trainer (a fresh trainer, seeded by the step, on a checkpoint restore). */
function buildNetwork(net: Partial<DenoiserConfig> & Pick<DenoiserConfig, 'dim' | 'T'>, trainer: Partial<TrainerOptions>, schedule: Schedule, data: Labelled): LabNetwork {
  const model = new Denoiser(resolveDenoiserConfig(net), IMAGE_WEIGHT_SEED);
  return labNetwork(model, (step) => new Trainer(model, schedule, data, { ...trainer, seed: TRAINER_SEED + step }));
}

/** The digits network with its trainer. */
export function buildDigitNetwork(schedule: Schedule, data: Labelled): LabNetwork {
  return buildNetwork(IMAGE_NET, IMAGE_TRAINER, schedule, data);
}

/** The shapes network with its trainer (same seeds as the digits'). */
export function buildShapeNetwork(schedule: Schedule, data: Labelled): LabNetwork {
  return buildNetwork(SHAPES_NET, SHAPES_TRAINER, schedule, data);
}

/** A file's network settings; `prediction` only where it is not ε, so the digits file's settings stay as shipped. */
const fileNet = (n: ImageRecipe['net']): ImageModelFileConfig['net'] => ({
  width: n.width, depth: n.depth, timeEmbedDim: n.timeEmbedDim, inputEmbedDim: n.inputEmbedDim, ...(n.prediction && n.prediction !== 'eps' ? { prediction: n.prediction } : {}),
});

/** The settings an image model file of this network holds (digitModelFile.ts checks a file against them). */
export const IMAGE_FILE_CONFIG: ImageModelFileConfig = {
  kind: 'image-ddpm', width: DIGIT_SIDE, height: DIGIT_SIDE, classes: DIGIT_CLASSES,
  net: fileNet(DIGIT_NET),
  schedule: { kind: IMAGE_SCHEDULE.kind, T: IMAGE_SCHEDULE.T },
};

/** The settings of a shapes model file (16×16, six classes). */
export const SHAPES_FILE_CONFIG: ImageModelFileConfig = {
  kind: 'image-ddpm', width: SHAPE_SIDE, height: SHAPE_SIDE, classes: SHAPE_CLASSES.length,
  net: fileNet(SHAPE_NET),
  schedule: { kind: IMAGE_SCHEDULE.kind, T: IMAGE_SCHEDULE.T },
};
