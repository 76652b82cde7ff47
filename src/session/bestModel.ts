/**
 * Issue 13, item 5: the weights a configuration starts with are found first, then the engine is
 * asked once. The best model there is (the one kept in this session, else the one this browser
 * saved, else the pretrained default the site ships) goes with its settings in one `importModel`,
 * which builds the session with those weights in one go; only when there is none does one
 * `configure` build it with fresh random weights (which the page then says plainly). A model the
 * engine will not take (weights of the wrong shape, an unreadable saved file) costs one more
 * request, for the next best, and the page says which one failed and what it has instead.
 * Not queued: callers queue (modelLifecycle), so nothing else changes the model meanwhile.
 */
import { runStore, type ModelSource, type RunState } from '../state/runStore';
import type { EngineClient } from './client';
import type { SessionConfig } from '../worker/protocol';
import type { NamedWeight } from '../engine/tf/denoiser';
import { ModelFileError } from '../engine/modelFile';
import { forget, keptFor, storageFailed } from './keptModels';
import { loadPretrained, loadSaved } from './savedModels';

/** The part of EngineClient the lifecycle uses (tests hand it a fake). */
export type ModelClient = Pick<EngineClient, 'configure' | 'importModel' | 'exportWeights' | 'pause'> & { onCheckpoint: EngineClient['onCheckpoint'] };

/** Weights that may fit a configuration: how the page names them, and where they came from. */
interface Candidate {
  what: string;
  weights: NamedWeight[];
  step: number;
  source: ModelSource;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The models for `config`, best first; each is read only once the one before it was refused (storage and the network are slow). */
async function* candidatesFor(config: SessionConfig, failures: string[]): AsyncGenerator<Candidate> {
  const shelved = keptFor(config);
  if (shelved) yield { what: 'The model kept in this session', ...shelved };
  let saved: Awaited<ReturnType<typeof loadSaved>> = null;
  try {
    saved = await loadSaved(config);
  } catch (e) {
    if (e instanceof ModelFileError) failures.push(`The model saved in this browser is unreadable (${e.message})`);
    else storageFailed('be read', e);
  }
  if (saved) yield { what: 'The model saved in this browser', weights: saved.weights, step: saved.step, source: { kind: 'saved', step: saved.step, ...(saved.savedAt ? { savedAt: saved.savedAt } : {}) } };
  try {
    const pretrained = await loadPretrained(config);
    if (pretrained) yield { what: 'The pretrained default', weights: pretrained.weights, step: pretrained.step, source: { kind: 'pretrained', step: pretrained.step } };
  } catch {
    // No pretrained file for these settings, or it could not load: the model starts untrained.
  }
}

/** The run-store fields that describe the session's model (as the client's configure writes them). */
const MODEL_FIELDS = ['config', 'step', 'loss', 'smoothedLoss', 'stepsPerSecond', 'lossHistory', 'bucketLoss', 'samples', 'modelSource', 'modelLoading'] as const;
type ModelFields = Pick<RunState, (typeof MODEL_FIELDS)[number]>;

/**
 * The page says a model for `config` is on its way ("loading the model for …", nothing to train or
 * sample yet) while the engine still runs the old one. Returns what it said before, to put back.
 */
function showLoading(config: SessionConfig): ModelFields {
  const s = runStore.getState();
  const before = Object.fromEntries(MODEL_FIELDS.map((k) => [k, s[k]])) as ModelFields;
  runStore.setState({ config, step: 0, loss: Number.NaN, smoothedLoss: Number.NaN, stepsPerSecond: 0, lossHistory: [], bucketLoss: null, samples: null, modelSource: { kind: 'scratch', step: 0 }, modelLoading: true });
  return before;
}

/** One request: a session for `config` with these weights. Rejects, the current model unchanged, if the engine will not take them. */
export async function loadModel(client: ModelClient, config: SessionConfig, weights: NamedWeight[], step: number, source: ModelSource): Promise<void> {
  await client.importModel(config, weights, step);
  runStore.setState({ modelSource: source, modelLoading: false });
}

/** The engine runs `config` with the best model there is for it (fresh weights if `fresh`, or if there is none). */
export async function loadBestModel(client: ModelClient, config: SessionConfig, fresh = false): Promise<void> {
  if (runStore.getState().training) await client.pause(); // nothing trains the old model while the new one loads
  const failures: string[] = [];
  let loaded: Candidate | null = null;
  if (!fresh) {
    const before = showLoading(config);
    for await (const candidate of candidatesFor(config, failures)) {
      try {
        await loadModel(client, config, candidate.weights, candidate.step, candidate.source);
        loaded = candidate;
        break;
      } catch (e) {
        failures.push(`${candidate.what} could not be loaded (${messageOf(e)})`);
        if (candidate.source.kind === 'saved' && (e as { field?: string }).field === 'weights') await forget(config); // it would fail the same way every time
      }
    }
    // None taken: the page describes the session that still runs, so a configure the engine refuses leaves it true.
    if (!loaded) runStore.setState(before);
  }
  if (!loaded) await client.configure(config);
  if (failures.length > 0) {
    const outcome = loaded?.source.kind;
    const instead = outcome === 'pretrained' ? 'the pretrained default was loaded instead' : outcome ? 'an earlier model was loaded instead' : 'the model starts untrained';
    runStore.setState({ notice: { kind: 'warning', text: `${failures.join('; ')}, so ${instead}.` } });
  }
}
