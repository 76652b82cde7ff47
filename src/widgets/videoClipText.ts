/**
 * Pure helpers of the video-clips widget (issue 15, "frames that agree"): one frame of every shown
 * clip, for a grid of images, and the temporal figures (src/engine/video/temporalConsistency.ts)
 * put into words a student reads, with the data's figures as the yardstick and the ratios stated.
 */
import type { ClipFigures } from '../engine/video/temporalConsistency';
import { BALL_PRESENT_BAR, CHANGE_RATIO_BAR } from '../engine/video/videoBar';

/**
 * Frame `frame` of the first `count` clips of `clips` (clips × frames × px, frame-major within a
 * clip, bouncingBall.ts), laid end to end: count × px values, image k being clip k's frame.
 */
export function framesAt(clips: Float32Array, count: number, frame: number, frames: number, px: number): Float32Array {
  const shown = Math.min(count, Math.floor(clips.length / (frames * px)));
  const f = Math.max(0, Math.min(frames - 1, Math.round(frame)));
  const out = new Float32Array(shown * px);
  for (let k = 0; k < shown; k++) out.set(clips.subarray((k * frames + f) * px, (k * frames + f + 1) * px), k * px);
  return out;
}

/** a / b, and "1.9×" for it (two significant figures below 10). */
export function ratio(a: number, b: number): number {
  return b > 0 ? a / b : Number.NaN;
}
export const times = (r: number): string => (Number.isFinite(r) ? `${r < 10 ? r.toPrecision(2) : r.toFixed(0)}×` : '–');

/** The figures of one row in short words (the widget's note defines them), with the data's beside a model's and the ratio stated. */
export function describeFigures(f: ClipFigures, data: ClipFigures, isData: boolean): { change: string; path: string; balls: string } {
  const change = `Change between frames: ${f.frameChange.toFixed(1)} px of ink`;
  const path = `Off a straight bouncing path: ${f.bounceFitError.toFixed(2)} px`;
  const balls = `Frames showing one ball: ${Math.round(100 * f.ballPresentShare)}%`;
  if (isData) return { change, path, balls };
  return {
    change: `${change}, ${times(ratio(f.frameChange, data.frameChange))} the real clips' ${data.frameChange.toFixed(1)}`,
    path: `${path} (real clips: ${data.bounceFitError.toFixed(2)})`,
    balls,
  };
}

/**
 * The joint row's verdict on issue 15's bar (videoBar.ts jointMeetsBar): its frame change within 2×
 * of the data's and at least 80% of frames a ball.
 */
export function jointVerdict(joint: ClipFigures, data: ClipFigures, meets: boolean): string {
  const r = ratio(joint.frameChange, data.frameChange);
  const within = r >= 1 / CHANGE_RATIO_BAR && r <= CHANGE_RATIO_BAR;
  const balls = joint.ballPresentShare >= BALL_PRESENT_BAR;
  if (meets) return `Moves like the real clips: frame change ${times(r)} the data's (within ${CHANGE_RATIO_BAR}×) and ${Math.round(100 * joint.ballPresentShare)}% of frames a ball.`;
  if (!balls) return `Not there yet: only ${Math.round(100 * joint.ballPresentShare)}% of frames hold one ball (the bar asks ${Math.round(100 * BALL_PRESENT_BAR)}%)${within ? '' : `, and the frame change is ${times(r)} the data's`}.`;
  return `Not there yet: frame change ${times(r)} the data's (the bar asks within ${CHANGE_RATIO_BAR}×).`;
}

/**
 * The per-frame row against the joint one: how much farther its ball strays from a bouncing path,
 * and how much more it changes than the data. While the joint model draws balls in fewer than the
 * bar's share of frames (training from scratch), its path figure measures blobs, not a ball, so
 * the per-frame row is set against the real clips instead.
 */
export function perFrameVerdict(perFrame: ClipFigures, joint: ClipFigures, data: ClipFigures, clearlyWorse: boolean): string {
  const far = times(ratio(perFrame.bounceFitError, joint.bounceFitError));
  const change = times(ratio(perFrame.frameChange, data.frameChange));
  if (joint.ballPresentShare < BALL_PRESENT_BAR) {
    return `Its ball is ${perFrame.bounceFitError.toFixed(2)} px off a bouncing path (real clips: ${data.bounceFitError.toFixed(2)}) and it changes ${change} as much as the real clips. The joint model draws a ball in only ${Math.round(100 * joint.ballPresentShare)}% of frames so far, too few to compare their paths.`;
  }
  return clearlyWorse
    ? `Flickers: every frame is a good ball, but it jumps. Its path is ${far} as far from a bouncing line as the joint model's, and it changes ${change} as much as the real clips.`
    : `Its path is ${far} as far from a bouncing line as the joint model's, and it changes ${change} as much as the real clips.`;
}
