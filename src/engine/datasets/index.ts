/** The playground's datasets: 2D toys, user-drawn points, 1D sine-wave signals and small images (digits, shapes). */
export {
  standardizePerAxis,
  standardizeGlobal,
  unstandardize,
  type PointSet,
  type StandardizedPointSet,
  type Standardized,
} from './pointSet';
export {
  DATASET_NAMES,
  MAX_POINTS,
  MIN_POINTS,
  RING_RADII,
  checkerboard,
  eightGaussians,
  makeDataset,
  rings,
  spiral,
  swissRoll,
  twoMoons,
  validateCountAndSeed,
  type DatasetName,
} from './toy2d';
export { MAX_USER_DIM, fromUserPoints } from './userPoints';
export { MAX_SINE_LENGTH, MAX_SINE_VALUES, MIN_SINE_LENGTH, makeSineWaves } from './sineWaves';
export { BLOB_CLASSES, BLOB_STD_STANDARDIZED, blobCentres, blobPosterior, classPurity, labelledBlobs, type LabelledPointSet } from './labelledBlobs';
export { DIGIT_CLASSES, DIGIT_DIM, DIGIT_SIDE, decodeDigits, digitsHeldOut, digitsTrain, type DigitSet, type LabelledImages } from './digits';
export { SHAPE_CLASSES, SHAPE_SIDE, drawShape, insideShape, makeShapes, type ShapeName, type ShapeParams, type ShapeSet } from './shapes';
