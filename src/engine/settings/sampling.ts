/** A sample request's options (Algorithm 2 and DDIM), as the page asks the worker for samples. */
import type { DdpmVariance } from '../ddpmStep';
import type { TimestepSpacing } from '../timesteps';
import type { SampleMethod } from './engineSettings';

export interface SampleRequestOptions {
  method: SampleMethod;
  n: number;
  steps: number;
  eta: number;
  variance: DdpmVariance;
  spacing: TimestepSpacing;
  seed: number;
  /** Indices of the points whose paths are streamed, and how often (every k-th step). */
  trace: number[];
  traceEvery: number;
  /** Stop at this t and return x_t instead of x_0 (0 or absent: run to the end). */
  stopAt?: number;
}

/** A sampler can take no more steps than the chain has (DDIM 50 of T = 20 is all 20 of them). */
export function clampToT(options: SampleRequestOptions, T: number): SampleRequestOptions {
  return {
    ...options, steps: Math.min(options.steps, T), traceEvery: Math.min(options.traceEvery, T),
    ...(options.stopAt !== undefined ? { stopAt: Math.min(options.stopAt, T) } : {}),
  };
}
