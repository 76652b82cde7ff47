/**
 * The digits model as a file: the playground's model file (modelFile.ts, the same "DPMF" layout as
 * the 2D models' pretrained defaults and exports) whose settings say "an image DDPM of this size",
 * so a file can be checked against the model the page runs before any weight is touched. Used for
 * the shipped default (public/pretrained/digits.bin, float16) and the reader's Download / Load.
 *
 * A file is refused, with a message naming what it is and what was expected, when it is a 2D-points
 * model (the chapter 1–7 files: settings with a dataset, 2 numbers per point), an image model of
 * another size (a 16×16 shapes file offered to the digits model, or the other way round) or another network; no tfjs here, so the page can check a file itself.
 */
import { ModelFileError, type ModelFile } from '../modelFile';

/** What an image model file's settings hold: enough to tell whether its weights fit a network. */
export interface ImageModelFileConfig {
  kind: 'image-ddpm';
  /** Image side in pixels (width, height): 8×8 for the digits. */
  width: number;
  height: number;
  /** Classes of the conditional network (10 digits, plus the ∅ slot inside the network). */
  classes: number;
  /** The network's shape (DenoiserConfig fields), and the noise schedule it was trained with. */
  net: { width: number; depth: number; timeEmbedDim: number; inputEmbedDim: number; prediction?: 'eps' | 'x0' };
  schedule: { kind: string; T: number };
}

const describeNet = (n: ImageModelFileConfig['net']): string => `width ${n.width}, depth ${n.depth}, time embedding ${n.timeEmbedDim}, input embedding ${n.inputEmbedDim}, predicting ${n.prediction === 'x0' ? 'x₀' : 'ε'}`;

/** A one-line description of what a model file's settings say it is (for a refusal message). */
export function describeModelConfig(config: Record<string, unknown>): string {
  if (config.kind === 'image-ddpm') return `an image model for ${String(config.width)}×${String(config.height)} images`;
  if (typeof config.dataset === 'string') return `a 2D-points model (the ${config.dataset} dataset, 2 numbers per point, from chapters 1–7)`;
  return 'a model file of an unknown kind (no image size in its settings)';
}

/** Throws a ModelFileError saying what the file is and what `expected` needs, unless its settings describe the same model. */
export function checkImageModelFile(file: ModelFile, expected: ImageModelFileConfig, name = 'digits'): ModelFile<ImageModelFileConfig> {
  const c = file.config;
  const want = `the ${name} model needs an image model for ${expected.width}×${expected.height} images (${expected.width * expected.height} pixels)`;
  if (c.kind !== 'image-ddpm') throw new ModelFileError(`This is ${describeModelConfig(c)}; ${want}.`);
  if (c.width !== expected.width || c.height !== expected.height) throw new ModelFileError(`This is ${describeModelConfig(c)}; ${want}.`);
  if (c.classes !== expected.classes) throw new ModelFileError(`This image model draws ${String(c.classes)} classes; the ${name} model has ${expected.classes}.`);
  const net = c.net as ImageModelFileConfig['net'] | undefined;
  const same = (k: keyof ImageModelFileConfig['net']): boolean => net?.[k] === expected.net[k];
  // A file without `prediction` predates it: its network predicts ε.
  const samePrediction = (net?.prediction ?? 'eps') === (expected.net.prediction ?? 'eps');
  if (!net || !same('width') || !same('depth') || !same('timeEmbedDim') || !same('inputEmbedDim') || !samePrediction) {
    throw new ModelFileError(`This ${expected.width}×${expected.height} image model has another network (${net ? describeNet(net) : 'none given'}); the ${name} model's is ${describeNet(expected.net)}.`);
  }
  const schedule = c.schedule as ImageModelFileConfig['schedule'] | undefined;
  if (schedule?.kind !== expected.schedule.kind || schedule.T !== expected.schedule.T) {
    throw new ModelFileError(`This image model was trained with another noise schedule (${schedule ? `${schedule.kind}, T = ${schedule.T}` : 'none given'}); the ${name} model uses ${expected.schedule.kind}, T = ${expected.schedule.T}.`);
  }
  return file as unknown as ModelFile<ImageModelFileConfig>;
}
