/**
 * Label dropout for classifier-free guidance (Ho and Salimans 2022; chapter 7): each training
 * example's class is replaced by the "no label" token ∅ with probability p, so one network learns
 * both ε_θ(x_t, t, c) and ε_θ(x_t, t, ∅).
 */
import type { Rng } from '../rng';

/**
 * For rows r in [from, to): out[r] = ∅ (= `classes`) with probability p, else labels[idx[r]], the
 * class of the data point drawn for that row. Draws one uniform per row, in row order.
 */
export function dropLabels(rng: Rng, labels: Int32Array, idx: Int32Array, from: number, to: number, p: number, classes: number, out: Int32Array): void {
  for (let r = from; r < to; r++) out[r] = rng.uniform() < p ? classes : labels[idx[r]!]!;
}
