/**
 * The page's single engine client, created on first use. `?backend=webgpu|webgl|wasm|cpu`
 * forces a backend; otherwise the worker measures the working ones and picks the fastest.
 */
import { runStore, type RunStore } from '../state/runStore';
import { DEFAULT_SESSION } from '../state/sessionDefaults';
import { EngineClient } from '../worker/client';
import { BACKENDS, type BackendName } from '../worker/protocol';

let client: EngineClient | null = null;

function requestedBackend(): BackendName | 'auto' {
  const value = new URLSearchParams(window.location.search).get('backend');
  if (value === null) return 'auto';
  if ((BACKENDS as readonly string[]).includes(value)) return value as BackendName;
  runStore.setState({ notice: { kind: 'warning', text: `Unknown backend "${value}" in the link; choosing automatically (known: ${BACKENDS.join(', ')}).` } });
  return 'auto';
}

export function getEngineClient(): EngineClient {
  if (client) return client;
  const created = new EngineClient(() => new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' }), runStore, requestedBackend());
  client = created;
  created
    .start()
    .then(() => created.configure(DEFAULT_SESSION))
    .catch((e: unknown) => runStore.setState({ status: 'failed', notice: { kind: 'error', text: `The training engine could not start: ${e instanceof Error ? e.message : String(e)}` } }));
  // Handle for the e2e tests and for curious readers in the console.
  (window as unknown as { playground?: { client: EngineClient; store: RunStore } }).playground = { client: created, store: runStore };
  return created;
}
