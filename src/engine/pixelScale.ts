/**
 * Grey levels ↔ the model's scale (eq. 8.1 of chapter 8). The UCI digits store each pixel as an
 * integer level v ∈ {0, …, 16} (17 levels); the model sees
 *   x = 2v/16 − 1 ∈ [−1, 1],
 * the same scale as the noise's N(0, 1) up to a factor, as chapter 7 asks of any data. Neighbouring
 * levels sit Δ = 2/16 = 1/8 apart on that scale: the bin width of the discrete likelihood (eq. 8.6, 8.7).
 */
import { EngineInputError, requireInteger } from './inputError';

/** The digits' largest grey level: levels run 0 … 16, 17 in all. */
export const DIGIT_MAX_LEVEL = 16;

/** x = 2v/maxLevel − 1 for each grey level v (eq. 8.1); levels need not be integers. */
export function levelsToUnit(levels: ArrayLike<number>, maxLevel = DIGIT_MAX_LEVEL): Float32Array {
  requireInteger('maxLevel', maxLevel, 1);
  const out = new Float32Array(levels.length);
  for (let k = 0; k < levels.length; k++) out[k] = (2 * levels[k]!) / maxLevel - 1;
  return out;
}

/** v = (x + 1) · maxLevel / 2, the exact inverse of eq. 8.1 (no rounding, no clamping). */
export function unitToLevels(x: ArrayLike<number>, maxLevel = DIGIT_MAX_LEVEL): Float32Array {
  requireInteger('maxLevel', maxLevel, 1);
  const out = new Float32Array(x.length);
  for (let k = 0; k < x.length; k++) out[k] = ((x[k]! + 1) * maxLevel) / 2;
  return out;
}

/**
 * The nearest grey level of each model value, clamped to 0 … maxLevel: how a sample becomes an
 * image of the dataset's kind (a sample may overshoot [−1, 1] a little; the ends take the rest).
 */
export function quantizeToLevels(x: ArrayLike<number>, maxLevel = DIGIT_MAX_LEVEL): Uint8Array {
  requireInteger('maxLevel', maxLevel, 1, 255);
  const out = new Uint8Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const v = x[k]!;
    if (Number.isNaN(v)) throw new EngineInputError('x', 'numbers (no NaN)', v);
    out[k] = Math.min(maxLevel, Math.max(0, Math.round(((v + 1) * maxLevel) / 2)));
  }
  return out;
}

/** Δ = 2/maxLevel, the distance between neighbouring levels on the [−1, 1] scale (1/8 for the digits). */
export function levelBinWidth(maxLevel = DIGIT_MAX_LEVEL): number {
  requireInteger('maxLevel', maxLevel, 1);
  return 2 / maxLevel;
}

/**
 * The grey level k of each model value that lies on the grid −1 + kΔ (within a thousandth of a bin,
 * for values stored as float32); throws on a value between levels or outside [−1, 1].
 */
export function levelsOnGrid(x: ArrayLike<number>, maxLevel = DIGIT_MAX_LEVEL): Uint8Array {
  requireInteger('maxLevel', maxLevel, 1, 255);
  const delta = 2 / maxLevel;
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const k = Math.round((x[i]! + 1) / delta);
    if (!(k >= 0 && k <= maxLevel && Math.abs(x[i]! - (-1 + k * delta)) <= 1e-3 * delta)) {
      throw new EngineInputError('x', `values on the grid −1 + 2k/${maxLevel}, k = 0 … ${maxLevel}`, x[i]);
    }
    out[i] = k;
  }
  return out;
}
