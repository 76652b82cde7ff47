import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { initialRunState, type RunState } from '../state/runStore';
import { DEFAULT_SAMPLING, DEFAULT_SESSION } from '../state/sessionDefaults';
import { EngineClient, type WorkerLike } from './client';
import type { WorkerEvent } from '../worker/protocol';

/** A worker stand-in: records what the client posts and lets the test answer. */
function fakeWorker() {
  const sent: Array<Record<string, unknown>> = [];
  const worker: WorkerLike = {
    postMessage: (m) => void sent.push(m as Record<string, unknown>),
    terminate: () => {},
    onmessage: null,
    onerror: null,
  };
  const emit = (event: WorkerEvent): void => worker.onmessage?.({ data: event } as MessageEvent);
  return { worker, sent, emit };
}

async function startedClient() {
  const fake = fakeWorker();
  const store = createStore<RunState>(() => initialRunState);
  const client = new EngineClient(() => fake.worker, store, 'wasm');
  const started = client.start();
  const init = fake.sent[0]!;
  fake.emit({ type: 'ready', id: init.id as number, backend: { name: 'wasm', reason: 'test', measured: {}, failed: {} } });
  await started;
  return { ...fake, store, client };
}

describe('EngineClient run ids', () => {
  it('draws frames of the current sampling run and drops those of a superseded one', async () => {
    const { client, sent, emit, store } = await startedClient();
    const first = client.sample(DEFAULT_SAMPLING);
    const firstReq = sent.at(-1)!;
    emit({ type: 'reply', id: firstReq.id as number, ok: true });
    const second = client.sample(DEFAULT_SAMPLING);
    const secondReq = sent.at(-1)!;
    emit({ type: 'reply', id: secondReq.id as number, ok: true });
    expect(await first).toBeNull(); // superseded

    emit({ type: 'frames', runId: firstReq.runId as number, chunk: 0, ts: Int32Array.of(990), points: new Float32Array([9, 9]), nTrace: 1 });
    expect(store.getState().traceFrame).toBeNull();
    emit({ type: 'frames', runId: secondReq.runId as number, chunk: 0, ts: Int32Array.of(980, 970), points: new Float32Array([1, 2, 3, 4]), nTrace: 1 });
    expect(store.getState().traceFrame?.t).toBe(970);
    expect(Array.from(store.getState().traceFrame!.points)).toEqual([3, 4]);
    // the chunk was acknowledged, for backpressure
    expect(sent.at(-1)).toMatchObject({ type: 'ack', runId: secondReq.runId, chunk: 0 });

    emit({ type: 'done', runId: firstReq.runId as number, points: new Float32Array([7, 7]), cancelled: true });
    expect(store.getState().samples).toBeNull();
    emit({ type: 'done', runId: secondReq.runId as number, points: new Float32Array([5, 6]), cancelled: false });
    expect(Array.from((await second)!)).toEqual([5, 6]);
  });

  it('ignores progress from an earlier training run', async () => {
    const { client, sent, emit, store } = await startedClient();
    void client.train();
    const oldRun = sent.at(-1)!.runId as number;
    void client.step(5);
    const newRun = sent.at(-1)!.runId as number;
    const progress = (runId: number, step: number): WorkerEvent => ({ type: 'progress', model: 'main', runId, step, loss: 1, smoothedLoss: 1, stepsPerSecond: 1, bucketLoss: new Float32Array(10), numTensors: 5, running: true, threads: 1 });
    emit(progress(oldRun, 999));
    expect(store.getState().step).toBe(0);
    emit(progress(newRun, 5));
    expect(store.getState().step).toBe(5);
  });

  it('keeps each lab model\'s progress under its id, apart from the main model\'s, and marks which train', async () => {
    const { client, sent, emit, store } = await startedClient();
    void client.trainModel('guided');
    expect(sent.at(-1)).toMatchObject({ type: 'train', model: 'guided', action: 'start' });
    emit({ type: 'state', running: ['guided'] });
    emit({ type: 'progress', model: 'guided', runId: sent.at(-1)!.runId as number, step: 120, loss: 0.5, smoothedLoss: 0.5, stepsPerSecond: 300, numTensors: 5, running: true, threads: 1 });
    expect(store.getState().models.guided).toMatchObject({ step: 120, loss: 0.5, training: true, lossHistory: [[120, 0.5]] });
    expect(store.getState().models.signals.step).toBe(0);
    expect(store.getState().step).toBe(0); // the main model's step is its own
    emit({ type: 'paused', model: 'guided', runId: 1, step: 100, reason: 'nonFinite', rolledBackTo: 100, message: 'Training diverged at step 130' });
    expect(store.getState().models.guided).toMatchObject({ step: 100, training: false });
    expect(store.getState().modelMessage).toMatch(/diverged/);
  });

  it('a newer sample of a lab model supersedes an older one, whose answer resolves null; the options travel by model', async () => {
    const { client, sent, emit, store } = await startedClient();
    const first = client.sampleModel('guided', { n: 4, seed: 1, classLabel: 0, w: 2 });
    const firstReq = sent.at(-1)!;
    expect(firstReq).toMatchObject({ type: 'sample', model: 'guided', options: { n: 4, seed: 1, classLabel: 0, w: 2 } });
    const second = client.sampleModel('guided', { n: 4, seed: 1, classLabel: 1, w: 0 });
    const secondReq = sent.at(-1)!;
    emit({ type: 'sampleProgress', model: 'guided', runId: firstReq.runId as number, done: 9, total: 10 });
    expect(store.getState().models.guided.sampleProgress).toBe(0); // the superseded run's progress is dropped
    emit({ type: 'sampleProgress', model: 'guided', runId: secondReq.runId as number, done: 5, total: 10 });
    expect(store.getState().models.guided.sampleProgress).toBe(0.5);
    const points = new Float32Array(8);
    emit({ type: 'reply', id: firstReq.id as number, ok: true, value: { model: 'guided', step: 0, points: new Float32Array(8), cancelled: true } });
    emit({ type: 'reply', id: secondReq.id as number, ok: true, value: { model: 'guided', step: 0, points, cancelled: false } });
    expect(await first).toBeNull();
    expect((await second)?.points).toBe(points);
    expect(store.getState().models.guided.sampleProgress).toBeNull();
  });

  it('the image model\'s origin (pretrained, a file, untrained) and step reach the store; a load sends the file\'s bytes and reports the worker\'s refusal', async () => {
    const { client, sent, emit, store } = await startedClient();
    emit({ type: 'modelOrigin', model: 'images', origin: { kind: 'pretrained', steps: 8000 }, step: 8000 });
    expect(store.getState().models.images).toMatchObject({ origin: { kind: 'pretrained', steps: 8000 }, step: 8000 });
    const bytes = Uint8Array.of(1, 2, 3).buffer;
    const loading = client.loadImageModel(bytes, 'm.dpmodel');
    const request = sent.at(-1)!;
    expect(request).toMatchObject({ type: 'imageModelLoad', name: 'm.dpmodel' });
    expect(Array.from(new Uint8Array(request.bytes as ArrayBuffer))).toEqual([1, 2, 3]);
    expect(new Uint8Array(bytes).length).toBe(3); // the caller's bytes were copied, not moved
    emit({ type: 'error', id: request.id as number, message: 'This is an image model for 16×16 images; the digits model needs an image model for 8×8 images (64 pixels).' });
    await expect(loading).rejects.toThrow('16×16');
    expect(store.getState().models.images.origin).toEqual({ kind: 'pretrained', steps: 8000 });
    void client.startImageModel('scratch');
    expect(sent.at(-1)).toMatchObject({ type: 'imageModelStart', from: 'scratch' });
    emit({ type: 'modelOrigin', model: 'images', origin: { kind: 'untrained', steps: 0 }, step: 0 });
    expect(store.getState().models.images).toMatchObject({ origin: { kind: 'untrained', steps: 0 }, step: 0 });
  });

  it('describe asks the worker for the main model\'s settings, last sampling and step', async () => {
    const { client, sent, emit } = await startedClient();
    const described = client.describe();
    expect(sent.at(-1)).toMatchObject({ type: 'describe' });
    const { points: _p, ...config } = DEFAULT_SESSION;
    emit({ type: 'reply', id: sent.at(-1)!.id as number, ok: true, value: { config, lastSampling: null, step: 7 } });
    await expect(described).resolves.toEqual({ config, lastSampling: null, step: 7 });
  });

  it('rejects the matching request when the worker reports an error, naming the field', async () => {
    const { client, sent, emit } = await startedClient();
    const pending = client.sendRaw({ type: 'train', runId: 1, action: 'sprint' });
    emit({ type: 'error', id: sent.at(-1)!.id as number, field: 'action', message: 'train: action must be one of start, pause, step' });
    await expect(pending).rejects.toMatchObject({ field: 'action' });
  });
});

