/**
 * The page's typed API to the engine worker: promises for requests, run ids for long operations
 * (frames from a superseded run are dropped), and recovery. If the worker dies or stops talking
 * mid-run, a new one starts (on the next backend if the same one failed twice), the last
 * checkpoint is restored and training carries on. Everything it learns goes into the run store.
 */
import type { NamedWeight } from '../engine/tf';
import { initialRunState, type RunStore } from '../state/runStore';
import { clearLabModel, initialLabState, labStore, recordLabProgress, type LabStore } from '../state/labStore';
import type { LabExperiment } from './labConfig';
import type { LabRequest, LabSampleResult } from './protocol';
import { BACKENDS, type BackendName, type BackendReport, type Request, type SampleRequestOptions, type SessionConfig, type WorkerEvent } from './protocol';

/** The part of Worker the client uses, so tests can hand it a fake. */
export interface WorkerLike {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** The worker's ELBO estimate: L_T, L_{t−1} by 0-indexed timestep (index 0 unused), L_0 and their sum, in nats per point. */
export interface ElboResult {
  prior: number;
  stepKl: Float64Array;
  decoder: number;
  total: number;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Body<R> = R extends { id: number } ? Omit<R, 'id'> : never;

/** Silence this long during a run means the worker is gone (it reports at least every ~100 ms while busy). */
const WATCHDOG_MS = 15000;

export class EngineClient {
  private worker!: WorkerLike;
  private nextId = 1;
  private nextRunId = 1;
  private pending = new Map<number, Pending>();
  /** Progress callbacks of long requests (elbo), by request id; dropped with the reply. */
  private progressListeners = new Map<number, (done: number, total: number) => void>();
  private trainRunId = 0;
  private sampleRunId = 0;
  private sampleDone: ((points: Float32Array | null) => void) | null = null;
  private config: SessionConfig | null = null;
  private checkpoint: { step: number; weights: NamedWeight[] } | null = null;
  private backend: BackendName | 'auto';
  private failures: BackendName[] = [];
  private lastHeard = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private restarting = false;
  /** Progress of the chapter-7 lab models. */
  readonly lab: LabStore = labStore;
  /** The current lab sample run per experiment (an older one's reply resolves null). */
  private readonly labSampleRuns = new Map<LabExperiment, number>();
  private configurations = 0;
  /** Told about every checkpoint the worker sends (the page keeps a copy in IndexedDB). */
  onCheckpoint: ((step: number, weights: NamedWeight[], config: SessionConfig) => void) | null = null;

  constructor(private readonly createWorker: () => WorkerLike, private readonly store: RunStore, backend: BackendName | 'auto') {
    this.backend = backend;
  }

  /** Starts the worker and its backend. */
  async start(): Promise<BackendReport> {
    this.spawn();
    const report = await this.request<BackendReport>({ type: 'init', backend: this.backend });
    this.store.setState({ backend: report });
    return report;
  }

  private spawn(): void {
    this.worker = this.createWorker();
    this.worker.onmessage = (e) => this.receive(e.data as WorkerEvent);
    this.worker.onerror = (e) => {
      e.preventDefault?.();
      void this.recover(`the engine worker crashed (${e.message || 'no message'})`);
    };
  }

