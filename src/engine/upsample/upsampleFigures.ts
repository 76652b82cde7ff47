/**
 * The upsampler's measured figures in one call (the pretrain script, the shipped file's test and
 * the bench share it): k samples for each of m held-out digits' 4×4 views, their mean condition
 * error and pixel spread (upsampleQuality.ts), beside the random-digit baseline.
 */
import type { Schedule } from '../schedule';
import type { Denoiser } from '../tf/denoiser';
import { EngineInputError, requireInteger } from '../inputError';
import { downsample, HIGH_SIDE, LOW_DIM } from './downsample';
import { drawUpsampled } from './upsampleModel';
import { conditionError, pixelSpread, repeatConditions } from './upsampleQuality';

const HIGH_DIM = HIGH_SIDE * HIGH_SIDE;

export interface UpsampleFigures {
  /** Mean |D(x̂) − y| over the m·k samples (pixels in [−1, 1]). */
  conditionError: number;
  /** Mean per-pixel standard deviation across the k samples of a condition. */
  pixelSpread: number;
  /** The samples, m·k × 64 (rows j·k … for condition j). */
  samples: Float32Array;
  /** The m conditions (m × 16). */
  conds: Float32Array;
}

/** The first m images of `images` (n × 64): their conditions, and k samples each from `net`, seeded. */
export async function measureUpsampler(net: Denoiser, schedule: Schedule, images: Float32Array, m: number, k: number, seed: number): Promise<UpsampleFigures> {
  requireInteger('m', m, 1, images.length / HIGH_DIM);
  const conds = downsample(images.subarray(0, m * HIGH_DIM));
  const samples = await drawUpsampled(net, schedule, conds, k, seed);
  return { conditionError: conditionError(samples, repeatConditions(conds, k)), pixelSpread: pixelSpread(samples, k), samples, conds };
}

/**
 * The baseline of a model that ignores the condition: each of the first m images' condition
 * against another real image's own low-res view (image j + shift, mod n), mean |D(x_other) − y_j|.
 */
export function randomDigitConditionError(images: Float32Array, m: number, shift: number): number {
  const n = images.length / HIGH_DIM;
  requireInteger('m', m, 1, n);
  if (!Number.isInteger(shift) || shift % n === 0) throw new EngineInputError('shift', `an integer that is not a multiple of ${n}`, shift);
  const low = downsample(images);
  const conds = low.subarray(0, m * LOW_DIM);
  const others = new Float32Array(m * HIGH_DIM);
  for (let j = 0; j < m; j++) {
    const o = (((j + shift) % n) + n) % n;
    others.set(images.subarray(o * HIGH_DIM, (o + 1) * HIGH_DIM), j * HIGH_DIM);
  }
  return conditionError(others, conds);
}
