/**
 * Whether a clip's frames agree (issue 15): figures that are small for a ball moving as the data's
 * do and large for frames drawn each on their own. Ink is the pixel's coverage, (x + 1)/2 clipped
 * to [0, 1] (−1 blank, +1 full ink, as in bouncingBall.ts).
 *  - frame change: Σ_pixels |ink_{f+1} − ink_f|, the ink that changes between consecutive frames
 *    (px²), averaged over frames and clips. A ball moving d px changes about its two crescents
 *    (≈ 4rd for d ≪ r); one that jumps anywhere changes up to 2πr², its whole ink twice.
 *  - bounce-fit error: the ink centroid track c_f fitted per axis by a straight line folded by the
 *    walls (bouncingBall.ts: p(f) = fold(p₀ + v f) in [r, S − r], |v| ≤ maxSpeed), the fit's RMS
 *    distance from the track (px). 0 for the data up to the pixels' supersampling; about the spread
 *    of the positions for independent frames.
 *  - ball present: a frame holds one blob of the ball's ink (πr² ± 35% in a window a disc fits)
 *    and little ink elsewhere (< πr²/4): not blank, not two balls, not one smeared over two places.
 * The centroid track is read inside each frame's blob window (frameInk), so faint speckle a sampler
 * leaves elsewhere does not move it.
 */
import { EngineInputError } from '../inputError';
import { centreRange, reflectedPosition, type BallClipSpec } from './bouncingBall';

/**
 * A frame's ink: its total (px²), and the blob: the (w × w)-pixel window with the most ink,
 * w = ⌈2r⌉ + 2 (5 for r = 1.5, wide enough for a disc of radius r wherever its centre falls), its
 * ink and its centroid (pixel (i, j) centred at (i + ½, j + ½)). Reading the centroid inside the
 * window keeps faint speckle elsewhere from pulling it; with no ink it is the image centre.
 */
export interface FrameInk {
  mass: number;
  blobMass: number;
  cx: number;
  cy: number;
}

const inkOf = (v: number): number => Math.min(1, Math.max(0, (v + 1) / 2));

/** The window side that holds a whole disc of radius r. */
export function blobWindow(radius: number): number {
  return Math.ceil(2 * radius) + 2;
}

/** A frame's ink figures (see FrameInk). */
export function frameInk(frame: ArrayLike<number>, side: number, radius: number): FrameInk {
  const w = Math.min(side, blobWindow(radius));
  let mass = 0;
  for (let p = 0; p < side * side; p++) mass += inkOf(frame[p]!);
  let best = { i0: 0, j0: 0, m: -1 };
  for (let j0 = 0; j0 + w <= side; j0++) {
    for (let i0 = 0; i0 + w <= side; i0++) {
      let m = 0;
      for (let j = j0; j < j0 + w; j++) for (let i = i0; i < i0 + w; i++) m += inkOf(frame[j * side + i]!);
      if (m > best.m) best = { i0, j0, m };
    }
  }
  let sx = 0;
  let sy = 0;
  for (let j = best.j0; j < best.j0 + w; j++) {
    for (let i = best.i0; i < best.i0 + w; i++) {
      const ink = inkOf(frame[j * side + i]!);
      sx += ink * (i + 0.5);
      sy += ink * (j + 0.5);
    }
  }
  if (best.m < 1e-6) return { mass, blobMass: 0, cx: side / 2, cy: side / 2 };
  return { mass, blobMass: best.m, cx: sx / best.m, cy: sy / best.m };
}

/** Relative tolerance of the blob's ink, and the ink allowed outside it, as shares of the ball's πr². */
export const BALL_MASS_TOLERANCE = 0.35;
export const STRAY_INK_SHARE = 0.25;

/** Whether a frame holds one ball: a blob of πr² ± 35% ink, and less than a quarter of πr² anywhere else. */
export function ballPresent(ink: FrameInk, radius: number): boolean {
  const disc = Math.PI * radius * radius;
  return Math.abs(ink.blobMass / disc - 1) <= BALL_MASS_TOLERANCE && ink.mass - ink.blobMass < STRAY_INK_SHARE * disc;
}

