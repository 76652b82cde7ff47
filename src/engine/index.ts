/**
 * The DDPM engine, pure half: no DOM, no React, no postMessage, no tfjs. It runs under Node in
 * tests, in the worker, and on the page (for charts that need only the math).
 *
 * Index convention: every per-timestep array is 0-indexed, and index `i` holds the notes'
 * timestep t = i + 1 (so `schedule.betas[0]` is β_1). ᾱ_t denotes the cumulative product
 * ∏_{s ≤ t} (1 − β_s) throughout (source note `003` writes it α_t).
 *
 * The tfjs half (denoiser, training, sampling) lives in ./tf and is imported only by the worker
 * and the Node tests, so the page's main bundle never loads tfjs.
 */
export * from './inputError';
export * from './rng';
export * from './schedule';
export * from './timesteps';
export * from './forward';
export * from './posterior';
export * from './clip';
export * from './ddpmStep';
export * from './ddimStep';
export * from './gaussian';
export * from './bayes';
export * from './sampleStats';
export * from './elbo';
export * from './metrics';
export * from './datasets';
// Chapter 8 (images).
export * from './pixelScale';
export * from './pixelHistogram';
export * from './normalCdf';
export * from './discreteDecoder';
export * from './bitsPerDim';
export * from './imageElbo';
export * from './imageAnomaly';
export * from './nearestImages';
