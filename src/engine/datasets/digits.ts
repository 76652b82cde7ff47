/**
 * The UCI 8×8 handwritten digits (public/data/digits-8x8.bin, made by scripts/data/make-digits.py;
 * CC BY 4.0, see public/data/ATTRIBUTION.md): 1,797 images with 17 grey levels 0…16 and labels 0…9,
 * and the fixed stratified held-out split recorded in the file. Pixels are scaled to [−1, 1]
 * (x = v/8 − 1), the range the diffusion model's data lives in.
 */
import { EngineInputError } from '../inputError';

export const DIGITS_MAGIC = 'DGT8';
export const DIGITS_VERSION = 1;
export const DIGITS_HEADER_BYTES = 16;
/** Side of a digit image in pixels, and its number of pixels. */
export const DIGIT_SIDE = 8;
export const DIGIT_DIM = DIGIT_SIDE * DIGIT_SIDE;
export const DIGIT_CLASSES = 10;

/** A set of labelled images, one image per row of `points` (n × dim, values in [−1, 1]). */
export interface LabelledImages {
  points: Float32Array;
  labels: Uint8Array;
  n: number;
  dim: number;
  /** Image width and height in pixels (width × height = dim). */
  width: number;
  height: number;
  classes: number;
}

export interface DigitSet extends LabelledImages {
  /** 1 where the image is held out (never trained on), 0 where it is in the training split. */
  heldOut: Uint8Array;
}

function bad(problem: string, got: unknown): never {
  throw new EngineInputError('digits file', problem, got);
}

/** Decodes the bytes of digits-8x8.bin; throws an EngineInputError saying what is wrong with a truncated or foreign file. */
export function decodeDigits(buffer: ArrayBuffer): DigitSet {
  if (buffer.byteLength < DIGITS_HEADER_BYTES) bad(`at least ${DIGITS_HEADER_BYTES} bytes long (a header)`, buffer.byteLength);
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== DIGITS_MAGIC) bad(`a digits file starting with "${DIGITS_MAGIC}"`, magic);
  const version = view.getUint16(4, true);
  if (version !== DIGITS_VERSION) bad(`format version ${DIGITS_VERSION}`, version);
  const width = view.getUint8(6);
  const height = view.getUint8(7);
  const n = view.getUint16(8, true);
  const nTest = view.getUint16(10, true);
  const maxLevel = view.getUint8(12);
  const classes = view.getUint8(13);
  if (width !== DIGIT_SIDE || height !== DIGIT_SIDE) bad(`${DIGIT_SIDE}×${DIGIT_SIDE} images`, `${width}×${height}`);
  if (maxLevel !== 16 || classes !== DIGIT_CLASSES) bad(`grey levels 0–16 and ${DIGIT_CLASSES} classes`, `0–${maxLevel}, ${classes} classes`);
  if (n < 2 || nTest < 1 || nTest >= n) bad('at least 2 images and a held-out count between 1 and n − 1', `${n} images, ${nTest} held out`);
  const dim = width * height;
  const expected = DIGITS_HEADER_BYTES + n * dim + 2 * n;
  if (buffer.byteLength !== expected) bad(`${expected} bytes long for ${n} images`, buffer.byteLength);

  const bytes = new Uint8Array(buffer, DIGITS_HEADER_BYTES);
  const points = new Float32Array(n * dim);
  for (let i = 0; i < n * dim; i++) {
    const v = bytes[i]!;
    if (v > maxLevel) bad(`grey levels in [0, ${maxLevel}]`, v);
    points[i] = v / (maxLevel / 2) - 1;
  }
  const labels = bytes.slice(n * dim, n * dim + n);
  const heldOut = bytes.slice(n * dim + n, n * dim + 2 * n);
  if (labels.some((c) => c >= classes)) bad(`labels in [0, ${classes - 1}]`, Math.max(...labels));
  if (heldOut.some((s) => s > 1)) bad('split flags 0 or 1', Math.max(...heldOut));
  if (heldOut.reduce((a, s) => a + s, 0) !== nTest) bad(`${nTest} held-out flags (as the header says)`, heldOut.reduce((a, s) => a + s, 0));
  return { points, labels, heldOut, n, dim, width, height, classes };
}

function subset(set: DigitSet, keep: 0 | 1): LabelledImages {
  const rows: number[] = [];
  for (let i = 0; i < set.n; i++) if (set.heldOut[i] === keep) rows.push(i);
  const points = new Float32Array(rows.length * set.dim);
  rows.forEach((r, k) => points.set(set.points.subarray(r * set.dim, (r + 1) * set.dim), k * set.dim));
  const { dim, width, height, classes } = set;
  return { points, labels: Uint8Array.from(rows, (r) => set.labels[r]!), n: rows.length, dim, width, height, classes };
}

/** The images a model may train on (the held-out flag is 0), in file order. */
export function digitsTrain(set: DigitSet): LabelledImages {
  return subset(set, 0);
}

/** The held-out images (flag 1), in file order: the yardstick's real images, never trained on. */
export function digitsHeldOut(set: DigitSet): LabelledImages {
  return subset(set, 1);
}
