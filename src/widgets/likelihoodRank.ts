/**
 * Where a drawn image's score falls among the same score of held-out digits (chapter 8, "How likely
 * is this image?"): neither the −ELBO in bits/dim (eq. 8.8 → 8.5) nor the per-pixel denoising error
 * (eq. 7.5 / D) is calibrated on its own, so the widget says how many held-out digits score lower,
 * in a sentence that stays true at every rank.
 */

/** bits: −ELBO in bits/dim, an upper bound (higher = less likely); anomaly: per-pixel denoising error (higher = harder to denoise). */
export type ScoreKind = 'bits' | 'anomaly';

/** How many of `reference` score strictly lower than `value`, of how many. */
export function countBelow(value: number, reference: readonly number[]): { below: number; n: number } {
  return { below: reference.filter((r) => r < value).length, n: reference.length };
}

/** The median and range of a set of scores (the median of an even count: the mean of the middle two). */
export function spread(values: readonly number[]): { median: number; min: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length;
  if (m === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const median = m % 2 ? s[(m - 1) / 2]! : (s[m / 2 - 1]! + s[m / 2]!) / 2;
  return { median, min: s[0]!, max: s[m - 1]! };
}

/** The share of held-out digits that must score lower (or higher) before the sentence says "nearly all". */
export const NEARLY_ALL = 0.9;

const WORDS: Record<ScoreKind, { worse: string; better: string; typical: string }> = {
  bits: {
    worse: 'by this bound the model finds it less likely than',
    better: 'by this bound the model finds it more likely than',
    typical: 'about as likely as real digits, by this bound',
  },
  anomaly: {
    worse: 'the network denoises it worse than',
    better: 'the network denoises it better than',
    typical: 'the network denoises it about as well as real digits',
  },
};

/** "Higher than 97 of 100 held-out digits: … less likely than nearly all real digits", true for any rank. */
export function rankSentence(below: number, n: number, kind: ScoreKind): string {
  const w = WORDS[kind];
  const above = n - below;
  if (n === 0) return 'No held-out digits to compare with.';
  if (below === n) return `Higher than all ${n} held-out digits: ${w.worse} every real digit scored.`;
  if (above === n) return `Lower than all ${n} held-out digits: ${w.better} every real digit scored.`;
  if (below >= NEARLY_ALL * n) return `Higher than ${below} of ${n} held-out digits: ${w.worse} nearly all real digits.`;
  if (above >= NEARLY_ALL * n) return `Lower than ${above} of ${n} held-out digits: ${w.better} nearly all real digits.`;
  return `Higher than ${below} of ${n} held-out digits: ${w.typical}.`;
}
