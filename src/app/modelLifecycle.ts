/**
 * A session's weights over its life: on configure, the model this browser saved for the same
 * settings, else the pretrained default the site ships, else fresh weights; while training, a
 * copy saved at every checkpoint and on pause; Reset forgets the copies. Storage failures
 * (quota, private mode) are said once and never stop the playground.
 */
import { runStore } from '../state/runStore';
import type { EngineClient } from '../worker/client';
import type { SessionConfig } from '../worker/protocol';
import type { NamedWeight } from '../engine/tf/denoiser';
import { forgetAllModels, loadPretrained, loadSaved, saveModel, sameModel } from './savedModels';

const SAVE_AT_MOST_EVERY_MS = 3000;
let storageWarned = false;

function storageFailed(what: string, e: unknown): void {
  if (storageWarned) return;
  storageWarned = true;
  const why = e instanceof Error ? e.message : String(e);
  runStore.setState({ notice: { kind: 'warning', text: `This browser's storage could not ${what} (${why}). The playground works without it, but will not remember your model after a reload.` } });
}

/** Configures the session, then loads the best weights there are for it (unless `fresh`). */
export async function configureWithBestModel(client: EngineClient, config: SessionConfig, fresh = false): Promise<void> {
  await client.configure(config);
  if (fresh || config.dataset === 'custom') return;
  const generation = client.generation;
  // False once the session was configured again (other settings, a test, "from scratch") meanwhile.
  const isCurrent = (): boolean => client.generation === generation && runStore.getState().step === 0;
  try {
    const saved = await loadSaved(config);
    if (saved && isCurrent()) {
      await client.importModel(config, saved.weights, saved.step);
      if (client.generation === generation + 1) runStore.setState({ modelSource: { kind: 'saved', step: saved.step, ...(saved.savedAt ? { savedAt: saved.savedAt } : {}) } });
      return;
    }
  } catch (e) {
    storageFailed('be read', e);
  }
  try {
    const pretrained = await loadPretrained(config);
    if (pretrained && isCurrent()) {
      await client.importModel(config, pretrained.weights, pretrained.step);
      if (client.generation === generation + 1) runStore.setState({ modelSource: { kind: 'pretrained', step: pretrained.step } });
    }
  } catch {
    // No pretrained file for these settings, or it could not load: the model starts untrained.
  }
}

/** Saves a copy at every checkpoint and whenever training pauses. */
export function keepSavedCopies(client: EngineClient): void {
  let lastSave = 0;
  const save = (step: number, weights: NamedWeight[], config: SessionConfig): void => {
    lastSave = performance.now();
    saveModel(config, step, weights).catch((e: unknown) => storageFailed('save the model', e));
  };
  client.onCheckpoint = (step, weights, config) => {
    if (performance.now() - lastSave >= SAVE_AT_MOST_EVERY_MS) save(step, weights, config);
  };
  runStore.subscribe((s, prev) => {
    if (prev.training && !s.training && s.status === 'ready') {
      const config = s.config;
      client
        .exportWeights()
        .then(({ step, weights }) => sameModel(runStore.getState().config, config) && save(step, weights, config))
        .catch(() => {}); // the session changed under us; the next pause saves
    }
  });
}

/** Forgets every saved model in this browser. */
export async function forgetSavedModels(): Promise<void> {
  try {
    await forgetAllModels();
  } catch (e) {
    storageFailed('be cleared', e);
  }
}
