/**
 * A session's weights over its life. One model per configuration (savedModels.modelKey): before
 * the engine is given other settings, the current model is exported and kept (in this session,
 * and in this browser's storage), and the new settings get the best model there is for them
 * (bestModel: kept, saved, pretrained, else fresh weights), in one request to the engine.
 * Reset and "Start from scratch" forget the model of the current settings only.
 *
 * Every change of model (start-up, a settings change, "go back", reset, start from scratch, a file)
 * goes through one queue, so a quick series of changes cannot interleave an export with another
 * build, and no change needs to check whether another one ran meanwhile.
 */
import { runStore } from '../state/runStore';
import type { SessionConfig } from '../worker/protocol';
import type { NamedWeight } from '../engine/tf/denoiser';
import { loadBestModel, loadModel, type ModelClient } from './bestModel';
import { forget, keepInSession, storageFailed } from './keptModels';
import { sameModel, samePoints, saveModel } from './savedModels';

export type { ModelClient } from './bestModel';
export { loadBestModel } from './bestModel';
export { keptStep } from './keptModels';

const SAVE_AT_MOST_EVERY_MS = 3000;

let queue: Promise<unknown> = Promise.resolve();

/** Runs `op` after every model change queued before it. */
export function enqueueModelChange<T>(op: () => Promise<T>): Promise<T> {
  const run = queue.then(op, op);
  queue = run.catch(() => {});
  return run;
}

/**
 * Keeps the current model before the engine is given another: pauses training, exports the
 * weights, keeps them for this session and saves a copy. Nothing to keep while a model is still
 * loading or when nothing was ever trained or loaded (step 0).
 */
async function keepCurrent(client: ModelClient): Promise<void> {
  if (runStore.getState().training) await client.pause();
  const { status, modelLoading, step: at, config, modelSource: source } = runStore.getState();
  if (status !== 'ready' || modelLoading || at === 0) return;
  const { step, weights } = await client.exportWeights();
  keepInSession({ config, step, weights, source });
  runStore.setState({ previous: { config, step } });
  // A pretrained or restored model nobody trained further is already where it came from.
  if (source.kind === 'scratch' || source.kind === 'imported' || step > source.step) saveModel(config, step, weights).catch((e: unknown) => storageFailed('save the model', e));
}

/** The engine moves to `config`, keeping the current model first. Not queued: for use inside a queued change. */
export async function switchModelNow(client: ModelClient, config: SessionConfig): Promise<void> {
  await keepCurrent(client).catch(() => {});
  await loadBestModel(client, config);
}

/** The engine moves to `config`, keeping the current model first (queued). */
export function switchModel(client: ModelClient, config: SessionConfig): Promise<void> {
  return enqueueModelChange(() => switchModelNow(client, config));
}

/** Reset: forgets the model of the current settings and loads the best one left (the pretrained default, if any). */
export function resetModel(client: ModelClient): Promise<void> {
  return enqueueModelChange(async () => {
    const config = runStore.getState().config;
    if (runStore.getState().training) await client.pause(); // before forgetting: a checkpoint saved later would bring it back
    await forget(config);
    await loadBestModel(client, config);
  });
}

/** Fresh random weights for `config`; the model kept for the current settings is kept, the one for `config` forgotten. */
export function freshModel(client: ModelClient, config: SessionConfig): Promise<void> {
  return enqueueModelChange(async () => {
    const { config: running } = runStore.getState();
    if (!sameModel(running, config) || !samePoints(running.points, config.points)) await keepCurrent(client).catch(() => {});
    else if (runStore.getState().training) await client.pause(); // before forgetting: a checkpoint saved later would bring it back
    await forget(config);
    await loadBestModel(client, config, true);
  });
}

/** A model from a file: the current one is kept first. Rejects (current model unchanged) if the weights do not fit. */
export function importModelFile(client: ModelClient, config: SessionConfig, weights: NamedWeight[], step: number): Promise<void> {
  return enqueueModelChange(async () => {
    await keepCurrent(client).catch(() => {});
    await loadModel(client, config, weights, step, { kind: 'imported', step });
  });
}

/** Saves a copy at every checkpoint and whenever training pauses. */
export function keepSavedCopies(client: ModelClient): void {
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
      // Not queued (a pause is not a change of model), so a change queued meanwhile may have put another
      // model in the engine before the weights come back: they are saved only if the store still describes
      // the model that paused (its config object is replaced by every configure, import and loading notice).
      client
        .exportWeights()
        .then(({ step, weights }) => runStore.getState().config === config && step > 0 && save(step, weights, config))
        .catch(() => {}); // the session changed under us; the next pause saves
    }
  });
}
