/**
 * A synthetic video set for issue 15 ("frames that agree"): clips of F frames of S × S pixels, each
 * showing one soft ball of radius r moving at constant velocity and reflecting off the walls, start
 * and velocity from the seeded RNG. Pixels as in datasets/shapes.ts: anti-aliased by supersampling
 * (a pixel's ink is the share of its s × s sub-points inside the disc), x = 2·coverage − 1, so −1 is
 * blank and +1 full ink. A clip is one vector of F·S² values, frame-major (frame f, row j, column i
 * at f·S² + j·S + i), so the clips' buffer read with dim S² is the set of all their frames.
 *
 * Motion (the reflection law, per axis): the centre stays in [lo, hi] = [r, S − r], so the ball
 * just touches a wall at a bounce. Unfolded, u(f) = u₀ + v·f is a straight line; the reflections
 * fold it back into the interval, a triangle wave of period 2L (L = hi − lo):
 *   m = (u(f) − lo) mod 2L,   p(f) = lo + (m ≤ L ? m : 2L − m),
 * so between bounces p moves by v per frame, and at a wall the velocity component flips sign.
 */
import { EngineInputError, requireClosedInterval, requireInteger } from '../inputError';
import { makeRng } from '../rng';

/** The shape of a clip set: frames per clip, image side, ball radius and the range of speeds (pixels per frame). */
export interface BallClipSpec {
  frames: number;
  side: number;
  radius: number;
  minSpeed: number;
  maxSpeed: number;
}

/**
 * The default clips: 8 frames of 8×8 (512 numbers a clip). Radius 1.5 px (7 px² of ink, a disc
 * that still reads as round on 8×8); speed 0.75–1.25 px a frame over a 5 px range of the centre,
 * so a clip travels 5–9 px per axis: most clips bounce once or twice.
 */
export const BALL_CLIPS: BallClipSpec = { frames: 8, side: 8, radius: 1.5, minSpeed: 0.75, maxSpeed: 1.25 };
/** Sub-pixel samples per side of a pixel (8 × 8 = 64 per pixel). */
export const BALL_SUPERSAMPLE = 8;

export interface BallClips {
  /** n × (frames · side²) pixels in [−1, 1], frame-major within a clip. */
  clips: Float32Array;
  n: number;
  spec: BallClipSpec;
  /** Numbers per clip, frames · side². */
  dim: number;
  /** The ball's centre in each frame: n × frames × 2 (x right, y down, pixel units; pixel (i, j) covers [i, i+1] × [j, j+1]). */
  centres: Float32Array;
  /** Each clip's velocity at frame 0: n × 2 (pixels per frame). */
  velocities: Float32Array;
}

/** Throws an EngineInputError unless `spec` describes clips a ball fits in. */
export function validateBallSpec(spec: BallClipSpec): void {
  requireInteger('frames', spec.frames, 2, 64);
  requireInteger('side', spec.side, 4, 64);
  requireClosedInterval('radius', spec.radius, 0.5, spec.side / 2 - 0.5);
  requireClosedInterval('minSpeed', spec.minSpeed, 0, spec.side);
  requireClosedInterval('maxSpeed', spec.maxSpeed, spec.minSpeed, spec.side);
}

/** The interval [lo, hi] the centre moves in: the ball touches a wall at either end. */
export function centreRange(spec: Pick<BallClipSpec, 'side' | 'radius'>): [number, number] {
  return [spec.radius, spec.side - spec.radius];
}

/** Position at frame f of a point starting at p0 with velocity v, reflected in [lo, hi] (the fold above; eq. 9.1). */
export function reflectedPosition(p0: number, v: number, f: number, lo: number, hi: number): number {
  const L = hi - lo;
  if (L <= 0) return lo;
  const u = p0 - lo + v * f;
  const m = ((u % (2 * L)) + 2 * L) % (2 * L);
  return lo + (m <= L ? m : 2 * L - m);
}

/** Draws a disc of radius r centred at (cx, cy) into `out` (side × side, [−1, 1]) by s × s supersampling. */
export function drawBall(cx: number, cy: number, r: number, side: number, out = new Float32Array(side * side), s = BALL_SUPERSAMPLE): Float32Array {
  const r2 = r * r;
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      let hits = 0;
      for (let b = 0; b < s; b++) {
        const dy = j + (b + 0.5) / s - cy;
        for (let a = 0; a < s; a++) {
          const dx = i + (a + 0.5) / s - cx;
          if (dx * dx + dy * dy <= r2) hits++;
        }
      }
      out[j * side + i] = (2 * hits) / (s * s) - 1;
    }
  }
  return out;
}

/** `n` clips from `seed`: start uniform in the centre's range, direction uniform, speed uniform in [minSpeed, maxSpeed]. */
export function makeBallClips(n: number, seed: number, spec: BallClipSpec = BALL_CLIPS): BallClips {
  requireInteger('n', n, 1, 100000);
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new EngineInputError('seed', 'a finite number', seed);
  validateBallSpec(spec);
  const { frames, side, radius, minSpeed, maxSpeed } = spec;
  const rng = makeRng(seed);
  const [lo, hi] = centreRange(spec);
  const pixels = side * side;
  const dim = frames * pixels;
  const clips = new Float32Array(n * dim);
  const centres = new Float32Array(n * frames * 2);
  const velocities = new Float32Array(n * 2);
  for (let k = 0; k < n; k++) {
    const x0 = lo + (hi - lo) * rng.uniform();
    const y0 = lo + (hi - lo) * rng.uniform();
    const angle = 2 * Math.PI * rng.uniform();
    const speed = minSpeed + (maxSpeed - minSpeed) * rng.uniform();
    const vx = speed * Math.cos(angle);
    const vy = speed * Math.sin(angle);
    velocities[2 * k] = vx;
    velocities[2 * k + 1] = vy;
    for (let f = 0; f < frames; f++) {
      const cx = reflectedPosition(x0, vx, f, lo, hi);
      const cy = reflectedPosition(y0, vy, f, lo, hi);
      centres[(k * frames + f) * 2] = cx;
      centres[(k * frames + f) * 2 + 1] = cy;
      drawBall(cx, cy, radius, side, clips.subarray(k * dim + f * pixels, k * dim + (f + 1) * pixels));
    }
  }
  return { clips, n, spec, dim, centres, velocities };
}