  private request<T>(body: Body<Request>, transfer: Transferable[] = [], onProgress?: (done: number, total: number) => void): Promise<T> {
    const id = this.nextId++;
    if (onProgress) this.progressListeners.set(id, onProgress);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (v: unknown) => {
          this.progressListeners.delete(id);
          (resolve as (v: unknown) => void)(v);
        },
        reject: (e: unknown) => {
          this.progressListeners.delete(id);
          reject(e);
        },
      });
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  /** Sends a message as-is (for tests of the worker's validation). */
  sendRaw(message: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...(message as object), id });
    });
  }

  /** Counts configurations, so a caller can tell whether someone configured again meanwhile. */
  get generation(): number {
    return this.configurations;
  }

  /** Builds a fresh session for `config`; `modelLoading` tells the page that weights for it are on their way. */
  async configure(config: SessionConfig, modelLoading = false): Promise<void> {
    this.configurations++;
    this.config = config;
    this.checkpoint = null;
    this.trainRunId = this.nextRunId++;
    this.store.setState({ config, step: 0, loss: Number.NaN, smoothedLoss: Number.NaN, stepsPerSecond: 0, lossHistory: [], bucketLoss: null, training: false, samples: null, modelSource: { kind: 'scratch', step: 0 }, modelLoading });
    await this.request({ type: 'configure', config });
    this.store.setState({ status: 'ready' }); // a configured session answers every request
  }

  /** Starts training; a new run clears the previous notice unless `keepNotice` (used when resuming after a crash). */
  train(keepNotice = false): Promise<unknown> {
    this.trainRunId = this.nextRunId++;
    this.store.setState(keepNotice ? { training: true } : { training: true, notice: null });
    this.startWatchdog();
    return this.request({ type: 'train', runId: this.trainRunId, action: 'start' });
  }

  pause(): Promise<unknown> {
    this.store.setState({ training: false });
    return this.request({ type: 'train', runId: this.trainRunId, action: 'pause' });
  }

  step(n: number): Promise<unknown> {
    this.trainRunId = this.nextRunId++;
    return this.request({ type: 'train', runId: this.trainRunId, action: 'step', steps: n });
  }

  /** Samples; traced frames stream into the store as they come. Resolves with the points, or null if superseded. */
  async sample(options: SampleRequestOptions): Promise<Float32Array | null> {
    this.sampleDone?.(null);
    const runId = this.nextRunId++;
    this.sampleRunId = runId;
    this.store.setState({ sampling: true, traceFrame: null });
    this.startWatchdog();
    const done = new Promise<Float32Array | null>((resolve) => (this.sampleDone = resolve));
    await this.request({ type: 'sample', runId, options });
    return done;
  }

  /** The network's ε̂ at 0-indexed timestep i for 2D points (row-major pairs). */
  predict(points: Float32Array, i: number): Promise<Float32Array> {
    return this.request({ type: 'predict', points, i });
  }

  /** The terms of −ELBO (eq. 5.5) for the first n training points, batch means in nats per point; T network evaluations. */
  elbo(n: number, seed: number, onProgress?: (done: number, total: number) => void): Promise<ElboResult> {
    // Training waits in the worker while the bound is computed, as it does for a sample.
    return this.request({ type: 'elbo', n, seed }, [], onProgress);
  }

  /**
   * Replaces the session with a saved model (its settings and weights). Rejects, leaving the
   * current model as it was, if the weights do not fit the settings.
   */
  async importModel(config: SessionConfig, weights: NamedWeight[], step: number): Promise<void> {
    const generation = ++this.configurations;
    const copy = weights.map((w) => ({ ...w, values: Float32Array.from(w.values) })); // the caller keeps its arrays
    await this.request({ type: 'importModel', config, weights: copy, step });
    // A configure sent meanwhile ran after this in the worker: the store belongs to it now.
    if (generation !== this.configurations) return;
    this.config = config;
    this.checkpoint = { step, weights };
    this.trainRunId = this.nextRunId++;
    this.store.setState({ config, step, loss: Number.NaN, smoothedLoss: Number.NaN, stepsPerSecond: 0, lossHistory: [], bucketLoss: null, training: false, samples: null, status: 'ready' });
  }

  exportWeights(): Promise<{ step: number; weights: NamedWeight[] }> {
    return this.request({ type: 'exportWeights' });
  }

  /** Chapter-7 lab: starts training an experiment's models (until labPause), or trains exactly `steps`. */
  labTrain(experiment: LabExperiment, steps?: number): Promise<unknown> {
    return this.labRequest({ experiment, action: 'train', ...(steps !== undefined ? { steps } : {}) });
  }

  labPause(experiment: LabExperiment): Promise<unknown> {
    return this.labRequest({ experiment, action: 'pause' });
  }

  /** Throws the experiment's own model away; the next train or sample starts a fresh one. */
  async labReset(experiment: LabExperiment): Promise<void> {
    await this.labRequest({ experiment, action: 'reset' });
    clearLabModel(this.lab, experiment);
  }

  /** Samples a lab model. Resolves null if a newer sample of the same experiment took over. */
  async labSample(experiment: LabExperiment, options: { n: number; seed: number; classLabel?: number; w?: number }): Promise<LabSampleResult | null> {
    const runId = this.nextRunId++;
    this.labSampleRuns.set(experiment, runId);
    this.lab.setState({ sampling: { ...this.lab.getState().sampling, [experiment]: 0 } });
    try {
      const result = await this.request<LabSampleResult>({ type: 'lab', runId, experiment, action: 'sample', ...options });
      return result.cancelled || this.labSampleRuns.get(experiment) !== runId ? null : result;
    } finally {
      if (this.labSampleRuns.get(experiment) === runId) {
        const { [experiment]: _done, ...rest } = this.lab.getState().sampling;
        this.lab.setState({ sampling: rest });
      }
    }
  }

  private labRequest(body: Omit<LabRequest, 'type' | 'id' | 'runId'>): Promise<unknown> {
    return this.request({ type: 'lab', runId: this.nextRunId++, ...body });
  }

  /** For tests and the "simulate a crash" control: kills the worker without telling anyone. */
  killWorker(): void {
    this.worker.terminate();
  }

  /** True if an event belongs to the current run of its kind (stale runs are dropped). */
  isCurrent(event: WorkerEvent): boolean {
    switch (event.type) {
      case 'progress':
      case 'paused':
        return event.runId === this.trainRunId;
      case 'frames':
      case 'sampleProgress':
      case 'done':
        return event.runId === this.sampleRunId;
      default:
        return true;
    }
  }

  private receive(event: WorkerEvent): void {
    this.lastHeard = performance.now();
    if (!this.isCurrent(event)) return;
    switch (event.type) {
      case 'ready':
      case 'reply': {
        const p = this.pending.get(event.id);
        this.pending.delete(event.id);
        p?.resolve(event.type === 'ready' ? event.backend : event.value);
        return;
      }
      case 'error': {
        const p = event.id === null ? undefined : this.pending.get(event.id);
        if (p && event.id !== null) {
          this.pending.delete(event.id);
          p.reject(Object.assign(new Error(event.message), { field: event.field }));
        } else {
          this.store.setState({ notice: { kind: 'error', text: event.message } });
        }
        return;
      }
      case 'progress': {
        const history = this.store.getState().lossHistory;
        // Keep the curve at most ~500 points: drop every other point when it grows past that.
        const kept = history.length >= 500 ? history.filter((_, k) => k % 2 === 0) : history;
        this.store.setState({
          step: event.step, loss: event.loss, smoothedLoss: event.smoothedLoss, stepsPerSecond: event.stepsPerSecond,
          numTensors: event.numTensors, bucketLoss: event.bucketLoss, lossHistory: [...kept, [event.step, event.smoothedLoss]], threads: event.threads,
        });
        return;
      }
      case 'paused':
        this.store.setState({ training: false, step: event.step, ...(event.message ? { notice: { kind: 'warning', text: event.message } } : {}) });
        return;
      case 'checkpoint':
        this.checkpoint = { step: event.step, weights: event.weights };
        if (this.config) this.onCheckpoint?.(event.step, event.weights, this.config);
        return;
      case 'frames': {
        const { nTrace, ts, points } = event;
        const last = ts.length - 1;
        this.store.setState({ traceFrame: { t: ts[last]!, points: points.subarray(last * nTrace * 2, (last + 1) * nTrace * 2) } });
        this.worker.postMessage({ type: 'ack', id: this.nextId++, runId: event.runId, chunk: event.chunk });
        return;
      }
      case 'elboProgress':
        this.progressListeners.get(event.id)?.(event.done, event.total);
        return;
      case 'sampleProgress':
        this.store.setState({ sampleProgress: event.done / event.total });
        return;
      case 'done':
        this.store.setState({ samples: event.points, sampling: false });
        this.sampleDone?.(event.points);
        this.sampleDone = null;
        return;
      case 'labProgress':
        recordLabProgress(this.lab, event.model, event.step, event.loss, event.stepsPerSecond);
        return;
      case 'labState':
        this.lab.setState({ running: event.running, ...(event.message ? { message: event.message } : {}) });
        return;
      case 'labSampleProgress':
        if (this.labSampleRuns.get(event.experiment) === event.runId) this.lab.setState({ sampling: { ...this.lab.getState().sampling, [event.experiment]: event.done / event.total } });
        return;
    }
  }

  private startWatchdog(): void {
    this.lastHeard = performance.now();
    if (this.watchdog) return;
    this.watchdog = setInterval(() => {
      const { training, sampling } = this.store.getState();
      if (!training && !sampling) return;
      if (performance.now() - this.lastHeard > WATCHDOG_MS) void this.recover('the engine worker stopped responding');
    }, 1000);
  }

  /** Replaces a dead worker, restores the last checkpoint, and resumes training if it was running. */
  private async recover(why: string): Promise<void> {
    if (this.restarting) return;
    this.restarting = true;
    const wasTraining = this.store.getState().training;
    const lostFrom = this.checkpoint?.step ?? 0;
    const lostTo = this.store.getState().step;
    try {
      this.worker.terminate();
      for (const p of this.pending.values()) p.reject(new Error(why));
      this.pending.clear();
      this.sampleDone?.(null);
      this.sampleDone = null;
      const current = this.store.getState().backend?.name;
      if (current) this.failures.push(current);
      // The same backend twice in a row: move on to the next one that has not failed.
      if (current && this.failures.filter((b) => b === current).length >= 2) {
        this.backend = BACKENDS.find((b) => !this.failures.includes(b)) ?? 'cpu';
      }
      this.spawn();
      // The lab models lived in the old worker; their widgets start again from scratch.
      this.labSampleRuns.clear();
      this.lab.setState({ ...initialLabState(), message: 'The engine worker was replaced, so the lab models start again from scratch.' });
      const report = await this.request<BackendReport>({ type: 'init', backend: this.backend });
      this.store.setState({ backend: report, sampling: false });
      if (this.config) await this.request({ type: 'configure', config: this.config });
      if (this.checkpoint) await this.request({ type: 'importWeights', weights: this.checkpoint.weights, step: this.checkpoint.step });
      const lost = Math.max(0, lostTo - lostFrom);
      this.store.setState({
        step: this.checkpoint?.step ?? 0,
        notice: { kind: 'warning', text: `${why[0]!.toUpperCase()}${why.slice(1)}; a new one took over from the checkpoint at step ${lostFrom}, losing ${lost} steps.` },
      });
      if (wasTraining) await this.train(true);
    } finally {
      this.restarting = false;
    }
  }

  dispose(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.worker.terminate();
    this.store.setState(initialRunState);
  }
}
