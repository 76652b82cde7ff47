/**
 * Issue 12, items 4 and 8: a trained model is kept when the engine is configured for other
 * settings and comes back with them; Reset forgets the current settings' model only. The engine
 * client is a stand-in that keeps its "weights" as one number per model, and storage is mocked.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunStore } from '../state/runStore';
import { DEFAULT_SESSION } from '../state/sessionDefaults';
import type { SessionConfig } from '../worker/protocol';
import type { NamedWeight } from '../engine/tf/denoiser';

const stored = new Map<string, { step: number; weights: NamedWeight[]; points?: Float32Array }>();
vi.mock('./savedModels', async (original) => {
  const real = await original<typeof import('./savedModels')>();
  return {
    ...real,
    loadSaved: vi.fn(async (config: SessionConfig) => {
      const e = stored.get(real.modelKey(config));
      return e && real.samePoints(e.points, config.points) ? { config, step: e.step, weights: e.weights } : null;
    }),
    saveModel: vi.fn(async (config: SessionConfig, step: number, weights: NamedWeight[]) => void stored.set(real.modelKey(config), { step, weights, ...(config.points ? { points: config.points } : {}) })),
    forgetModel: vi.fn(async (config: SessionConfig) => void stored.delete(real.modelKey(config))),
    // The site ships a pretrained model for the default settings only.
    loadPretrained: vi.fn(async (config: SessionConfig) => (real.sameModel(config, DEFAULT_SESSION) && config.dataset !== 'custom' ? { config, step: 1500, weights: weightsOf(1500) } : null)),
  };
});

/** "Weights" that say which model they are: one array holding a tag. */
const weightsOf = (tag: number): NamedWeight[] => [{ name: 'w', shape: [1], values: Float32Array.of(tag) }];

/** The part of EngineClient the lifecycle uses, writing the run store as the real one does. */
function fakeClient() {
  let weights = weightsOf(-1);
  let nextFresh = 0;
  const client = {
    onCheckpoint: null,
    /** Builds a session with fresh random weights. */
    configure: vi.fn(async (config: SessionConfig, modelLoading = false) => {
      weights = weightsOf(-100 - nextFresh++); // fresh random weights
      runStore.setState({ config, step: 0, training: false, modelSource: { kind: 'scratch', step: 0 }, modelLoading });
      await Promise.resolve();
      runStore.setState({ status: 'ready' });
    }),
    /** Builds a session with these weights, in one go. */
    importModel: vi.fn(async (config: SessionConfig, w: NamedWeight[], step: number) => {
      weights = w;
      runStore.setState({ config, step, training: false, status: 'ready' });
    }),
    exportWeights: vi.fn(async () => ({ step: runStore.getState().step, weights })),
    pause: vi.fn(async () => void runStore.setState({ training: false })),
    /** Training moves the weights on: tag = the step reached. */
    train: (steps: number) => {
      const step = runStore.getState().step + steps;
      weights = weightsOf(step);
      runStore.setState({ step, training: true });
    },
    tag: () => weights[0]!.values[0],
  };
  return client;
}

type Lifecycle = typeof import('./modelLifecycle');
let life: Lifecycle;
let runStore: RunStore;

beforeEach(async () => {
  stored.clear();
  vi.resetModules(); // a fresh in-session shelf (and run store) for each test
  runStore = (await import('../state/runStore')).runStore;
  life = await import('./modelLifecycle');
});

const cosine: SessionConfig = { ...DEFAULT_SESSION, schedule: 'cosine' };

