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
  /** Size of the sinusoidal embedding of t (even). */
  timeEmbedDim: number;
  /** Size of the sinusoidal embedding of each input coordinate (even), or 0 to feed x_t raw. */
  inputEmbedDim: number;
  /** Coordinates are multiplied by this before their embedding (≈25 works well on 2D data). */
  inputEmbedScale: number;
  prediction: PredictionTarget;
}

export const DEFAULT_DENOISER: Omit<DenoiserConfig, 'dim' | 'T'> = {
  width: 128,
  depth: 3,
  timeEmbedDim: 32,
  inputEmbedDim: 32,
  inputEmbedScale: 25,
  prediction: 'eps',
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
  requireEven('timeEmbedDim', config.timeEmbedDim, 2, 512);
  if (config.inputEmbedDim !== 0) requireEven('inputEmbedDim', config.inputEmbedDim, 2, 512);
  requireClosedInterval('inputEmbedScale', config.inputEmbedScale, 0.01, 1000);
  requireOneOf('prediction', config.prediction, PREDICTION_TARGETS);
  return config;
}
