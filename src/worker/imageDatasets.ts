/**
 * What makes one image model differ from the other: its data (the 8×8 digits from a data file, or
 * the 16×16 shapes from the engine's seeded generator), its classifier, its pretrained default and
 * its network. ImageModels (imageModels.ts) is one class serving either, by model id: `images` (the
 * digits) and `shapes`.
 */
import { digitsHeldOut, digitsTrain, type LabelledImages } from '../engine/datasets/digits';
import { SHAPE_CLASSES } from '../engine/datasets/shapes';
import { shapesHeldOut, shapesTrain } from '../engine/datasets/shapeSplits';
import type { ImageModelFileConfig } from '../engine/images/digitModelFile';
import type { ImageModelId } from '../engine/modelIds';
import type { Schedule } from '../engine/schedule';
import type { LabNetwork } from '../engine/tf/labModels';
import type { ImageData } from './imageData';
import { buildDigitNetwork, buildShapeNetwork, IMAGE_FILE_CONFIG, SHAPES_FILE_CONFIG } from './imageNetwork';

export interface ImageDataset {
  model: ImageModelId;
  /** The word for the model in messages: "the digits model". */
  name: string;
  /** Image side in pixels (square images): 8 or 16. */
  side: number;
  classes: number;
  fileConfig: ImageModelFileConfig;
  classifierFile: 'classifier' | 'shapeClassifier';
  pretrainedFile: 'pretrained' | 'shapesPretrained';
  /** The training and held-out images (the digits loaded from the site; the shapes drawn here). */
  split(data: ImageData): Promise<{ train: LabelledImages; heldOut: LabelledImages }>;
  buildNetwork(schedule: Schedule, data: { points: Float32Array; labels: Int32Array }): LabNetwork;
}

export const DIGITS_DATASET: ImageDataset = {
  model: 'images', name: 'digits', side: 8, classes: 10, fileConfig: IMAGE_FILE_CONFIG,
  classifierFile: 'classifier', pretrainedFile: 'pretrained',
  split: async (data) => {
    const set = await data.digits();
    return { train: digitsTrain(set), heldOut: digitsHeldOut(set) };
  },
  buildNetwork: buildDigitNetwork,
};

export const SHAPES_DATASET: ImageDataset = {
  model: 'shapes', name: 'shapes', side: 16, classes: SHAPE_CLASSES.length, fileConfig: SHAPES_FILE_CONFIG,
  classifierFile: 'shapeClassifier', pretrainedFile: 'shapesPretrained',
  split: async () => ({ train: shapesTrain(), heldOut: shapesHeldOut() }),
  buildNetwork: buildShapeNetwork,
};

export const IMAGE_DATASETS: Record<ImageModelId, ImageDataset> = { images: DIGITS_DATASET, shapes: SHAPES_DATASET };