describe('models are kept per configuration', () => {
  it('train, switch to cosine (no model there), switch back: the trained model returns with every step', async () => {
    const client = fakeClient();
    await life.switchModel(client, DEFAULT_SESSION);
    expect(runStore.getState().modelSource).toEqual({ kind: 'pretrained', step: 1500 });
    client.train(321); // still training when the reader changes the schedule
    await life.switchModel(client, cosine);
    expect(client.pause).toHaveBeenCalled();
    expect(runStore.getState()).toMatchObject({ step: 0, modelLoading: false, modelSource: { kind: 'scratch' } });
    expect(runStore.getState().config.schedule).toBe('cosine');
    expect(runStore.getState().previous).toMatchObject({ step: 1821, config: { schedule: 'linear' } });

    await life.switchModel(client, DEFAULT_SESSION);
    expect(runStore.getState().step).toBe(1821);
    expect(client.tag()).toBe(1821);
    // Where it came from is still said (pretrained at 1500), the step count is the current one.
    expect(runStore.getState().modelSource).toEqual({ kind: 'pretrained', step: 1500 });
  });

  it('a model trained from scratch for cosine is kept too, and a copy saved for the next visit', async () => {
    const client = fakeClient();
    await life.switchModel(client, cosine);
    client.train(200);
    await life.switchModel(client, DEFAULT_SESSION);
    const { modelKey } = await import('./savedModels');
    expect(stored.get(modelKey(cosine))?.step).toBe(200);
    await life.switchModel(client, cosine);
    expect([runStore.getState().step, client.tag()]).toEqual([200, 200]);
  });

  it('nothing is kept while a model is still loading or when nothing was trained or loaded', async () => {
    const client = fakeClient();
    await life.switchModel(client, cosine); // step 0, fresh
    await life.switchModel(client, DEFAULT_SESSION);
    expect(runStore.getState().previous).toBeNull();
    expect(stored.size).toBe(0);
    runStore.setState({ modelLoading: true, step: 5 });
    await life.switchModel(client, cosine);
    expect(runStore.getState().previous).toBeNull();
  });

  it('a drawn dataset\'s model comes back only for the same points', async () => {
    const client = fakeClient();
    const drawing = { ...DEFAULT_SESSION, dataset: 'custom' as const, points: Float32Array.of(0, 0, 1, 1, 2, 0) };
    await life.freshModel(client, drawing);
    client.train(80);
    await life.switchModel(client, DEFAULT_SESSION);
    expect(await life.keptStep({ ...drawing, points: Float32Array.of(0, 0, 1, 1, 2, 0) })).toBe(80);
    expect(await life.keptStep({ ...drawing, points: Float32Array.of(0, 0, 1, 1, 2, 1) })).toBeNull();
    await life.switchModel(client, { ...drawing, points: Float32Array.of(0, 0, 1, 1, 2, 0) });
    expect(client.tag()).toBe(80);
  });
});

describe('Reset (issue 12, item 8)', () => {
  it('forgets the model of the current settings only, and keeps the settings', async () => {
    const client = fakeClient();
    const spiral = { ...DEFAULT_SESSION, dataset: 'spiral' as const };
    await life.switchModel(client, cosine);
    client.train(50);
    await life.switchModel(client, spiral);
    client.train(70);
    runStore.setState({ training: false });
    await life.resetModel(client);
    expect(runStore.getState().config).toEqual(spiral);
    expect(runStore.getState().step).toBe(0);
    expect(await life.keptStep(spiral)).toBeNull();
    expect(await life.keptStep(cosine)).toBe(50); // another setting's model stays
  });
});

describe('a saved model that will not load (issue 16, item 8)', () => {
  it('weights of the wrong shape: the pretrained default loads instead, the notice says so and does not blame storage', async () => {
    const client = fakeClient();
    // The engine refuses the saved weights as the real worker does: the session it runs is unchanged.
    const realImport = client.importModel.getMockImplementation()!;
    client.importModel.mockImplementation(async (config, w, step) => {
      if (w[0]!.values[0] === 777) {
        throw Object.assign(new Error('the file has 1 weight arrays; a 3-layer network of width 128 has 8'), { field: 'weights' });
      }
      return realImport(config, w, step);
    });
    stored.set((await import('./savedModels')).modelKey(DEFAULT_SESSION), { step: 900, weights: weightsOf(777) });
    await life.switchModel(client, DEFAULT_SESSION);
    expect(runStore.getState().modelSource).toEqual({ kind: 'pretrained', step: 1500 });
    expect(runStore.getState().step).toBe(1500);
    expect(client.tag()).toBe(1500);
    const notice = runStore.getState().notice?.text ?? '';
    expect(notice).toMatch(/The model saved in this browser could not be loaded \(the file has 1 weight arrays.*\), so the pretrained default was loaded instead\./);
    expect(notice).not.toMatch(/storage/);
    expect(stored.size).toBe(0); // the broken copy is forgotten, so the next visit loads cleanly
    // One request for the saved model, one more for the pretrained default; never a session of random weights.
    expect(client.importModel.mock.calls.map(([, w]) => w[0]!.values[0])).toEqual([777, 1500]);
    expect(client.configure).not.toHaveBeenCalled();
  });
});

