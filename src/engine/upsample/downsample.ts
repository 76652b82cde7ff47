/**
 * Issue 15's upsampling: the low-resolution view of an image that the upsampler is conditioned on.
 * Downsampling is 2×2 average pooling, y_ij = ¼ Σ_{a,b ∈ {0,1}} x_{2i+a, 2j+b}: an 8×8 digit
 * becomes a 4×4 image y, and many 8×8 images share one y (each 2×2 block keeps only its mean, so
 * 64 numbers become 16 and the other 48 are what the model must invent). Nearest-neighbour
 * upscaling, the block-repeat U, undoes it exactly on y (D(U y) = y) but draws every block flat.
 */
import { EngineInputError, requireInteger } from '../inputError';

/** The full image's side (the 8×8 digits). */
export const HIGH_SIDE = 8;
/** The condition's side: 2×2 average pooling of the 8×8 image. */
export const LOW_SIDE = HIGH_SIDE / 2;
/** Numbers in a condition y (4×4). */
export const LOW_DIM = LOW_SIDE * LOW_SIDE;

function rowsOf(values: Float32Array, rowLength: number, param: string): number {
  const n = values.length / rowLength;
  if (!Number.isInteger(n) || n < 1) throw new EngineInputError(param, `whole images of ${rowLength} values`, values);
  return n;
}

/** 2×2 average pooling of n row-major side×side images (side even): n × (side/2)² values (eq. 9.6). */
export function downsample(images: Float32Array, side = HIGH_SIDE): Float32Array {
  requireInteger('side', side, 2, 1024);
  if (side % 2 !== 0) throw new EngineInputError('side', 'an even integer', side);
  const n = rowsOf(images, side * side, 'images');
  const low = side / 2;
  const out = new Float32Array(n * low * low);
  for (let r = 0; r < n; r++) {
    const x = r * side * side;
    for (let i = 0; i < low; i++) {
      for (let j = 0; j < low; j++) {
        const a = x + 2 * i * side + 2 * j;
        out[r * low * low + i * low + j] = (images[a]! + images[a + 1]! + images[a + side]! + images[a + side + 1]!) / 4;
      }
    }
  }
  return out;
}

/** Nearest-neighbour upscaling U: each pixel of n row-major side×side images repeated as a 2×2 block (n × (2·side)²). */
export function upsampleNearest(low: Float32Array, side = LOW_SIDE): Float32Array {
  requireInteger('side', side, 1, 512);
  const n = rowsOf(low, side * side, 'low');
  const high = 2 * side;
  const out = new Float32Array(n * high * high);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < high; i++) {
      for (let j = 0; j < high; j++) out[r * high * high + i * high + j] = low[r * side * side + (i >> 1) * side + (j >> 1)]!;
    }
  }
  return out;
}
