/** A sample request's options (Algorithm 2 and DDIM), as the page asks the worker for samples. */
import type { DdpmVariance } from '../ddpmStep';
import type { TimestepSpacing } from '../timesteps';
import type { SampleMethod } from './engineSettings';

/** What a sampler is asked to do (Algorithm 2 and DDIM): shared by a request and the engine's sampler. */
export interface SamplerChoices {
  method: SampleMethod;
  /** Number of points to generate. */
  n: number;
  /** DDIM only: how many network evaluations (DDPM always takes T). */
  steps: number;
  /** DDIM only: 0 is deterministic, 1 matches DDPM's posterior variance. */
  eta: number;
  /** DDPM only: σ²_t = β_t (Algorithm 2) or σ̃²_t (eq. 6.2). */
  variance: DdpmVariance;
  spacing: TimestepSpacing;
  seed: number;
}

export interface SampleRequestOptions extends SamplerChoices {
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
