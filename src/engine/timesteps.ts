/**
 * Which timesteps a sampler with fewer steps than T visits (DDIM-style subsampling).
 * Returns 0-indexed timesteps (index i is t = i + 1), in the order they are visited
 * (descending). The three spacings are the ones the diffusers schedulers implement.
 */
import { requireInteger, requireOneOf } from './inputError';
import { MAX_T } from './schedule';

export const TIMESTEP_SPACINGS = ['leading', 'trailing', 'linspace'] as const;
export type TimestepSpacing = (typeof TIMESTEP_SPACINGS)[number];

/** `n` of the T timesteps, descending: leading k·⌊T/n⌋, trailing round(T − k·T/n) − 1, or linspace(0, T−1, n). */
export function timesteps(T: number, n: number, spacing: TimestepSpacing = 'trailing'): Int32Array {
  requireInteger('T', T, 2, MAX_T);
  requireInteger('steps', n, 1, T);
  requireOneOf('spacing', spacing, TIMESTEP_SPACINGS);
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    switch (spacing) {
      case 'leading':
        out[k] = (n - 1 - k) * Math.floor(T / n);
        break;
      case 'trailing':
        out[k] = Math.round(T - (k * T) / n) - 1;
        break;
      case 'linspace':
        out[k] = n === 1 ? T - 1 : Math.round(((T - 1) * (n - 1 - k)) / (n - 1));
        break;
    }
  }
  return out;
}
