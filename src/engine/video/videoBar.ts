/**
 * Issue 15's bar on the temporal figures (temporalConsistency.ts), with the data's figures as the
 * yardstick: the joint model's clips move as the data's do, the per-frame model's flicker.
 */
import type { ClipFigures } from './temporalConsistency';

/** The joint samples' frame change must be within this factor of the data's (either way). */
export const CHANGE_RATIO_BAR = 2;
/** Share of sampled frames that must hold one ball (a blank or smeared clip has no motion to judge). */
export const BALL_PRESENT_BAR = 0.8;

/** Joint samples: frame change within 2× of the data's, and most frames a ball. */
export function jointMeetsBar(joint: ClipFigures, data: ClipFigures): boolean {
  const ratio = joint.frameChange / data.frameChange;
  return ratio >= 1 / CHANGE_RATIO_BAR && ratio <= CHANGE_RATIO_BAR && joint.ballPresentShare >= BALL_PRESENT_BAR;
}

/**
 * Per-frame samples clearly worse: their track at least 3× as far from any bouncing path as the
 * joint samples' (the figure that separates them most: measured 1.59 against 0.28 px), and their
 * frame change at least 1.5× the data's. Independent frames change about 2.1× the data's (each jump
 * is ≈ 2.6 px against a real step of ≈ 1 px), so a per-frame model sits near the joint bar's edge
 * on that figure; it is the path that gives it away.
 */
export function perFrameClearlyWorse(perFrame: ClipFigures, joint: ClipFigures, data: ClipFigures): boolean {
  return perFrame.bounceFitError >= 3 * joint.bounceFitError && perFrame.frameChange >= 1.5 * data.frameChange;
}
