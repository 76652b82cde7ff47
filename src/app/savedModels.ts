/**
 * Where a model comes from besides training: the pretrained defaults shipped in public/pretrained/,
 * the copy this browser keeps in IndexedDB (idb-keyval: a maintained 600-byte wrapper, instead of
 * hand-written IndexedDB requests), and files the reader exports and imports. All three use the
 * model file format of src/engine/modelFile.ts.
 */
import { clear, createStore, del, get, set, type UseStore } from 'idb-keyval';
import { decodeModelFile, encodeModelFile, ModelFileError, type ModelFile } from '../engine/modelFile';
import type { NamedWeight } from '../engine/tf/denoiser';
import type { SessionConfig } from '../worker/protocol';
import { validateRequest } from '../worker/validateRequest';

/** The settings that decide which weights fit, and what they learned: one saved model per combination. */
const MODEL_KEYS = ['dataset', 'schedule', 'T', 'width', 'depth', 'timeEmbedDim', 'inputEmbedDim', 'prediction'] as const;

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
}

/** The model this browser saved for these settings, or null. Storage errors propagate (the caller says so). */
export async function loadSaved(config: SessionConfig): Promise<ModelFile | null> {
  if (config.dataset === 'custom') return null;
  const entry = await get<SavedEntry>(modelKey(config), store());
  return entry ? decodeModelFile(entry.bytes) : null;
}

export async function saveModel(config: SessionConfig, step: number, weights: NamedWeight[]): Promise<void> {
  if (config.dataset === 'custom') return; // drawn points are not kept; the model would not match them after a reload
  const savedAt = new Date().toISOString();
  const bytes = encodeModelFile({ config: withoutPoints(config), step, weights, savedAt });
  await set(modelKey(config), { bytes: bytes.buffer as ArrayBuffer, step, savedAt } satisfies SavedEntry, store());
}

export async function forgetModel(config: SessionConfig): Promise<void> {
  await del(modelKey(config), store());
}

export async function forgetAllModels(): Promise<void> {
  await clear(store());
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