/** The best folded line through one axis of a track: start p₀, velocity v and the RMS residual. */
export interface AxisFit {
  p0: number;
  v: number;
  rms: number;
}

function sumSquares(track: ArrayLike<number>, p0: number, v: number, lo: number, hi: number): number {
  let s = 0;
  for (let f = 0; f < track.length; f++) {
    const d = track[f]! - reflectedPosition(p0, v, f, lo, hi);
    s += d * d;
  }
  return s;
}

/**
 * Least squares over (p₀, v) ∈ [lo, hi] × [−vMax, vMax] of Σ_f (c_f − fold(p₀ + v f))²: the fold
 * makes it non-convex, so a 41 × 41 grid, then two finer grids around the best point (each a
 * tenth of the last step, ±1 step), to ≈ 10⁻³ of the ranges.
 */
export function fitBouncingAxis(track: ArrayLike<number>, lo: number, hi: number, vMax: number): AxisFit {
  const N = 40;
  let best = { p0: lo, v: 0, s: Infinity };
  let dp = (hi - lo) / N;
  let dv = (2 * vMax) / N;
  const search = (p0s: number[], vs: number[]): void => {
    for (const p0 of p0s) for (const v of vs) {
      const s = sumSquares(track, p0, v, lo, hi);
      if (s < best.s) best = { p0, v, s };
    }
  };
  const grid = (a: number, b: number, step: number): number[] => {
    const out: number[] = [];
    for (let x = a; x <= b + 1e-9; x += step) out.push(x);
    return out;
  };
  search(grid(lo, hi, dp), grid(-vMax, vMax, dv));
  for (let round = 0; round < 2; round++) {
    const { p0, v } = best;
    search(grid(Math.max(lo, p0 - dp), Math.min(hi, p0 + dp), dp / 10), grid(Math.max(-vMax, v - dv), Math.min(vMax, v + dv), dv / 10));
    dp /= 10;
    dv /= 10;
  }
  return { p0: best.p0, v: best.v, rms: Math.sqrt(best.s / track.length) };
}

/** The figures of a set of clips (means over clips; frame change also over frame pairs). */
export interface ClipFigures {
  clips: number;
  /** Mean ink changed between consecutive frames, px². */
  frameChange: number;
  /** Mean over clips of the bounce fit's RMS distance from the centroid track, px. */
  bounceFitError: number;
  /** Share of frames that hold one ball. */
  ballPresentShare: number;
  /** Mean ink per frame, px² (the ball's is πr²). */
  meanMass: number;
}

/** The figures of `n` clips (n × frames·side², frame-major) against the clip spec they should follow; frame change is eq. 9.3. */
export function clipFigures(clips: Float32Array, spec: BallClipSpec): ClipFigures {
  const { frames, side, radius, maxSpeed } = spec;
  const px = side * side;
  const dim = frames * px;
  const n = clips.length / dim;
  if (!Number.isInteger(n) || n < 1) throw new EngineInputError('clips', `whole clips of ${frames} × ${side}×${side} = ${dim} values`, clips);
  const [lo, hi] = centreRange(spec);
  let change = 0;
  let fit = 0;
  let present = 0;
  let mass = 0;
  const xs = new Float64Array(frames);
  const ys = new Float64Array(frames);
  for (let k = 0; k < n; k++) {
    const base = k * dim;
    for (let f = 0; f < frames; f++) {
      const ink = frameInk(clips.subarray(base + f * px, base + (f + 1) * px), side, radius);
      xs[f] = ink.cx;
      ys[f] = ink.cy;
      mass += ink.mass;
      if (ballPresent(ink, radius)) present++;
      if (f + 1 < frames) {
        for (let p = 0; p < px; p++) change += Math.abs(inkOf(clips[base + (f + 1) * px + p]!) - inkOf(clips[base + f * px + p]!));
      }
    }
    const ex = fitBouncingAxis(xs, lo, hi, maxSpeed).rms;
    const ey = fitBouncingAxis(ys, lo, hi, maxSpeed).rms;
    fit += Math.sqrt(ex * ex + ey * ey);
  }
  return { clips: n, frameChange: change / (n * (frames - 1)), bounceFitError: fit / n, ballPresentShare: present / (n * frames), meanMass: mass / (n * frames) };
}
