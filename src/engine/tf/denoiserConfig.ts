/**
 * The shape of the denoiser network g(x_t, t), validated in one place. Defaults are the
 * playground's default model (the one the Training chapter uses).
 */
import { EngineInputError, requireClosedInterval, requireInteger, requireOneOf } from '../inputError';
import { MAX_T } from '../schedule';

export const PREDICTION_TARGETS = ['eps', 'x0'] as const;
/** What the network outputs: the noise ε (default, §3.4) or the clean point x_0 (§4.4). */
export type PredictionTarget = (typeof PREDICTION_TARGETS)[number];

export interface DenoiserConfig {
  /** Dimension of a data point (2 for the plane, 100 for the sine-wave signals). */
  dim: number;
  /** Number of timesteps T the time embedding covers. */
  T: number;
  /** Width of every hidden layer. */
  width: number;
  /** Number of residual blocks after the input layer. */
  depth: number;
  /**
   * Size of the sinusoidal embedding of t (even), or 0 for a network with no timestep input
   * (the one-shot denoiser of eq. 7.2 maps x̃ straight to x_0).
   */
  timeEmbedDim: number;
  /** Size of the sinusoidal embedding of each input coordinate (even), or 0 to feed x_t raw. */
  inputEmbedDim: number;
  /** Coordinates are multiplied by this before their embedding (≈25 works well on 2D data). */
  inputEmbedScale: number;
  prediction: PredictionTarget;
  /**
   * Number of classes K for a class-conditional network ε_θ(x_t, t, c) (chapter 7), or 0 for an
   * unconditional one. With K > 0 the input also carries a one-hot of length K + 1 whose last slot
   * is the "no label" token ∅, so the first layer's rows for it are a learned class embedding.
   */
  classes: number;
  /**
   * Length of a continuous condition y fed beside x_t, g(x_t, t, y) (issue 15's upsampler: the
   * 4×4 image, 16 numbers; src/engine/upsample/), or 0 / absent for none. It enters the first
   * layer like the class one-hot does, as plain columns of the input row.
   */
  condDim?: number;
}

/** Largest number of classes a conditional denoiser takes. */
export const MAX_CLASSES = 256;

/** Length of the class one-hot in the network's input: K + 1 (with ∅) for K classes, 0 when unconditional. */
export function classSlots(config: Pick<DenoiserConfig, 'classes'>): number {
  return config.classes > 0 ? config.classes + 1 : 0;
}

/** Length of the condition y in the input row (0 without one). */
export function condSlots(config: Pick<DenoiserConfig, 'condDim'>): number {
  return config.condDim ?? 0;
}

/**
 * Length of the network's input row: [x_t, sin/cos of each coordinate, class one-hot, condition y, embedding of t].
 * The one-hot sits before the time embedding so that the time part stays last (the SIMD sampler
 * folds it into the first bias, simd/simdMlp.ts); with classes = 0 the layout is the old one.
 */
export function inputSize(config: Pick<DenoiserConfig, 'dim' | 'inputEmbedDim' | 'timeEmbedDim' | 'classes' | 'condDim'>): number {
  return config.dim + config.dim * config.inputEmbedDim + classSlots(config) + condSlots(config) + config.timeEmbedDim;
}

export const DEFAULT_DENOISER: Omit<DenoiserConfig, 'dim' | 'T'> = {
  width: 128,
  depth: 3,
  timeEmbedDim: 32,
  inputEmbedDim: 32,
  inputEmbedScale: 25,
  prediction: 'eps',
  classes: 0,
};

function requireEven(param: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value % 2 !== 0 || value < min || value > max) {
    throw new EngineInputError(param, `an even integer in [${min}, ${max}]`, value);
  }
}

/** Fills in defaults and throws an EngineInputError naming any out-of-range field. */
export function resolveDenoiserConfig(partial: Partial<DenoiserConfig> & Pick<DenoiserConfig, 'dim' | 'T'>): DenoiserConfig {
  const config: DenoiserConfig = { ...DEFAULT_DENOISER, ...partial };
  requireInteger('dim', config.dim, 1, 4096);
  requireInteger('T', config.T, 2, MAX_T);
  requireInteger('width', config.width, 4, 1024);
  requireInteger('depth', config.depth, 0, 16);
  if (config.timeEmbedDim !== 0) requireEven('timeEmbedDim', config.timeEmbedDim, 2, 512);
  if (config.inputEmbedDim !== 0) requireEven('inputEmbedDim', config.inputEmbedDim, 2, 512);
  requireClosedInterval('inputEmbedScale', config.inputEmbedScale, 0.01, 1000);
  requireOneOf('prediction', config.prediction, PREDICTION_TARGETS);
  requireInteger('classes', config.classes, 0, MAX_CLASSES);
  if (config.condDim !== undefined) requireInteger('condDim', config.condDim, 0, 4096);
  return config;
}