/**
 * Workers that answer like the real one (init, configure, importWeights, train, ping, export) until
 * killed, when they go silent, as a terminated or wedged worker does. `broken` backends fail to start.
 */
function workerFarm(broken: string[] = []) {
  const workers: Array<{ worker: WorkerLike; sent: Array<Record<string, unknown>>; alive: boolean; backend: string | null; emit: (e: WorkerEvent) => void }> = [];
  const create = (): WorkerLike => {
    const entry = { worker: null as unknown as WorkerLike, sent: [] as Array<Record<string, unknown>>, alive: true, backend: null as string | null, emit: (_e: WorkerEvent) => {} };
    const reply = (event: WorkerEvent): void => void queueMicrotask(() => entry.alive && entry.worker.onmessage?.({ data: event } as MessageEvent));
    entry.emit = (event) => entry.worker.onmessage?.({ data: event } as MessageEvent);
    entry.worker = {
      postMessage: (m) => {
        const msg = m as Record<string, unknown>;
        entry.sent.push(msg);
        if (!entry.alive) return;
        const id = msg.id as number;
        if (msg.type === 'init') {
          const name = msg.backend as string;
          if (broken.includes(name)) reply({ type: 'error', id, message: `backend ${name} is not available here: failed to initialise` });
          else {
            entry.backend = name;
            reply({ type: 'ready', id, backend: { name: name as 'wasm', reason: 'test', measured: {}, failed: {} } });
          }
        } else if (msg.type === 'exportWeights') reply({ type: 'reply', id, ok: true, value: { step: 0, weights: [] } });
        else if (msg.type !== 'ack') reply({ type: 'reply', id, ok: true });
      },
      terminate: () => void (entry.alive = false),
      onmessage: null,
      onerror: null,
    };
    workers.push(entry);
    return entry.worker;
  };
  return { workers, create, kill: () => void (workers.at(-1)!.alive = false) };
}

