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
 * Per-frame samples clearly worse: their frame change above 2× the data's (outside the joint
 * bar), and their track at least 3× as far from any bouncing path as the joint samples'.
 */
export function perFrameClearlyWorse(perFrame: ClipFigures, joint: ClipFigures, data: ClipFigures): boolean {
  return perFrame.frameChange > CHANGE_RATIO_BAR * data.frameChange && perFrame.bounceFitError >= 3 * joint.bounceFitError;
}
