/**
 * A 1D-signal dataset: each point is a whole sine wave sampled at `length` steps, so dim = length.
 * It shows the same diffusion machinery working on vectors whose coordinates are strongly correlated.
 */
import { EngineInputError, requireInteger } from '../inputError';
import { makeRng } from '../rng';
import { standardizeGlobal, type StandardizedPointSet } from './pointSet';
import { MAX_POINTS, MIN_POINTS, validateCountAndSeed } from './toy2d';

export const MIN_SINE_LENGTH = 8;
export const MAX_SINE_LENGTH = 4096;
/** Cap on n · length (16 Mi floats = 64 MiB) so a large n with a long window cannot exhaust memory. */
export const MAX_SINE_VALUES = 1 << 24;

/**
 * n signals x_k[j] = A_k sin(2π f_k j / length + φ_k) (eq. 7.1), j = 0 … length − 1, with A ~ U(0.5, 1.5),
 * f ~ U(1, 3) cycles per window and φ ~ U(0, 2π), standardised by one global mean and std
 * (returned as length-1 arrays) so every row stays an exact sinusoid.
 */
export function makeSineWaves(n: number, seed: number, length = 32): StandardizedPointSet {
  requireInteger('length', length, MIN_SINE_LENGTH, MAX_SINE_LENGTH);
  validateCountAndSeed(n, seed);
  const maxN = Math.min(MAX_POINTS, Math.floor(MAX_SINE_VALUES / length));
  if (n > maxN) throw new EngineInputError('n', `an integer in [${MIN_POINTS}, ${maxN}] when length is ${length}`, n);

  const rng = makeRng(seed);
  const raw = new Float64Array(n * length);
  for (let k = 0; k < n; k++) {
    const amplitude = 0.5 + rng.uniform();
    const frequency = 1 + 2 * rng.uniform();
    const phase = 2 * Math.PI * rng.uniform();
    const omega = (2 * Math.PI * frequency) / length;
    for (let j = 0; j < length; j++) raw[k * length + j] = amplitude * Math.sin(omega * j + phase);
  }
  const { points, mean, std } = standardizeGlobal(raw, n, length);
  return { points, n, dim: length, mean, std };
}
