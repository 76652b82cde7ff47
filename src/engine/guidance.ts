/**
 * Classifier-free guidance (Ho and Salimans 2022), eq. 7.4 of chapter 7:
 *   ε̃ = (1 + w) ε_θ(x_t, t, c) − w ε_θ(x_t, t, ∅).
 * w = 0 is plain conditional sampling and w = −1 plain unconditional sampling. Libraries that
 * write ε_∅ + s (ε_c − ε_∅) use the "guidance scale" s = 1 + w. Since ε = −√(1 − ᾱ_t) ∇ log p_t,
 * ε̃ is the noise prediction of the tilted density p_t(x | c)^(1+w) p_t(x)^(−w) ∝ p_t(x | c) p_t(c | x)^w.
 */
import { EngineInputError, requireClosedInterval } from './inputError';

/** The largest guidance weight the playground accepts. */
export const MAX_GUIDANCE = 20;

/** ε̃ = (1 + w) ε_c − w ε_∅ element-wise (eq. 7.4); both arrays hold the same points in the same order. */
export function guidedEps(epsCond: ArrayLike<number>, epsUncond: ArrayLike<number>, w: number): Float32Array {
  requireClosedInterval('w', w, -1, MAX_GUIDANCE);
  if (epsCond.length !== epsUncond.length) throw new EngineInputError('epsUncond', `an array of the same length as epsCond (${epsCond.length})`, epsUncond.length);
  const out = new Float32Array(epsCond.length);
  for (let k = 0; k < out.length; k++) out[k] = (1 + w) * epsCond[k]! - w * epsUncond[k]!;
  return out;
}

/** The same weight in the other convention: the guidance scale s = 1 + w of ε_∅ + s (ε_c − ε_∅). */
export function guidanceScale(w: number): number {
  return 1 + w;
}
