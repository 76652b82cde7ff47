/**
 * The playground's model file: the trained weights and the settings that built them, in one
 * binary blob. Used for the pretrained defaults in public/pretrained/, the copy kept in IndexedDB,
 * and the reader's Export / Import. Layout (little-endian):
 *
 *   "DPMF" | u32 header length | header JSON (UTF-8) | pad to 4 bytes | weights, one after another
 *
 * Decoding checks everything it can without the network (magic, version, JSON, sizes, finite
 * values) and throws a ModelFileError saying what is wrong; whether the shapes fit a network is
 * checked where the network is built (the worker), before anything is replaced.
 */
import { fromFloat16Bits, toFloat16Bits } from './float16';
import { dequantizeInt8, int8Columns, quantizeInt8 } from './int8Weights';
import { withSettingDefaults } from './settings/sessionConfig';

/**
 * The version written. 1: the settings through the seed; 2: the config also holds the
 * weight-average decay (`emaDecay`, the `ema` setting). Older versions are read, the settings
 * they lack taken at their defaults (0.995 for emaDecay: what every version-1 model trained with).
 */
export const MODEL_FILE_VERSION = 2;
const OLDEST_READ_VERSION = 1;
const MAGIC = 'DPMF';

export interface StoredWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface ModelFile<C = Record<string, unknown>> {
  /** The settings the model was trained with (the worker's session config, without drawn points). */
  config: C;
  /** Training steps behind these weights. */
  step: number;
  weights: StoredWeight[];
  savedAt?: string;
}

interface Header {
  format: 'diffusion-playground-model';
  version: number;
  dtype: WeightDtype;
  config: Record<string, unknown>;
  step: number;
  savedAt?: string;
  weights: Array<{ name: string; shape: number[] }>;
}

/**
 * How the weights are stored: float32; float16 (pretrained 2D defaults); int8 (int8Weights.ts:
 * per weight, its column scales as float32, then one signed byte per value, padded to 4 bytes).
 */
export type WeightDtype = 'float32' | 'float16' | 'int8';
const DTYPES: readonly WeightDtype[] = ['float32', 'float16', 'int8'];

/** Bytes one weight of `shape` takes in `dtype`. */
function storedBytes(shape: number[], dtype: WeightDtype): number {
  const n = size(shape);
  if (dtype === 'int8') return int8Columns(shape) * 4 + Math.ceil(n / 4) * 4;
  return n * (dtype === 'float32' ? 4 : 2);
}

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * The largest model file this playground writes is the widest, deepest network its settings allow
 * (width 512, depth 6) in float32: 6.5 MB. Anything far larger is not one of ours, and reading
 * it whole would stall the page and fill its memory (a 200 MB file took ~1 s and 1 GB of heap),
 * so its size is checked before a byte is read.
 */
export const MAX_MODEL_FILE_BYTES = 32 * 2 ** 20;

export function checkModelFileSize(bytes: number): void {
  if (bytes > MAX_MODEL_FILE_BYTES) {
    throw new ModelFileError(`The file is ${(bytes / 2 ** 20).toFixed(0)} MB; a Diffusion Playground model file is at most ${MAX_MODEL_FILE_BYTES / 2 ** 20} MB, so this is not one.`);
  }
}

