/**
 * A session's weights over its life. One model per configuration (savedModels.modelKey): before
 * the engine is configured for other settings, the current model is exported and kept (in this
 * session, and in this browser's storage), and configuring takes the best model there is for the
 * new settings: the one kept in this session, else the one this browser saved, else the
 * pretrained default the site ships, else fresh weights (which the page then says plainly).
 * Reset and "Start from scratch" forget the model of the current settings only.
 *
 * Every change of model goes through one queue, so a quick series of setting changes cannot
 * interleave an export with another configure. Storage failures (quota, private mode) are said
 * once and never stop the playground.
 */
import { runStore, type ModelSource } from '../state/runStore';
import type { EngineClient } from '../worker/client';
import type { SessionConfig } from '../worker/protocol';
import type { NamedWeight } from '../engine/tf/denoiser';
import { ModelFileError } from '../engine/modelFile';
import { forgetModel, loadPretrained, loadSaved, modelKey, saveModel, sameModel, samePoints } from './savedModels';

/** The part of EngineClient the lifecycle uses (tests hand it a fake). */
export type ModelClient = Pick<EngineClient, 'configure' | 'importModel' | 'exportWeights' | 'pause' | 'generation'> & { onCheckpoint: EngineClient['onCheckpoint'] };

const SAVE_AT_MOST_EVERY_MS = 3000;
let storageWarned = false;

function storageFailed(what: string, e: unknown): void {
  if (storageWarned) return;
  storageWarned = true;
  const why = e instanceof Error ? e.message : String(e);
  runStore.setState({ notice: { kind: 'warning', text: `This browser's storage could not ${what} (${why}). The playground works without it, but will not remember your model after a reload.` } });
}

interface Kept {
  config: SessionConfig;
  step: number;
  weights: NamedWeight[];
  source: ModelSource;
}

/** Models left for other settings in this session, by model key (a drawing's also by its points). */
const kept = new Map<string, Kept>();

function keptFor(config: SessionConfig): Kept | undefined {
  const k = kept.get(modelKey(config));
  return k && sameModel(k.config, config) && samePoints(k.config.points, config.points) ? k : undefined;
}

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
  const s = runStore.getState();
  if (s.status !== 'ready' || s.modelLoading || s.step === 0) return;
  if (s.training) await client.pause();
  const config = s.config;
  const source = runStore.getState().modelSource;
  const { step, weights } = await client.exportWeights();
  if (!sameModel(runStore.getState().config, config)) return; // configured meanwhile by someone outside the queue
  kept.set(modelKey(config), { config, step, weights, source });
  runStore.setState({ previous: { config, step } });
  // A pretrained or restored model nobody trained further is already where it came from.
  if (source.kind === 'scratch' || source.kind === 'imported' || step > source.step) saveModel(config, step, weights).catch((e: unknown) => storageFailed('save the model', e));
}

/**
 * Configures the session, then loads the best weights there are for it (unless `fresh`). Not queued: callers queue.
 * A model that will not load (weights of the wrong shape, an unreadable saved file) is skipped for the next best,
 * and the page says which one failed and what it has instead.
 */
