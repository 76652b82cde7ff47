/** The settings a fresh page trains with (the Training chapter's default model). */
import { DEFAULT_DENOISER } from '../engine/tf/denoiserConfig';
import type { SampleRequestOptions, SessionConfig } from '../worker/protocol';

export const DEFAULT_SESSION: SessionConfig = {
  dataset: 'twoMoons',
  nPoints: 8000,
  schedule: 'linear',
  T: 1000,
  width: DEFAULT_DENOISER.width,
  depth: DEFAULT_DENOISER.depth,
  timeEmbedDim: DEFAULT_DENOISER.timeEmbedDim,
  inputEmbedDim: DEFAULT_DENOISER.inputEmbedDim,
  prediction: DEFAULT_DENOISER.prediction,
  optimizer: 'adam',
  learningRate: 2e-3,
  batchSize: 256,
  seed: 0,
};

export const DEFAULT_SAMPLING: SampleRequestOptions = {
  method: 'ddim', n: 1000, steps: 50, eta: 0, variance: 'beta', spacing: 'trailing', seed: 1, trace: [], traceEvery: 1,
};
