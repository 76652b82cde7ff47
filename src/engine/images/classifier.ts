/**
 * The fixed classifiers that judge generated images: small MLPs trained once in PyTorch and
 * evaluated here in plain TypeScript, so scoring needs no tfjs and gives the same answer on every
 * backend. Two files of one format: the digits' (scripts/data/train-digit-classifier.py,
 * public/data/digit-classifier.bin, 64 → 64 → 10) and the shapes' (scripts/data/train-shape-classifier.py,
 * public/data/shape-classifier.bin, 256 → 64 → 6):
 *   h = relu(x W₁ + b₁),  p = softmax(h W₂ + b₂).
 * The hidden layer h is the feature space of the Fréchet distance (sampleQuality.ts).
 */
import { EngineInputError } from '../inputError';

export const CLASSIFIER_MAGIC = 'DCLF';
const HEADER_BYTES = 14;

export interface ImageClassifier {
  inputs: number;
  hidden: number;
  classes: number;
  /** inputs × hidden, row-major. */
  w1: Float32Array;
  b1: Float32Array;
  /** hidden × classes, row-major. */
  w2: Float32Array;
  b2: Float32Array;
}

/** For n images: class probabilities (n × classes) and hidden-layer features (n × hidden), row-major. */
export interface Classified {
  n: number;
  probs: Float32Array;
  features: Float32Array;
  /** argmax of each row of probs, and that largest probability (the confidence). */
  predicted: Uint8Array;
  confidence: Float32Array;
}

function bad(problem: string, got: unknown): never {
  throw new EngineInputError('classifier file', problem, got);
}

/** Decodes a classifier file (digit-classifier.bin, shape-classifier.bin); throws an EngineInputError on a truncated or foreign file. */
export function decodeClassifier(buffer: ArrayBuffer): ImageClassifier {
  if (buffer.byteLength < HEADER_BYTES) bad(`at least ${HEADER_BYTES} bytes long (a header)`, buffer.byteLength);
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== CLASSIFIER_MAGIC) bad(`a classifier file starting with "${CLASSIFIER_MAGIC}"`, magic);
  if (view.getUint16(4, true) !== 1) bad('format version 1', view.getUint16(4, true));
  const inputs = view.getUint16(6, true);
  const hidden = view.getUint16(8, true);
  const classes = view.getUint16(10, true);
  const floats = inputs * hidden + hidden + hidden * classes + classes;
  if (inputs < 1 || hidden < 1 || classes < 2) bad('positive layer sizes and at least 2 classes', `${inputs}, ${hidden}, ${classes}`);
  if (buffer.byteLength !== HEADER_BYTES + 4 * floats) bad(`${HEADER_BYTES + 4 * floats} bytes long for a ${inputs}–${hidden}–${classes} network`, buffer.byteLength);
  // Copied out (the header's 14 bytes leave the floats unaligned for a Float32Array view); read little-endian.
  const all = new Float32Array(floats);
  for (let i = 0; i < floats; i++) all[i] = view.getFloat32(HEADER_BYTES + 4 * i, true);
  if (!all.every(Number.isFinite)) bad('finite weights', 'a non-finite weight');
  let at = 0;
  const take = (k: number): Float32Array => all.subarray(at, (at += k));
  return { inputs, hidden, classes, w1: take(inputs * hidden), b1: take(hidden), w2: take(hidden * classes), b2: take(classes) };
}

/** Runs the classifier on n images (n × inputs, pixels in [−1, 1]); float64 sums, a numerically stable softmax. */
export function classifyImages(net: ImageClassifier, images: Float32Array): Classified {
  const { inputs, hidden, classes, w1, b1, w2, b2 } = net;
  const n = images.length / inputs;
  if (!Number.isInteger(n)) throw new EngineInputError('images', `a multiple of ${inputs} values`, images);
  const probs = new Float32Array(n * classes);
  const features = new Float32Array(n * hidden);
  const predicted = new Uint8Array(n);
  const confidence = new Float32Array(n);
  const h = new Float64Array(hidden);
  const z = new Float64Array(classes);
  for (let r = 0; r < n; r++) {
    h.set(b1);
    for (let i = 0; i < inputs; i++) {
      const x = images[r * inputs + i]!;
      if (x === 0) continue;
      for (let j = 0; j < hidden; j++) h[j]! += x * w1[i * hidden + j]!;
    }
    for (let j = 0; j < hidden; j++) {
      h[j] = Math.max(0, h[j]!);
      features[r * hidden + j] = h[j]!;
    }
    z.set(b2);
    for (let j = 0; j < hidden; j++) {
      const a = h[j]!;
      if (a === 0) continue;
      for (let c = 0; c < classes; c++) z[c]! += a * w2[j * classes + c]!;
    }
    let max = -Infinity;
    let arg = 0;
    for (let c = 0; c < classes; c++) if (z[c]! > max) [max, arg] = [z[c]!, c];
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += (z[c] = Math.exp(z[c]! - max));
    for (let c = 0; c < classes; c++) probs[r * classes + c] = z[c]! / sum;
    predicted[r] = arg;
    confidence[r] = 1 / sum; // exp(max − max) / Σ
  }
  return { n, probs, features, predicted, confidence };
}

/** The digit names of the same API (the digit classifier is one ImageClassifier). */
export type DigitClassifier = ImageClassifier;
export const decodeDigitClassifier = decodeClassifier;
export const classifyDigits = classifyImages;
