/**
 * The latent-space widget's pixel-vs-latent comparison: when the latent DDPM first clears the digit
 * bar (the first scored sample that passes, and what it cost), and the pixel-space figures it is set
 * beside, QUOTED, not measured on this page (training the pixel model from scratch here would take
 * the reader's page away for several seconds more than the latent one; the figures say where they
 * come from). Pure: no engine, no DOM.
 */
import type { ImageScore } from '../worker/protocol';

/** Samples per scored check: as many as the pixel figures were scored on (so the FIDs compare). */
export const LATENT_SCORED = 2000;

/** One scored sample of the latent DDPM. */
export interface LatentCheck {
  step: number;
  /** Training seconds behind it (the worker's, sampling pauses excluded). */
  trainSeconds: number;
  score: ImageScore;
}

/** The first check that passes the bar, kept once found (a later check that fails does not undo "reached the bar at step s"); null while none has. */
export function firstPass(previous: LatentCheck | null, check: LatentCheck): LatentCheck | null {
  if (previous) return previous;
  return check.score.passes ? check : null;
}

/** Pixel space, for the table: the chapter-8 digit model from scratch (class-conditional, digits asked for evenly, w = 0). */
export const PIXEL_REFERENCE = {
  dims: 64,
  /** `npm run bench` imagesToQuality, Chromium WASM on 2 threads, three rounds on 2026-12-06 (README, "Benchmark"): 2,000 samples pass the bar. */
  stepsToBar: [629, 1267] as const,
  secondsToBar: [2.1, 4.2] as const,
  /** src/engine/images/digitModel.ts (scripts/images/measure-digits.ts, Node WASM): at its first pass of the bar, ≈ 1,200 steps, 2,000 samples. */
  confidentShare: 0.817,
  frechet: 8.8,
  samples: 2000,
  /** The same network without the digit as input, as the latent DDPM is (src/engine/latent/latentRecipe.ts, Node WASM): not past the bar in 20 s (1,520 steps). */
  unconditional: { steps: 1520, seconds: 20, confidentShare: 0.725, frechet: 8.3 },
} as const;

/** "a–b" for a measured range, or the one value when both ends agree. */
export function formatRange([a, b]: readonly [number, number], digits = 0): string {
  const f = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return f(a) === f(b) ? f(a) : `${f(a)}–${f(b)}`;
}

/** d = 2's floor: standardised codes drawn from N(0, I) and decoded, no DDPM (latentRecipe.ts, 2,000 images): past the bar already. */
export const LATENT_NOISE_CODES_D2 = { confidentShare: 0.869, frechet: 6.85 } as const;
/** d = 8's: the same, short of the bar on confident share but with an FID already below the pixel models' first passes. */
export const LATENT_NOISE_CODES_D8 = { confidentShare: 0.746, frechet: 6.71 } as const;
