/**
 * The reverse process on images (chapter 8): K states x_t of the DDIM chain, for every image of a
 * sample, each beside the network's current guess of the clean image,
 *   x̂₀ = (x_t − √(1 − ᾱ_t) ε̂(x_t, t)) / √ᾱ_t   (eq. 4.6, the engine's predictX0FromEps),
 * clipped to the pixel range for display. The sampler traces every state; K of them, evenly
 * spread over the chain (the first is x_T, the last the finished sample), are kept.
 */
import * as tf from '@tensorflow/tfjs';
import { predictX0FromEps } from '../engine/posterior';
import type { Schedule } from '../engine/schedule';
import type { EpsModel, TraceFrame } from '../engine/tf/sampler';
import type { ImageReverseFrames } from './protocol';


/** Which of the chain's `states` (x_T, then one after each of the `states − 1` steps) become the K frames: evenly spread, both ends kept. */
export function frameStates(states: number, frames: number): Set<number> {
  const keep = new Set<number>();
  for (let j = 0; j < frames; j++) keep.add(Math.round((j * (states - 1)) / (frames - 1)));
  return keep;
}

/** x̂₀ of eq. 4.6 for a batch of states x_t at 1-indexed t, clipped to [−1, 1]; at t = 0 the state is the clean image itself. */
export async function clippedX0(eps: EpsModel, schedule: Schedule, xt: Float32Array, t: number): Promise<Float32Array> {
  if (t === 0) return xt.map((v) => Math.max(-1, Math.min(1, v)));
  const dim = eps.config.dim;
  const predicted = tf.tidy(() => eps.predictEps(tf.tensor2d(xt, [xt.length / dim, dim]), t - 1, schedule));
  const epsHat = (await predicted.data()) as Float32Array;
  predicted.dispose();
  return predictX0FromEps(xt, epsHat, t - 1, schedule).map((v) => Math.max(-1, Math.min(1, v)));
}

/**
 * Collects K frames from a sampler traced at every step (`trace: { indices: all rows, every: 1 }`):
 * hand `onFrame` to the sampler, then `result()`. Costs one extra network evaluation per kept frame.
 */
export class FrameCollector {
  private readonly keep: Set<number>;
  private seen = 0;
  private readonly ts: number[] = [];
  private readonly xts: Float32Array[] = [];
  private readonly x0s: Float32Array[] = [];

  /** `steps`: the sampler's steps (states = steps + 1); `frames` ≤ steps + 1. */
  constructor(private readonly eps: EpsModel, private readonly schedule: Schedule, steps: number, frames: number) {
    this.keep = frameStates(steps + 1, frames);
  }

  readonly onFrame = async (frame: TraceFrame): Promise<void> => {
    const state = this.seen++;
    if (!this.keep.has(state)) return;
    this.ts.push(frame.t);
    this.xts.push(frame.points);
    this.x0s.push(await clippedX0(this.eps, this.schedule, frame.points, frame.t));
  };

  /** The frames kept so far (fewer than K if the sample was cancelled). */
  result(): ImageReverseFrames {
    const concat = (parts: Float32Array[]): Float32Array => {
      const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
      let at = 0;
      for (const p of parts) out.set(p, at), (at += p.length);
      return out;
    };
    return { t: Int32Array.from(this.ts), xt: concat(this.xts), x0: concat(this.x0s) };
  }
}