export function encodeModelFile<C extends object>(model: ModelFile<C>, dtype: WeightDtype = 'float32'): Uint8Array {
  const header: Header = {
    format: 'diffusion-playground-model', version: MODEL_FILE_VERSION, dtype, config: { ...model.config } as Record<string, unknown>, step: model.step,
    ...(model.savedAt ? { savedAt: model.savedAt } : {}), weights: model.weights.map((w) => ({ name: w.name, shape: w.shape })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = Math.ceil((8 + json.length) / 4) * 4;
  const bytesPer = dtype === 'float32' ? 4 : 2;
  for (const w of model.weights) if (w.values.length !== size(w.shape)) throw new ModelFileError(`weight ${w.name} has ${w.values.length} values for shape [${w.shape}]`);
  const total = model.weights.reduce((n, w) => n + storedBytes(w.shape, dtype), 0);
  const out = new Uint8Array(start + total);
  const view = new DataView(out.buffer);
  for (let k = 0; k < 4; k++) out[k] = MAGIC.charCodeAt(k);
  view.setUint32(4, json.length, true);
  out.set(json, 8);
  let offset = start;
  for (const w of model.weights) {
    if (dtype === 'int8') {
      const { scales, q } = quantizeInt8(w.values, int8Columns(w.shape));
      scales.forEach((s, j) => view.setFloat32(offset + 4 * j, s, true));
      offset += 4 * scales.length;
      out.set(new Uint8Array(q.buffer), offset);
      offset += Math.ceil(q.length / 4) * 4;
      continue;
    }
    for (const v of w.values) {
      if (dtype === 'float32') view.setFloat32(offset, v, true);
      else view.setUint16(offset, toFloat16Bits(v), true);
      offset += bytesPer;
    }
  }
  return out;
}

export function decodeModelFile(input: ArrayBuffer | Uint8Array): ModelFile {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) {
    throw new ModelFileError('This is not a Diffusion Playground model file (it does not start with "DPMF").');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new ModelFileError('The model file is truncated: its header runs past the end.');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength))) as Header;
  } catch {
    throw new ModelFileError('The model file is corrupt: its header is not valid JSON.');
  }
  if (header?.format !== 'diffusion-playground-model') throw new ModelFileError('The model file has no Diffusion Playground header.');
  const v = header.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < OLDEST_READ_VERSION || v > MODEL_FILE_VERSION) {
    // "version": "1" is not version 1: say what was found and what type was expected.
    const found = typeof v === 'number' ? `version ${v}` : `${v === undefined ? 'no version' : `version ${JSON.stringify(v).slice(0, 40)} (a ${v === null ? 'null' : Array.isArray(v) ? 'list' : typeof v}, not a number)`}`;
    throw new ModelFileError(`The model file has ${found}; this playground reads versions ${OLDEST_READ_VERSION} to ${MODEL_FILE_VERSION}, written as numbers.`);
  }
  if (!DTYPES.includes(header.dtype)) throw new ModelFileError(`The model file stores ${String(header.dtype)} numbers; expected float32, float16 or int8.`);
  if (!Array.isArray(header.weights) || typeof header.config !== 'object' || header.config === null || !Number.isInteger(header.step) || header.step < 0) {
    throw new ModelFileError('The model file is corrupt: its header lacks the weights list, the settings or the step count.');
  }
  const bytesPer = header.dtype === 'float32' ? 4 : 2;
  let offset = Math.ceil((8 + headerLength) / 4) * 4;
  const weights: StoredWeight[] = [];
  for (const w of header.weights) {
    if (typeof w?.name !== 'string' || !Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new ModelFileError('The model file is corrupt: a weight has no name or an invalid shape.');
    }
    const n = size(w.shape);
    if (offset + storedBytes(w.shape, header.dtype) > bytes.length) throw new ModelFileError(`The model file is truncated: weight ${w.name} runs past the end.`);
    let values: Float32Array;
    if (header.dtype === 'int8') {
      const columns = int8Columns(w.shape);
      const scales = Float32Array.from({ length: columns }, (_, j) => view.getFloat32(offset + 4 * j, true));
      offset += 4 * columns;
      values = dequantizeInt8(new Int8Array(bytes.buffer, bytes.byteOffset + offset, n), scales);
      offset += Math.ceil(n / 4) * 4;
    } else {
      values = new Float32Array(n);
      for (let k = 0; k < n; k++, offset += bytesPer) {
        values[k] = bytesPer === 4 ? view.getFloat32(offset, true) : fromFloat16Bits(view.getUint16(offset, true));
      }
    }
    if (!values.every(Number.isFinite)) throw new ModelFileError(`The model file is corrupt: weight ${w.name} holds a value that is not finite.`);
    weights.push({ name: w.name, shape: w.shape, values });
  }
  if (offset !== bytes.length) throw new ModelFileError(`The model file is corrupt: ${bytes.length - offset} bytes left over after the weights.`);
  // An older file lacks the settings added since: it was trained with their defaults.
  const config = v < MODEL_FILE_VERSION ? withSettingDefaults(header.config) : header.config;
  return { config, step: header.step, weights, ...(header.savedAt ? { savedAt: header.savedAt } : {}) };
}
