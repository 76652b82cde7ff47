/**
 * The image model's network, one place for the worker (imageModels.ts) and `npm run pretrain`
 * (scripts/pretrain/digits.ts), so the shipped default is trained on exactly the recipe the page
 * trains: the digit recipe of src/engine/images/digitModel.ts (measured there), seeded.
 */
import { DIGIT_CLASSES, DIGIT_DIM, DIGIT_SIDE } from '../engine/datasets/digits';
import { DIGIT_NET, DIGIT_TRAINER } from '../engine/images/digitModel';
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

/** The digits network with its trainer (a fresh trainer, seeded by the step, on a checkpoint restore). */
export function buildDigitNetwork(schedule: Schedule, data: { points: Float32Array; labels: Int32Array }): LabNetwork {
  const model = new Denoiser(resolveDenoiserConfig(IMAGE_NET), IMAGE_WEIGHT_SEED);
  return labNetwork(model, (step) => new Trainer(model, schedule, data, { ...IMAGE_TRAINER, seed: TRAINER_SEED + step }));
}

/** The settings an image model file of this network holds (digitModelFile.ts checks a file against them). */
export const IMAGE_FILE_CONFIG: ImageModelFileConfig = {
  kind: 'image-ddpm', width: DIGIT_SIDE, height: DIGIT_SIDE, classes: DIGIT_CLASSES,
  net: { width: DIGIT_NET.width, depth: DIGIT_NET.depth, timeEmbedDim: DIGIT_NET.timeEmbedDim, inputEmbedDim: DIGIT_NET.inputEmbedDim },
  schedule: { kind: IMAGE_SCHEDULE.kind, T: IMAGE_SCHEDULE.T },
};
