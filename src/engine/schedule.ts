/**
 * Noise schedules β_1 … β_T and every per-timestep constant derived from them (chapter 3).
 *
 * Index convention (the whole engine): arrays are 0-indexed, and index `i` holds the value
 * for the notes' timestep t = i + 1. So `betas[0]` is β_1 and `alphaBars[T - 1]` is ᾱ_T.
 * Notation: α_t = 1 − β_t and ᾱ_t = ∏_{s ≤ t} α_s (the notes' `003` write α_t for the product;
 * the playground writes ᾱ_t throughout).
 */
import { EngineInputError, requireInteger, requireOneOf, requireOpenInterval } from './inputError';

export const SCHEDULE_KINDS = ['linear', 'quadratic', 'cosine', 'sigmoid'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

/** Largest T the engine accepts: far beyond any use here, small enough to stay cheap. */
export const MAX_T = 10000;
/** β is capped here so that α_t = 1 − β_t stays positive (Nichol & Dhariwal 2021). */
export const MAX_BETA = 0.999;

export interface ScheduleOptions {
  kind: ScheduleKind;
  T: number;
  betaStart?: number;
  betaEnd?: number;
}

export interface Schedule {
  kind: ScheduleKind;
  T: number;
  /** β_t, the variance of the noise added at step t (eq. 3.1). */
  betas: Float64Array;
  /** α_t = 1 − β_t. */
  alphas: Float64Array;
  /** ᾱ_t = ∏_{s=1}^{t} α_s (the notation of chapter 3), the factor on the signal's variance in q(x_t | x_0) (√ᾱ_t scales x_0; eq. 3.4). */
  alphaBars: Float64Array;
  /** ᾱ_{t−1}, with ᾱ_0 = 1. */
  alphaBarsPrev: Float64Array;
  /** σ̃²_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t), the variance of q(x_{t−1} | x_t, x_0) (eq. 4.5). */
  posteriorVariance: Float64Array;
  /** Coefficient of x_0 in the posterior mean: β_t √ᾱ_{t−1} / (1 − ᾱ_t) (eq. 4.4). */
  posteriorMeanCoef1: Float64Array;
  /** Coefficient of x_t in the posterior mean: (1 − ᾱ_{t−1}) √α_t / (1 − ᾱ_t) (eq. 4.4). */
  posteriorMeanCoef2: Float64Array;
  /** Signal-to-noise ratio ᾱ_t / (1 − ᾱ_t) (eq. 3.8). */
  snr: Float64Array;
}

/** `n` evenly spaced values from `a` to `b` inclusive (numpy's linspace). */
export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = a;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = a + ((b - a) * i) / (n - 1);
  return out;
}

/** The offset s of the cosine schedule (Nichol & Dhariwal 2021). */
export const COSINE_OFFSET = 0.008;

/**
 * The cosine schedule's ᾱ at (1-indexed) timestep t, before any capping of β (eq. 3.7):
 * ᾱ_t = f(t) / f(0) with f(t) = cos²(((t/T + s) / (1 + s)) · π/2). ᾱ_0 = 1 and ᾱ_T = 0 (up to rounding).
 */
export function cosineAlphaBar(t: number, T: number, s = COSINE_OFFSET): number {
  return cosineF(t, T, s) / cosineF(0, T, s);
}

/** f(t) = cos²(((t/T + s) / (1 + s)) · π/2) of eq. 3.7. */
function cosineF(t: number, T: number, s: number): number {
  return Math.cos(((t / T + s) / (1 + s)) * (Math.PI / 2)) ** 2;
}

/** SNR(t) = ᾱ_t / (1 − ᾱ_t), the signal-to-noise ratio of x_t (eq. 3.8). */
export function signalToNoise(alphaBar: number): number {
  return alphaBar / (1 - alphaBar);
}

function cosineBetas(T: number): Float64Array {
  // β_t = 1 − ᾱ_t / ᾱ_{t−1} from eq. 3.7, capped at MAX_BETA (the last one would be 1).
  const betas = new Float64Array(T);
  for (let i = 0; i < T; i++) betas[i] = Math.min(1 - cosineF(i + 1, T, COSINE_OFFSET) / cosineF(i, T, COSINE_OFFSET), MAX_BETA);
  return betas;
}

function rawBetas(kind: ScheduleKind, T: number, betaStart: number, betaEnd: number): Float64Array {
  if (kind === 'cosine') return cosineBetas(T);
  // improved-diffusion's rescaling: keeps Σβ the same for any T (until the cap), and ᾱ_T within a
  // factor of 2 of its T = 1000 value for T ≥ 120, a factor of 10 for T ≥ 50 (schedule.test.ts).
  const scale = 1000 / T;
  const b0 = betaStart * scale;
  const b1 = betaEnd * scale;
  switch (kind) {
    case 'linear':
      return linspace(b0, b1, T);
    case 'quadratic':
      return linspace(Math.sqrt(b0), Math.sqrt(b1), T).map((v) => v * v);
    case 'sigmoid':
      return linspace(-6, 6, T).map((v) => (1 / (1 + Math.exp(-v))) * (b1 - b0) + b0);
  }
}

/** Validates the options and returns β_1 … β_T with every derived constant. */
export function makeSchedule(options: ScheduleOptions): Schedule {
  const { kind, T, betaStart = 1e-4, betaEnd = 0.02 } = options;
  requireOneOf('kind', kind, SCHEDULE_KINDS);
  requireInteger('T', T, 2, MAX_T);
  requireOpenInterval('betaStart', betaStart, 0, 1);
  requireOpenInterval('betaEnd', betaEnd, 0, 1);
  if (betaEnd < betaStart) throw new EngineInputError('betaEnd', `≥ betaStart (${betaStart})`, betaEnd);

  const betas = rawBetas(kind, T, betaStart, betaEnd).map((b) => Math.min(b, MAX_BETA));
  const alphas = betas.map((b) => 1 - b);
  const alphaBars = new Float64Array(T);
  const alphaBarsPrev = new Float64Array(T);
  let product = 1;
  for (let i = 0; i < T; i++) {
    alphaBarsPrev[i] = product;
    product *= alphas[i]!;
    alphaBars[i] = product;
  }
  const posteriorVariance = new Float64Array(T);
  const posteriorMeanCoef1 = new Float64Array(T);
  const posteriorMeanCoef2 = new Float64Array(T);
  const snr = new Float64Array(T);
  for (let i = 0; i < T; i++) {
    const ab = alphaBars[i]!;
    const abPrev = alphaBarsPrev[i]!;
    const beta = betas[i]!;
    posteriorVariance[i] = (beta * (1 - abPrev)) / (1 - ab);
    posteriorMeanCoef1[i] = (beta * Math.sqrt(abPrev)) / (1 - ab);
    posteriorMeanCoef2[i] = ((1 - abPrev) * Math.sqrt(alphas[i]!)) / (1 - ab);
    snr[i] = signalToNoise(ab);
  }
  return { kind, T, betas, alphas, alphaBars, alphaBarsPrev, posteriorVariance, posteriorMeanCoef1, posteriorMeanCoef2, snr };
}