describe('weights found first, the engine asked once (issue 13, item 5)', () => {
  const spiral: SessionConfig = { ...DEFAULT_SESSION, dataset: 'spiral' };

  /** Runs `change` and returns every state the run store went through meanwhile. */
  async function statesDuring(change: () => Promise<unknown>): Promise<Array<ReturnType<RunStore['getState']>>> {
    const states: Array<ReturnType<RunStore['getState']>> = [];
    const stop = runStore.subscribe((s) => void states.push(s));
    await change();
    stop();
    return states;
  }

  /** At no moment does the page say that `config` has fresh random weights (the no-model notice's condition), or that it loads a model for other settings. */
  function neverUntrained(states: Array<ReturnType<RunStore['getState']>>, config: SessionConfig): void {
    expect(states.filter((s) => s.config === config && s.status === 'ready' && !s.modelLoading && s.modelSource.kind === 'scratch')).toEqual([]);
    expect(states.filter((s) => s.modelLoading && s.config !== config)).toEqual([]);
  }

  it('a settings change to settings with a saved model: one importModel with the saved weights, no configure', async () => {
    const client = fakeClient();
    await life.switchModel(client, cosine);
    client.configure.mockClear();
    stored.set((await import('./savedModels')).modelKey(spiral), { step: 640, weights: weightsOf(640) });
    const states = await statesDuring(() => life.switchModel(client, spiral));
    expect(client.importModel).toHaveBeenCalledTimes(1);
    expect(client.importModel).toHaveBeenCalledWith(spiral, weightsOf(640), 640);
    expect(client.configure).not.toHaveBeenCalled();
    expect(runStore.getState()).toMatchObject({ config: spiral, step: 640, modelLoading: false, modelSource: { kind: 'saved', step: 640 } });
    expect(client.tag()).toBe(640);
    neverUntrained(states, spiral);
  });

  it('start-up and a settings change to the defaults: one importModel of the pretrained default each, no configure', async () => {
    const client = fakeClient();
    // Start-up: the engine has no session yet.
    const atStart = await statesDuring(() => life.enqueueModelChange(() => life.loadBestModel(client, DEFAULT_SESSION)));
    expect(client.importModel).toHaveBeenCalledTimes(1);
    expect(client.configure).not.toHaveBeenCalled();
    expect(runStore.getState()).toMatchObject({ status: 'ready', step: 1500, modelLoading: false, modelSource: { kind: 'pretrained', step: 1500 } });
    neverUntrained(atStart, DEFAULT_SESSION);

    await life.switchModel(client, cosine);
    client.importModel.mockClear();
    client.configure.mockClear();
    const back = { ...DEFAULT_SESSION };
    const states = await statesDuring(() => life.switchModel(client, back));
    expect(client.importModel).toHaveBeenCalledTimes(1);
    expect(client.importModel).toHaveBeenCalledWith(back, weightsOf(1500), 1500);
    expect(client.configure).not.toHaveBeenCalled();
    neverUntrained(states, back);
  });

  it('with nothing kept, saved or shipped for the settings: one configure (fresh weights), no importModel', async () => {
    const client = fakeClient();
    await life.switchModel(client, DEFAULT_SESSION);
    client.importModel.mockClear();
    client.configure.mockClear();
    const states = await statesDuring(() => life.switchModel(client, cosine));
    expect(client.configure).toHaveBeenCalledTimes(1);
    expect(client.configure.mock.calls[0]![0]).toBe(cosine);
    expect(client.importModel).not.toHaveBeenCalled();
    expect(runStore.getState()).toMatchObject({ config: cosine, step: 0, modelLoading: false, modelSource: { kind: 'scratch', step: 0 } });
    // While it looked, the page said it was loading cosine's model, never the old model under cosine's name.
    expect(states.filter((s) => s.modelLoading).every((s) => s.config === cosine && s.step === 0)).toBe(true);
  });

  it('a file whose weights do not fit: one importModel, refused, and the page still describes the model that runs', async () => {
    const client = fakeClient();
    await life.switchModel(client, DEFAULT_SESSION);
    client.importModel.mockClear();
    client.configure.mockClear();
    client.importModel.mockRejectedValueOnce(Object.assign(new Error('the file has 1 weight arrays'), { field: 'weights' }));
    const before = runStore.getState();
    await expect(life.importModelFile(client, spiral, weightsOf(5), 5)).rejects.toThrow('1 weight arrays');
    expect(client.importModel).toHaveBeenCalledTimes(1);
    expect(client.configure).not.toHaveBeenCalled();
    expect(runStore.getState()).toMatchObject({ config: before.config, step: 1500, modelLoading: false, modelSource: { kind: 'pretrained', step: 1500 } });
    expect(client.tag()).toBe(1500);
  });
});
