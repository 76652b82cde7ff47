import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { initialRunState, type RunState } from '../state/runStore';
import { DEFAULT_SAMPLING } from '../state/sessionDefaults';
import { EngineClient, type WorkerLike } from './client';
import type { WorkerEvent } from './protocol';

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
    const progress = (runId: number, step: number): WorkerEvent => ({ type: 'progress', runId, step, loss: 1, smoothedLoss: 1, stepsPerSecond: 1, bucketLoss: new Float32Array(10), numTensors: 5, running: true, threads: 1 });
    emit(progress(oldRun, 999));
    expect(store.getState().step).toBe(0);
    emit(progress(newRun, 5));
    expect(store.getState().step).toBe(5);
  });

  it('rejects the matching request when the worker reports an error, naming the field', async () => {
    const { client, sent, emit } = await startedClient();
    const pending = client.sendRaw({ type: 'train', runId: 1, action: 'sprint' });
    emit({ type: 'error', id: sent.at(-1)!.id as number, field: 'action', message: 'train: action must be one of start, pause, step' });
    await expect(pending).rejects.toMatchObject({ field: 'action' });
  });
});
