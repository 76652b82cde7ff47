/**
 * The models left for other settings in this session (one per model key, a drawing's also by its
 * points), and forgetting a configuration's model here and in this browser's storage. Storage
 * failures (quota, private mode) are said once and never stop the playground.
 */
import { runStore, type ModelSource } from '../state/runStore';
import type { SessionConfig } from '../worker/protocol';
import type { NamedWeight } from '../engine/tf/denoiser';
import { forgetModel, loadSaved, modelKey, sameModel, samePoints } from './savedModels';

export interface Kept {
  config: SessionConfig;
  step: number;
  weights: NamedWeight[];
  source: ModelSource;
}

const kept = new Map<string, Kept>();
let storageWarned = false;

export function storageFailed(what: string, e: unknown): void {
  if (storageWarned) return;
  storageWarned = true;
  const why = e instanceof Error ? e.message : String(e);
  runStore.setState({ notice: { kind: 'warning', text: `This browser's storage could not ${what} (${why}). The playground works without it, but will not remember your model after a reload.` } });
}

/** The model kept in this session for `config` (same model key and, for a drawing, the same points), if any. */
export function keptFor(config: SessionConfig): Kept | undefined {
  const k = kept.get(modelKey(config));
  return k && sameModel(k.config, config) && samePoints(k.config.points, config.points) ? k : undefined;
}

export function keepInSession(model: Kept): void {
  kept.set(modelKey(model.config), model);
}

/** Forgets the model of `config` (this session's and this browser's copy); the settings stay. */
export async function forget(config: SessionConfig): Promise<void> {
  kept.delete(modelKey(config));
  try {
    await forgetModel(config);
  } catch (e) {
    storageFailed('be cleared', e);
  }
}

/** The steps of the model kept for `config` (this session's, else this browser's), or null. */
export async function keptStep(config: SessionConfig): Promise<number | null> {
  const shelved = keptFor(config);
  if (shelved) return shelved.step;
  try {
    return (await loadSaved(config))?.step ?? null;
  } catch {
    return null;
  }
}
