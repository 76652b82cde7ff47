/**
 * What a perfect per-frame model would make (issue 15's contrast): clips whose frames are real
 * frames, each drawn on its own, uniformly from all frames of a clip set. Every frame is a
 * flawless ball; nothing ties a frame to the one before it. Its temporal figures
 * (temporalConsistency.ts) are the floor a per-frame sampler can reach, however well trained.
 */
import { requireInteger } from '../inputError';
import { makeRng } from '../rng';
import type { BallClipSpec } from './bouncingBall';

/** `n` clips of independently drawn frames of `clips` (m × frames·side², frame-major), from `seed`: a draw from eq. 9.2 with p the frames' empirical distribution. */
export function independentFrames(clips: Float32Array, spec: BallClipSpec, n: number, seed: number): Float32Array {
  requireInteger('n', n, 1, 100000);
  const px = spec.side * spec.side;
  const total = clips.length / px;
  requireInteger('frames in clips', total, 1);
  const rng = makeRng(seed);
  const out = new Float32Array(n * spec.frames * px);
  for (let k = 0; k < n * spec.frames; k++) {
    const src = rng.int(total);
    out.set(clips.subarray(src * px, (src + 1) * px), k * px);
  }
  return out;
}
