/**
 * Where a model comes from besides training: the pretrained defaults shipped in public/pretrained/,
 * the copy this browser keeps in IndexedDB (idb-keyval: a maintained 600-byte wrapper, instead of
 * hand-written IndexedDB requests), and files the reader exports and imports. All three use the
 * model file format of src/engine/modelFile.ts.
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import { decodeModelFile, encodeModelFile, ModelFileError, type ModelFile } from '../engine/modelFile';
import type { NamedWeight } from '../engine/tf/denoiser';
// MODEL_KEYS: the settings that decide which weights fit, and what they learned (the engine's 'model' rows and the architecture fields).
import { MODEL_KEYS, type SessionConfig } from '../engine/settings/sessionConfig';
import { validateRequest } from '../worker/validateRequest';


export function modelKey(config: SessionConfig): string {
  return MODEL_KEYS.map((k) => `${k}=${String(config[k])}`).join('&');
}

export function sameModel(a: SessionConfig, b: SessionConfig): boolean {
  return modelKey(a) === modelKey(b);
}

let db: UseStore | null = null;
const store = (): UseStore => (db ??= createStore('diffusion-playground', 'models'));

interface SavedEntry {
  bytes: ArrayBuffer;
  step: number;
  savedAt: string;
  /** A drawn dataset's points (row-major 2D), kept with its model: the model is only theirs. */
  points?: ArrayBuffer;
}

/** True when two drawn datasets are the same points (both absent counts as the same). */
export function samePoints(a: Float32Array | undefined, b: Float32Array | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** The model this browser saved for these settings (and, for a drawing, these points), or null. Storage errors propagate (the caller says so). */
export async function loadSaved(config: SessionConfig): Promise<ModelFile | null> {
  const entry = await get<SavedEntry>(modelKey(config), store());
  if (!entry) return null;
  if (config.dataset === 'custom' && !samePoints(entry.points ? new Float32Array(entry.points) : undefined, config.points)) return null;
  return decodeModelFile(entry.bytes);
}

export async function saveModel(config: SessionConfig, step: number, weights: NamedWeight[]): Promise<void> {
  const savedAt = new Date().toISOString();
  const bytes = encodeModelFile({ config: withoutPoints(config), step, weights, savedAt });
  const points = config.dataset === 'custom' && config.points ? { points: Float32Array.from(config.points).buffer } : {};
  await set(modelKey(config), { bytes: bytes.buffer as ArrayBuffer, step, savedAt, ...points } satisfies SavedEntry, store());
}

export async function forgetModel(config: SessionConfig): Promise<void> {
  await del(modelKey(config), store());
}

const DRAWING_KEY = 'diffusion-playground:drawing';

/** The points last drawn in chapter 7 (localStorage: a few tens of KB at most), or none. */
export function loadDrawing(): number[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(DRAWING_KEY) ?? '[]');
    return Array.isArray(parsed) && parsed.length % 2 === 0 && parsed.every((v) => typeof v === 'number' && Number.isFinite(v)) ? parsed : [];
  } catch {
    return [];
  }
}

/** Keeps the drawing, rounded to float32 as the engine holds it, so a kept model's points compare equal. Returns false if storage refused. */
export function saveDrawing(points: number[]): boolean {
  try {
    if (points.length === 0) localStorage.removeItem(DRAWING_KEY);
    else localStorage.setItem(DRAWING_KEY, JSON.stringify(Array.from(Float32Array.from(points))));
    return true;
  } catch {
    return false;
  }
}

/** The pretrained default for these settings, if the site ships one (same dataset and architecture). */
export async function loadPretrained(config: SessionConfig): Promise<ModelFile | null> {
  if (config.dataset === 'custom') return null;
  const response = await fetch(new URL(`pretrained/${config.dataset}.bin`, document.baseURI));
  if (!response.ok) return null;
  const file = decodeModelFile(await response.arrayBuffer());
  return sameModel(file.config as unknown as SessionConfig, config) ? file : null;
}

export function withoutPoints(config: SessionConfig): SessionConfig {
  const { points: _points, ...rest } = config;
  return rest;
}

/** The bytes of a model file for download. */
export function modelFileBytes(config: SessionConfig, step: number, weights: NamedWeight[]): Uint8Array {
  return encodeModelFile({ config: withoutPoints(config), step, weights, savedAt: new Date().toISOString() });
}

/** Reads a model file chosen by the reader; throws a ModelFileError that says what is wrong. */
export function readModelFile(bytes: ArrayBuffer): { config: SessionConfig; step: number; weights: NamedWeight[] } {
  const file = decodeModelFile(bytes);
  // The settings inside must be ones the worker would accept (same checks as a configure request).
  const checked = validateRequest({ type: 'configure', id: 0, config: file.config });
  if (!checked.ok) throw new ModelFileError(`The model file's settings are not usable: ${checked.message.replace(/^configure: /, '')}.`);
  return { config: file.config as unknown as SessionConfig, step: file.step, weights: file.weights };
}