const FAST = { heartbeatMs: 20, watchdogMs: 150, tickMs: 10 };
/** The start-up measurement of a browser without WebGPU: wasm fastest, then cpu, then webgl. */
const PROBE = { name: 'wasm' as const, reason: 'fastest in a warm-up', measured: { wasm: 30, webgl: 5, cpu: 12 }, failed: { webgpu: 'no adapter' } };

async function farmClient(broken: string[] = []) {
  const farm = workerFarm(broken);
  const store = createStore<RunState>(() => initialRunState);
  const client = new EngineClient(farm.create, store, 'auto', FAST);
  const started = client.start();
  const init = farm.workers[0]!.sent[0]!;
  farm.workers[0]!.emit({ type: 'ready', id: init.id as number, backend: PROBE });
  await started;
  await client.configure(DEFAULT_SESSION);
  return { farm, store, client };
}

const until = async (check: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('EngineClient recovery (issue 16, items 1 and 10)', () => {
  it('a worker that dies while idle is noticed by the heartbeat: waiting requests are rejected with a clear message, and a new worker takes over', async () => {
    const { farm, store, client } = await farmClient();
    farm.kill();
    const exported = client.exportWeights();
    await expect(exported).rejects.toThrow(/stopped responding, so this request was dropped/);
    await until(() => store.getState().status === 'ready' && farm.workers.length === 2);
    expect(farm.workers[1]!.backend).toBe('wasm');
    expect(store.getState().notice?.text).toMatch(/stopped responding; a new one took over from the checkpoint at step 0/);
    // the new worker answers
    await expect(client.exportWeights()).resolves.toMatchObject({ step: 0 });
    client.dispose();
  });

  it('killed twice and three times: falls back only to backends that passed the probe, fastest first, and keeps training', async () => {
    const { farm, store, client } = await farmClient();
    await client.train();
    const backends = (): Array<string | null> => farm.workers.map((w) => w.backend);
    for (let kill = 1; kill <= 3; kill++) {
      farm.kill();
      await until(() => farm.workers.length === kill + 1 && store.getState().status === 'ready' && store.getState().training);
      // training was resumed in the new worker
      await until(() => farm.workers.at(-1)!.sent.some((m) => m.type === 'train' && m.action === 'start'));
    }
    // wasm twice, then the next fastest measured (cpu), never webgpu (failed the probe) or webgl (slower)
    expect(backends().slice(1)).toEqual(['wasm', 'cpu', 'cpu']);
    expect(store.getState().backend?.name).toBe('cpu');
    expect(store.getState().notice?.text).toMatch(/took over from the checkpoint/); // cpu's own first crash: cpu again
    expect(store.getState().backend?.reason).toMatch(/next fastest in the start-up measurement, after wasm failed/);
    client.dispose();
  });

  it('a fallback backend that will not start is skipped; when none is left the page says so, offers a reload and shows nothing training', async () => {
    const { farm, store, client } = await farmClient(['cpu', 'webgl']);
    await client.train();
    farm.kill();
    await until(() => farm.workers.length === 2 && store.getState().status === 'ready');
    farm.kill(); // wasm's second crash: cpu and webgl fail to start
    await until(() => store.getState().status === 'failed');
    const s = store.getState();
    expect(farm.workers.slice(2).map((w) => w.sent[0]!.backend)).toEqual(['cpu', 'webgl']);
    expect(s.training).toBe(false);
    expect(s.sampling).toBe(false);
    expect(s.notice).toMatchObject({ kind: 'error', action: 'reload' });
    expect(s.notice!.text).toMatch(/no backend that worked here at start-up works any more \(wasm crashed 2 times; cpu would not start/);
    expect(s.notice!.text).toMatch(/Reload the page/);
    expect(farm.workers[1]!.backend).toBe('wasm');
    await expect(client.train()).rejects.toThrow(/training engine stopped/);
    expect(store.getState().training).toBe(false);
    const workersBefore = farm.workers.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(farm.workers.length).toBe(workersBefore); // no more restarts, no errors thrown on a timer
    client.dispose();
  });

  it('a backend that will not start again after a crash is said to, and the next fastest takes over', async () => {
    const broken: string[] = [];
    const { farm, store, client } = await farmClient(broken);
    broken.push('wasm'); // from now on wasm fails to initialise
    farm.kill();
    await until(() => store.getState().status === 'ready' && farm.workers.length === 3);
    expect(farm.workers.map((w) => w.sent[0]!.backend).slice(1)).toEqual(['wasm', 'cpu']);
    expect(store.getState().notice?.text).toMatch(/took over on cpu \(wasm would not start again\) from the checkpoint/);
    expect(store.getState().backend?.failed.wasm).toMatch(/failed to initialise/);
    client.dispose();
  });

  it('requests made while a worker is being replaced wait for the new one', async () => {
    const { farm, store, client } = await farmClient();
    let exported: Promise<unknown> | null = null;
    store.subscribe((s) => {
      if (s.status === 'starting' && !exported) exported = client.exportWeights();
    });
    farm.kill();
    await until(() => exported !== null);
    await expect(exported).resolves.toMatchObject({ step: 0 });
    expect(farm.workers.length).toBe(2);
    client.dispose();
  });
});

describe('EngineClient never describes a session or a run that does not exist (issue 16, items 2 and 3)', () => {
  it('a configuration outside the settings table is refused before anything changes', async () => {
    const { farm, store, client } = await farmClient();
    const before = store.getState();
    const sent = farm.workers[0]!.sent.length;
    await expect(client.configure({ ...DEFAULT_SESSION, batchSize: 65536 })).rejects.toMatchObject({ field: 'config.batchSize' });
    expect(store.getState()).toBe(before);
    expect(farm.workers[0]!.sent.length).toBe(sent); // nothing went to the worker
    await expect(client.importModel({ ...DEFAULT_SESSION, T: 10000 }, [], 0)).rejects.toMatchObject({ field: 'config.T' });
    expect(store.getState()).toBe(before);
    client.dispose();
  });

  it('a configure the worker refuses puts the page back on the session that still runs', async () => {
    const { client, sent, emit, store } = await startedClient();
    const c = client.configure(DEFAULT_SESSION);
    emit({ type: 'reply', id: sent.at(-1)!.id as number, ok: true });
    await c;
    void client.train();
    emit({ type: 'progress', model: 'main', runId: sent.at(-1)!.runId as number, step: 40, loss: 1, smoothedLoss: 1, stepsPerSecond: 1, bucketLoss: new Float32Array(10), numTensors: 5, running: true, threads: 1 });
    const refused = client.configure({ ...DEFAULT_SESSION, learningRate: 1e-8 });
    expect(store.getState().step).toBe(0);
    emit({ type: 'error', id: sent.at(-1)!.id as number, field: 'config', message: 'configure: refused' });
    await expect(refused).rejects.toThrow('refused');
    expect(store.getState()).toMatchObject({ step: 40, training: true, config: DEFAULT_SESSION });
    expect(store.getState().notice?.text).toMatch(/refused the new settings and kept the model it had/);
  });

  it('sampler steps are clamped to T, and a sample that fails clears the sampling flag', async () => {
    const { client, sent, emit, store } = await startedClient();
    const c = client.configure({ ...DEFAULT_SESSION, T: 20 });
    emit({ type: 'reply', id: sent.at(-1)!.id as number, ok: true });
    await c;
    const refused = client.sample({ ...DEFAULT_SAMPLING, steps: 50 });
    const request = sent.at(-1)!;
    expect((request.options as { steps: number }).steps).toBe(20);
    expect(store.getState().sampling).toBe(true);
    emit({ type: 'error', id: request.id as number, message: 'sample: refused' });
    await expect(refused).rejects.toThrow();
    expect(store.getState().sampling).toBe(false);

    const failing = client.sample(DEFAULT_SAMPLING);
    const req2 = sent.at(-1)!;
    emit({ type: 'reply', id: req2.id as number, ok: true });
    emit({ type: 'sampleFailed', runId: req2.runId as number, message: 'out of memory' });
    await expect(failing).resolves.toBeNull();
    expect(store.getState().sampling).toBe(false);
    expect(store.getState().notice?.text).toMatch(/Sampling failed: out of memory/);
  });

  it('a train request that fails leaves nothing shown as training', async () => {
    const { client, sent, emit, store } = await startedClient();
    const t = client.train();
    expect(store.getState().training).toBe(true);
    emit({ type: 'error', id: sent.at(-1)!.id as number, message: 'configure the session first' });
    await expect(t).rejects.toThrow();
    expect(store.getState().training).toBe(false);
  });
});

describe('EngineClient and the image model', () => {
  it('keeps the image model\'s progress under `images`, apart from the others, and a reset clears it', async () => {
    const { client, sent, emit, store } = await startedClient();
    void client.trainModel('images');
    expect(sent.at(-1)).toMatchObject({ type: 'train', model: 'images', action: 'start' });
    emit({ type: 'state', running: ['images'] });
    emit({ type: 'progress', model: 'images', runId: sent.at(-1)!.runId as number, step: 250, loss: 0.3, smoothedLoss: 0.3, stepsPerSecond: 180, numTensors: 5, running: true, threads: 2 });
    expect(store.getState().models.images).toMatchObject({ step: 250, loss: 0.3, stepsPerSecond: 180, training: true, lossHistory: [[250, 0.3]] });
    expect(store.getState().models.guided.step).toBe(0);
    expect(store.getState().step).toBe(0);
    emit({ type: 'state', running: [] });
    expect(store.getState().models.images.training).toBe(false);
    const stepped = client.trainModel('images', 100);
    expect(sent.at(-1)).toMatchObject({ type: 'train', model: 'images', action: 'step', steps: 100 });
    emit({ type: 'reply', id: sent.at(-1)!.id as number, ok: true, value: { images: 350 } });
    expect((await stepped).images).toBe(350);
    const reset = client.resetModel('images');
    expect(sent.at(-1)).toMatchObject({ type: 'reset', model: 'images' });
    emit({ type: 'reply', id: sent.at(-1)!.id as number, ok: true });
    await reset;
    expect(store.getState().models.images).toMatchObject({ step: 0, lossHistory: [], training: false });
  });

  it('samples images with their options by model, and a newer sample supersedes an older one', async () => {
    const { client, sent, emit, store } = await startedClient();
    const first = client.sampleModel('images', { n: 16, seed: 5, w: 0, steps: 50 });
    const firstReq = sent.at(-1)!;
    expect(firstReq).toMatchObject({ type: 'sample', model: 'images', options: { n: 16, seed: 5, w: 0, steps: 50 } });
    const second = client.sampleModel('images', { n: 16, seed: 5, classLabel: 7, w: 2, steps: 50, score: true });
    const secondReq = sent.at(-1)!;
    emit({ type: 'sampleProgress', model: 'images', runId: secondReq.runId as number, done: 25, total: 50 });
    expect(store.getState().models.images.sampleProgress).toBe(0.5);
    const pixels = new Float32Array(16 * 64);
    emit({ type: 'reply', id: firstReq.id as number, ok: true, value: { model: 'images', step: 3, pixels: new Float32Array(16 * 64), width: 8, height: 8, cancelled: true } });
    emit({ type: 'reply', id: secondReq.id as number, ok: true, value: { model: 'images', step: 3, pixels, width: 8, height: 8, cancelled: false } });
    expect(await first).toBeNull();
    const result = await second;
    expect(result?.pixels).toBe(pixels);
    expect(result?.step).toBe(3);
    expect(store.getState().models.images.sampleProgress).toBeNull();
  });

  it("a sample of one owner does not supersede another owner's sample of the image model", async () => {
    const { client, sent, emit } = await startedClient();
    const train = client.sampleModel('images', { n: 16, seed: 5, w: 0, steps: 50, owner: 'image-train' });
    const trainReq = sent.at(-1)!;
    const prompt = client.sampleModel('images', { n: 16, seed: 5, classLabel: 7, w: 2, steps: 50, owner: 'image-prompt' });
    const promptReq = sent.at(-1)!;
    expect(trainReq.options).toMatchObject({ owner: 'image-train' });
    const a = new Float32Array(16 * 64).fill(0.25);
    const b = new Float32Array(16 * 64).fill(-0.5);
    emit({ type: 'reply', id: trainReq.id as number, ok: true, value: { model: 'images', step: 3, pixels: a, width: 8, height: 8, cancelled: false } });
    emit({ type: 'reply', id: promptReq.id as number, ok: true, value: { model: 'images', step: 3, pixels: b, width: 8, height: 8, cancelled: false } });
    expect((await train)?.pixels).toBe(a);
    expect((await prompt)?.pixels).toBe(b);
  });

  it('asks the image model how likely drawn digits are: a copy of the images goes, progress by id, the typed reply comes back', async () => {
    const { client, sent, emit } = await startedClient();
    const drawn = new Float32Array(2 * 64).fill(-1).fill(1, 10, 20);
    const heard: Array<[number, number]> = [];
    const asked = client.imageLikelihood(drawn, 4, (done, total) => heard.push([done, total]));
    const req = sent.at(-1)!;
    expect(req).toMatchObject({ type: 'imageLikelihood', seed: 4 });
    expect(Array.from(req.images as Float32Array)).toEqual(Array.from(drawn));
    expect(req.images).not.toBe(drawn); // the page keeps its drawing (the copy is transferred)
    emit({ type: 'elboProgress', id: req.id as number, done: 500, total: 2006 });
    emit({ type: 'elboProgress', id: (req.id as number) + 99, done: 1, total: 2 }); // another request's
    expect(heard).toEqual([[500, 2006]]);
    const value = { bitsPerDim: Float64Array.of(6.5, 11), anomaly: Float64Array.of(0.3, 0.9), reference: { bitsPerDim: [6, 7], anomaly: [0.2, 0.4] }, step: 400 };
    emit({ type: 'reply', id: req.id as number, ok: true, value });
    const result = await asked;
    expect(Array.from(result.bitsPerDim)).toEqual([6.5, 11]);
    expect(result.reference.anomaly).toEqual([0.2, 0.4]);
    expect(result.step).toBe(400);
    emit({ type: 'elboProgress', id: req.id as number, done: 2006, total: 2006 }); // after the reply: dropped
    expect(heard).toHaveLength(1);
  });

  it('tells the worker where the site is (document.baseURI) with init, so it can fetch data/*.bin from any folder', async () => {
    const scope = globalThis as { document?: { baseURI: string } };
    scope.document = { baseURI: 'https://example.org/course/diffusion/index.html' };
    try {
      const fake = fakeWorker();
      const client = new EngineClient(() => fake.worker, createStore<RunState>(() => initialRunState), 'wasm');
      const started = client.start();
      expect(fake.sent[0]).toMatchObject({ type: 'init', backend: 'wasm', base: 'https://example.org/course/diffusion/index.html' });
      client.dispose();
      await expect(started).rejects.toThrow('shut down');
    } finally {
      delete scope.document;
    }
  });
});
