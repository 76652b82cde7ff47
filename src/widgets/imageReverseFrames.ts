/**
 * Pure helpers of the image-reverse widget (chapter 8, the reverse process on images): one frame of
 * the worker's frame-major arrays (ImageReverseFrames: K × n × 64), the label of a frame's t, and
 * the pixel statistics that say how noise-like or digit-like a frame is.
 */

/**
 * "Near the background": at most −0.75, i.e. within two grey levels (Δ = 1/8 each, eq. 8.1) of the
 * black −1. About 55% of the UCI digits' pixels are; only Φ(−0.75) ≈ 23% of N(0, 1) noise is.
 */
export const BACKGROUND_AT_MOST = -0.75;

export interface PixelStats {
  mean: number;
  /** Population standard deviation (1 for x_T ~ N(0, I), up to sampling error). */
  std: number;
  min: number;
  max: number;
  /** Share of the pixels at most BACKGROUND_AT_MOST. */
  background: number;
}

/** Mean, standard deviation, range and background share of a set of pixel values. */
export function pixelStats(values: ArrayLike<number>): PixelStats {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN, min: NaN, max: NaN, background: NaN };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let background = 0;
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v <= BACKGROUND_AT_MOST) background++;
  }
  const mean = sum / n;
  let squares = 0;
  for (let k = 0; k < n; k++) squares += (values[k]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / n), min, max, background: background / n };
}

/** Frame `frame` of a frame-major array with `frameSize` values per frame (a view, not a copy). */
export function frameOf(all: Float32Array, frame: number, frameSize: number): Float32Array {
  return all.subarray(frame * frameSize, (frame + 1) * frameSize);
}

/** The largest |a_k − b_k|: 0 where x̂₀ is x_t itself (the last frame, t = 0). */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k]! - b[k]!));
  return d;
}

/** What a frame at timestep t of T is: x_T is drawn from N(0, I), x_0 is the finished sample. */
export function frameTLabel(t: number, T: number): string {
  if (t === T) return `t = ${T}: pure noise`;
  if (t === 0) return 't = 0: the finished sample';
  return `t = ${t}`;
}

/** A number with a true minus sign, as the page's text writes it. */
export const signed = (v: number, digits: number): string => v.toFixed(digits).replace(/^-/, '−');