export async function configureWithBestModel(client: ModelClient, config: SessionConfig, fresh = false): Promise<void> {
  await client.configure(config, !fresh);
  if (fresh) return;
  let generation = client.generation;
  // False once the session was configured again (other settings, a test, "from scratch") meanwhile.
  const isCurrent = (): boolean => client.generation === generation && runStore.getState().step === 0;
  const failures: string[] = [];
  /** True once the weights are in; false (and the session as configured) if the engine refused them. */
  const loaded = async (what: string, weights: NamedWeight[], step: number, source: ModelSource): Promise<boolean> => {
    try {
      await client.importModel(config, weights, step);
    } catch (e) {
      // The engine kept the session configured above: the next candidate loads into it.
      if (client.generation === generation + 1) generation++;
      failures.push(`${what} could not be loaded (${e instanceof Error ? e.message : String(e)})`);
      if (source.kind === 'saved' && (e as { field?: string }).field === 'weights') await forget(config); // it would fail the same way every time
      return false;
    }
    if (client.generation === generation + 1) runStore.setState({ modelSource: source });
    return true;
  };
  let outcome: ModelSource['kind'] | null = null;
  try {
    const shelved = keptFor(config);
    if (shelved && isCurrent() && (await loaded('The model kept in this session', shelved.weights, shelved.step, shelved.source))) return void (outcome = shelved.source.kind);
    let saved: Awaited<ReturnType<typeof loadSaved>> = null;
    try {
      saved = await loadSaved(config);
    } catch (e) {
      if (e instanceof ModelFileError) failures.push(`The model saved in this browser is unreadable (${e.message})`);
      else storageFailed('be read', e);
    }
    if (saved && isCurrent() && (await loaded('The model saved in this browser', saved.weights, saved.step, { kind: 'saved', step: saved.step, ...(saved.savedAt ? { savedAt: saved.savedAt } : {}) }))) return void (outcome = 'saved');
    try {
      const pretrained = await loadPretrained(config);
      if (pretrained && isCurrent() && (await loaded('The pretrained default', pretrained.weights, pretrained.step, { kind: 'pretrained', step: pretrained.step }))) outcome = 'pretrained';
    } catch {
      // No pretrained file for these settings, or it could not load: the model starts untrained.
    }
  } finally {
    const current = client.generation === generation || client.generation === generation + 1;
    if (current) runStore.setState({ modelLoading: false });
    if (current && failures.length > 0) {
      const instead = outcome === 'pretrained' ? 'the pretrained default was loaded instead' : outcome ? 'an earlier model was loaded instead' : 'the model starts untrained';
      runStore.setState({ notice: { kind: 'warning', text: `${failures.join('; ')}, so ${instead}.` } });
    }
  }
}

/** The engine moves to `config`, keeping the current model first. Not queued: for use inside a queued change. */
export async function switchModelNow(client: ModelClient, config: SessionConfig): Promise<void> {
  await keepCurrent(client).catch(() => {});
  await configureWithBestModel(client, config);
}

/** The engine moves to `config`, keeping the current model first (queued). */
export function switchModel(client: ModelClient, config: SessionConfig): Promise<void> {
  return enqueueModelChange(() => switchModelNow(client, config));
}

/** Forgets the model of `config` (this session's and this browser's copy); the settings stay. */
async function forget(config: SessionConfig): Promise<void> {
  kept.delete(modelKey(config));
  try {
    await forgetModel(config);
  } catch (e) {
    storageFailed('be cleared', e);
  }
}

/** Reset: forgets the model of the current settings and loads the best one left (the pretrained default, if any). */
export function resetModel(client: ModelClient): Promise<void> {
  return enqueueModelChange(async () => {
    const config = runStore.getState().config;
    if (runStore.getState().training) await client.pause();
    await forget(config);
    await configureWithBestModel(client, config);
  });
}

/** Fresh random weights for `config`; the model kept for the current settings is kept, the one for `config` forgotten. */
export function freshModel(client: ModelClient, config: SessionConfig): Promise<void> {
  return enqueueModelChange(async () => {
    if (!sameModel(runStore.getState().config, config) || !samePoints(runStore.getState().config.points, config.points)) await keepCurrent(client).catch(() => {});
    else if (runStore.getState().training) await client.pause();
    await forget(config);
    await configureWithBestModel(client, config, true);
  });
}

/** A model from a file: the current one is kept first. Rejects (current model unchanged) if the weights do not fit. */
export function importModelFile(client: ModelClient, config: SessionConfig, weights: NamedWeight[], step: number): Promise<void> {
  return enqueueModelChange(async () => {
    await keepCurrent(client).catch(() => {});
    await client.importModel(config, weights, step);
    runStore.setState({ modelSource: { kind: 'imported', step }, modelLoading: false });
  });
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
      client
        .exportWeights()
        .then(({ step, weights }) => runStore.getState().config === config && step > 0 && save(step, weights, config))
        .catch(() => {}); // the session changed under us; the next pause saves
    }
  });
}
