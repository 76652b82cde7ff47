/**
 * The page's single engine client, created on first use, configured from the settings and
 * reconfigured when a setting that shapes the model changes. The `backend` setting forces a
 * backend; `auto` lets the worker measure the working ones and pick the fastest.
 */
import { runStore, type RunStore } from '../state/runStore';
import { ENGINE_KEYS, sameEngineConfig, sessionConfigFrom } from '../state/sessionDefaults';
import { currentSettings, settingsStore } from '../state/settingsStore';
import { EngineClient } from './client';
import type { SessionConfig } from '../worker/protocol';
import { enqueueModelChange, keepSavedCopies, loadBestModel, switchModelNow } from './modelLifecycle';

let client: EngineClient | null = null;
/** The latest change of model under way (the first: start, then build the session with the best model), and a reconfigure waiting for settings to settle. */
let work: Promise<unknown> | null = null;
let reconfigureTimer: ReturnType<typeof setTimeout> | null = null;

/** The same drawing and every field of a 'model' or 'training' setting equal (derived from the engine's settings rows). */
const ENGINE_KEYS_EQUAL = (a: SessionConfig, b: SessionConfig): boolean => sameEngineConfig(a, b);
const RECONFIGURE_AFTER_MS = 250;

/** The session config for the current settings; a drawn ('custom') dataset stays unless the dataset setting itself changed. */
function configFor(datasetChanged: boolean): SessionConfig {
  const next = sessionConfigFrom(currentSettings());
  const running = runStore.getState().config;
  return running.dataset === 'custom' && !datasetChanged ? { ...next, dataset: 'custom', points: running.points } : next;
}

export function getEngineClient(): EngineClient {
  if (client) return client;
  const created = new EngineClient(() => new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' }), runStore, currentSettings().backend);
  client = created;
  // Every change of model is queued (modelLifecycle), this one first.
  const started = enqueueModelChange(() => created.start().then(() => loadBestModel(created, configFor(false))))
    .catch((e: unknown) => runStore.setState({ status: 'failed', notice: { kind: 'error', text: `The training engine could not start: ${e instanceof Error ? e.message : String(e)}` } }));
  work = started;
  let datasetChanged = false;
  settingsStore.subscribe((s, prev) => {
    if (!ENGINE_KEYS.some((k) => s[k] !== prev[k])) return;
    datasetChanged ||= s.dataset !== prev.dataset;
    if (reconfigureTimer) clearTimeout(reconfigureTimer);
    // Sliders emit many values; configure once they settle.
    reconfigureTimer = setTimeout(() => {
      reconfigureTimer = null;
      const config = configFor(datasetChanged);
      datasetChanged = false;
      // Keeps the current model before moving (issue 12, item 4). The engine may already run these settings when this
      // change's turn comes: a file import or a "go back" queued before it moved the settings and the engine together.
      work = enqueueModelChange(async () => !ENGINE_KEYS_EQUAL(runStore.getState().config, config) && (await switchModelNow(created, config))).catch(() => {});
    }, RECONFIGURE_AFTER_MS);
  });
  keepSavedCopies(created);
  // Handle for the e2e tests and for curious readers in the console.
  (window as unknown as { playground?: { client: EngineClient; store: RunStore; settings: typeof settingsStore } }).playground = { client: created, store: runStore, settings: settingsStore };
  return created;
}

/**
 * Resolves once the engine runs the current settings' model: started, configured, its best model
 * loaded, and no reconfiguration waiting or under way. Starts the engine if nothing has yet.
 * Commands that act on the model (an embed's `train`, `sample`) wait for this, so they act on the
 * model the settings name, not on one that is about to be replaced.
 */
export async function engineSettled(): Promise<EngineClient> {
  const engine = getEngineClient();
  for (;;) {
    const current = work;
    await current;
    if (reconfigureTimer) await new Promise((resolve) => setTimeout(resolve, RECONFIGURE_AFTER_MS));
    else if (current === work) return engine;
  }
}
