/**
 * The page's typed API to the engine worker: promises for requests, run ids for long operations
 * (frames from a superseded run are dropped), and recovery. A heartbeat notices a worker that
 * died or stopped talking, busy or idle; then every request waiting on it is rejected with a
 * message that says so, a new worker starts on a backend that passed the start-up measurement
 * (the same one, or after it crashed twice the next fastest measured), the last checkpoint is
 * restored and training carries on. Requests made meanwhile wait for the new worker. When no
 * measured backend works any more the page says so and offers a reload, and nothing shows
 * "training". Everything it learns goes into the run store.
 */
import type { NamedWeight } from '../engine/tf';
import { freshFixedModels, freshModelProgress, patchModel, recordModelProgress, setModelsTraining } from '../state/modelProgress';
import { initialRunState, type RunStore } from '../state/runStore';
import { LATENT_MODEL, type FixedModelId, type ImageModelId, type LabModelId, type LatentModelId, type ModelId, type VideoModelId } from '../engine/modelIds';
import type { LatentDim } from '../engine/latent/latentDims';
import type { LatentOverview, LatentSampleOptions, LatentSampleResult } from '../worker/protocol';
import type { ImageLikelihoodResult, ImageModelStatus, ImageSampleOptions, ImageSampleResult, LabSampleResult, MainDescription, TrainStepsReply, SampleOptionsByModel, SampleRequest, UpsampleResult, VideoSampleOptions, VideoSampleResult } from '../worker/protocol';
import { clampToT, type BackendName, type BackendReport, type Request, type SampleRequestOptions, type SessionConfig, type WorkerEvent } from '../worker/protocol';
import { validateRequest } from '../worker/validateRequest';

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

/**
 * How the client listens for a dead worker: after `heartbeatMs` without a word it sends a ping
 * (the worker answers between training chunks and sampler steps, every ~100 ms even when busy);
 * no word for `watchdogMs` after a ping means the worker is gone. Tests shorten them.
 */
export interface HeartbeatTiming {
  heartbeatMs: number;
  watchdogMs: number;
  tickMs: number;
}
const DEFAULT_TIMING: HeartbeatTiming = { heartbeatMs: 2000, watchdogMs: 15000, tickMs: 1000 };
/** A backend that crashed this many times without reaching a new checkpoint in between is not used again. */
const MAX_CRASHES = 2;

/** The state fields configure() replaces, to put back when the worker refuses the new configuration. */
const SESSION_FIELDS = ['config', 'step', 'loss', 'smoothedLoss', 'stepsPerSecond', 'lossHistory', 'bucketLoss', 'training', 'samples', 'modelSource', 'modelLoading', 'status'] as const;

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
  /** The start-up report: which backends passed the probe and how fast each was. Recovery picks only among these. */
  private probe: BackendReport | null = null;
  /** Crashes per backend since it last reached a checkpoint. */
  private readonly crashes = new Map<BackendName, number>();
  /** Backends that would not start again after a crash, with the error. */
  private readonly dead = new Map<BackendName, string>();
  private lastHeard = 0;
  private pingSentAt: number | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  /** Set while a dead worker is being replaced; requests made meanwhile wait for it. */
  private recovery: Promise<void> | null = null;
  /** Set once no backend works any more: every request is refused with it. */
  private failure: string | null = null;
  private disposed = false;
  private readonly timing: HeartbeatTiming;
  /** The latest sample run per fixed-recipe model: its progress is the one shown. */
  private readonly modelSampleRuns = new Map<FixedModelId, number>();
  /** The current sample run per model and owner (an older one's reply resolves null). */
  private readonly ownerSampleRuns = new Map<string, number>();
  private configurations = 0;
  /** Told about every checkpoint the worker sends (the page keeps a copy in IndexedDB). */
  onCheckpoint: ((step: number, weights: NamedWeight[], config: SessionConfig) => void) | null = null;

  constructor(private readonly createWorker: () => WorkerLike, private readonly store: RunStore, backend: BackendName | 'auto', timing: Partial<HeartbeatTiming> = {}) {
    this.backend = backend;
    this.timing = { ...DEFAULT_TIMING, ...timing };
  }

  /** Starts the worker and its backend; from then on a heartbeat watches it. */
  async start(): Promise<BackendReport> {
    this.spawn();
    const report = await this.send<BackendReport>(initRequest(this.backend));
    this.probe = report;
    this.store.setState({ backend: report });
    this.startHeartbeat();
    return report;
  }

  private spawn(): void {
    const worker = this.createWorker();
    this.worker = worker;
    worker.onmessage = (e) => {
      if (worker === this.worker) this.receive(e.data as WorkerEvent);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      if (worker !== this.worker) return;
      const why = `the engine worker crashed (${e.message || 'no message'})`;
      // A worker that crashes while it is being started lets the recovery move on at once.
      if (this.recovery) this.rejectPending(new Error(why));
      else this.recover(why);
    };
  }

  /** Sends a request once the engine can take it: after a recovery under way, never to a worker known dead. */
  private request<T>(body: Body<Request>, transfer: Transferable[] = [], onProgress?: (done: number, total: number) => void): Promise<T> {
    if (this.failure) return Promise.reject(new Error(this.failure));
    if (this.recovery) return this.recovery.then(() => this.request<T>(body, transfer, onProgress));
    return this.send<T>(body, transfer, onProgress);
  }

  private send<T>(body: Body<Request>, transfer: Transferable[] = [], onProgress?: (done: number, total: number) => void): Promise<T> {
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

  /**
   * Builds a fresh session for `config`; `modelLoading` tells the page that weights for it are on
   * their way. A configuration the worker would refuse is refused here first, with nothing changed;
   * if the worker refuses it anyway, the page goes back to describing the session that still runs.
   */
  async configure(config: SessionConfig, modelLoading = false): Promise<void> {
    refuseInvalid('configure', config);
    const generation = ++this.configurations;
    const before = { config: this.config, checkpoint: this.checkpoint, trainRunId: this.trainRunId, state: pick(this.store.getState(), SESSION_FIELDS) };
    this.config = config;
    this.checkpoint = null;
    this.trainRunId = this.nextRunId++;
    this.store.setState({ config, step: 0, loss: Number.NaN, smoothedLoss: Number.NaN, stepsPerSecond: 0, lossHistory: [], bucketLoss: null, training: false, samples: null, modelSource: { kind: 'scratch', step: 0 }, modelLoading });
    try {
      await this.request({ type: 'configure', config });
    } catch (e) {
      if (generation === this.configurations && !this.recovery && !this.failure) {
        // The worker kept its session: the page describes that one again.
        this.config = before.config;
        this.checkpoint = before.checkpoint;
        this.trainRunId = before.trainRunId;
        this.store.setState({ ...before.state, notice: { kind: 'error', text: `The engine refused the new settings and kept the model it had: ${messageOf(e)}` } });
      }
      throw e;
    }
    this.store.setState({ status: 'ready' }); // a configured session answers every request
  }

  /** Starts training; a new run clears the previous notice unless `keepNotice` (used when resuming after a crash). */
  async train(keepNotice = false): Promise<unknown> {
    const runId = (this.trainRunId = this.nextRunId++);
    this.store.setState(keepNotice ? { training: true } : { training: true, notice: null });
    this.lastHeard = performance.now();
    try {
      return await this.request({ type: 'train', runId, model: 'main', action: 'start' });
    } catch (e) {
      // Nothing trains: the page must not say it does (a recovery resumes training itself).
      if (this.trainRunId === runId && !this.recovery) this.store.setState({ training: false });
      throw e;
    }
  }

  pause(): Promise<unknown> {
    this.store.setState({ training: false });
    return this.request({ type: 'train', runId: this.trainRunId, model: 'main', action: 'pause' });
  }

  step(n: number): Promise<unknown> {
    this.trainRunId = this.nextRunId++;
    return this.request({ type: 'train', runId: this.trainRunId, model: 'main', action: 'step', steps: n });
  }

  /**
   * Samples; traced frames stream into the store as they come. Resolves with the points, or null
   * if superseded or the sampler failed (the notice says why). Steps beyond T are clamped to T.
   */
  async sample(options: SampleRequestOptions): Promise<Float32Array | null> {
    this.sampleDone?.(null);
    const runId = this.nextRunId++;
    this.sampleRunId = runId;
    const T = this.config?.T;
    this.store.setState({ sampling: true, traceFrame: null, sampleProgress: 0 });
    this.lastHeard = performance.now();
    const done = new Promise<Float32Array | null>((resolve) => (this.sampleDone = resolve));
    try {
      await this.request({ type: 'sample', runId, model: 'main', options: T ? clampToT(options, T) : options });
    } catch (e) {
      if (this.sampleRunId === runId) {
        this.sampleDone = null;
        this.store.setState({ sampling: false });
      }
      throw e;
    }
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
   * "How likely is this image?": drawn 8×8 digits (m × 64 in [−1, 1], on the 17 grey levels) scored by
   * the image model: −ELBO in bits/dim and the anomaly score per image, beside ~100 held-out digits'.
   * T network evaluations per batch (training waits in the worker); `onProgress(done, total)` meanwhile.
   * The images are copied, so the caller keeps its array.
   */
  imageLikelihood(images: Float32Array, seed: number, onProgress?: (done: number, total: number) => void): Promise<ImageLikelihoodResult> {
    const copy = Float32Array.from(images);
    return this.request({ type: 'imageLikelihood', images: copy, seed }, [copy.buffer], onProgress);
  }

  /** Issue 15's upsampler: k 8×8 completions of the 4×4 image `cond` (copied) from `seed`; a newer call of the same owner cancels this one. */
  upsample(cond: Float32Array, k: number, seed: number, owner: string): Promise<UpsampleResult> {
    return this.request({ type: 'upsample', options: { cond: Float32Array.from(cond), k, seed, owner } });
  }

  /**
   * Replaces the session with a saved model (its settings and weights). Rejects, leaving the
   * current model as it was, if the weights do not fit the settings.
   */
  async importModel(config: SessionConfig, weights: NamedWeight[], step: number): Promise<void> {
    refuseInvalid('importModel', config);
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

  /**
   * Trains `model` until paused, or exactly `steps` of it (the main model: as train() and step()).
   * A fixed-recipe model's reply is the step count of each model of its kind built so far (the image
   * model: { images }; the lab models: each lab model's); the image model's first request waits for its data.
   */
  trainModel(model: 'main', steps?: number): Promise<unknown>;
  trainModel(model: FixedModelId, steps?: number): Promise<TrainStepsReply>;
  trainModel(model: ModelId, steps?: number): Promise<unknown>;
  trainModel(model: ModelId, steps?: number): Promise<unknown> {
    if (model === 'main') return steps === undefined ? this.train() : this.step(steps);
    return this.request({ type: 'train', runId: this.nextRunId++, model, action: steps === undefined ? 'start' : 'step', ...(steps !== undefined ? { steps } : {}) });
  }

  pauseModel(model: 'main'): Promise<unknown>;
  pauseModel(model: FixedModelId): Promise<TrainStepsReply>;
  pauseModel(model: ModelId): Promise<unknown>;
  pauseModel(model: ModelId): Promise<unknown> {
    if (model === 'main') return this.pause();
    return this.request({ type: 'train', runId: this.nextRunId++, model, action: 'pause' });
  }

  /** Throws a lab or image model away; the next train or sample starts a fresh one. */
  async resetModel(model: FixedModelId): Promise<void> {
    await this.request({ type: 'reset', model });
    patchModel(this.store, model, { ...freshModelProgress, training: false });
  }

  /**
   * Starts the image model afresh: from the pretrained default ("Back to pretrained") or from random
   * weights ("Train from scratch"); the steps trained here are dropped. The store hears of it (modelOrigin).
   */
  async startImageModel(from: 'pretrained' | 'scratch', model: ImageModelId = 'images'): Promise<ImageModelStatus> {
    return this.request({ type: 'imageModelStart', from, model });
  }

  /** Starts a video model afresh: from its pretrained default, or untrained (to train here); steps trained here are dropped. */
  startVideoModel(from: 'pretrained' | 'scratch', model: VideoModelId): Promise<ImageModelStatus> {
    return this.request({ type: 'videoModelStart', from, model });
  }

  /** Starts the upsampler afresh: from its shipped weights, or untrained (to train here); steps trained here are dropped. */
  startUpsampler(from: 'pretrained' | 'scratch'): Promise<ImageModelStatus> {
    return this.request({ type: 'upsampleStart', from });
  }

  /** The image model as a model file (float32 weights) and its step, for download. */
  exportImageModel(model: ImageModelId = 'images'): Promise<{ bytes: Uint8Array; step: number }> {
    return this.request({ type: 'imageModelExport', model });
  }

  /**
   * Loads a model file into the image model; rejects with the worker's reason (a 2D model, another
   * image size or network, a corrupt file) and the current model kept. `bytes` is copied.
   */
  loadImageModel(bytes: ArrayBuffer, name: string, model: ImageModelId = 'images'): Promise<ImageModelStatus> {
    const copy = bytes.slice(0);
    return this.request({ type: 'imageModelLoad', bytes: copy, name: name.slice(0, 255), model }, [copy]);
  }

  /**
   * Samples a model: the main one as sample() does; a lab model answers with its samples, the image
   * model with its images (and their score if asked), or null if a newer sample of the same model took
   * over (for the image model: of the same `owner`, so widgets sharing it do not cancel each other).
   */
  sampleModel(model: 'main', options: SampleRequestOptions): Promise<Float32Array | null>;
  sampleModel(model: ImageModelId, options: ImageSampleOptions): Promise<ImageSampleResult | null>;
  sampleModel(model: VideoModelId, options: VideoSampleOptions): Promise<VideoSampleResult | null>;
  sampleModel(model: LatentModelId, options: LatentSampleOptions): Promise<LatentSampleResult | null>;
  sampleModel<M extends LabModelId>(model: M, options: SampleOptionsByModel[M]): Promise<LabSampleResult | null>;
  async sampleModel(model: ModelId, options: SampleOptionsByModel[ModelId]): Promise<Float32Array | LabSampleResult | ImageSampleResult | VideoSampleResult | LatentSampleResult | null> {
    if (model === 'main') return this.sample(options as SampleRequestOptions);
    const runId = this.nextRunId++;
    const owner = `${model}/${(options as { owner?: string }).owner ?? ''}`;
    this.modelSampleRuns.set(model, runId);
    this.ownerSampleRuns.set(owner, runId);
    patchModel(this.store, model, { sampleProgress: 0 });
    try {
      const result = await this.request<LabSampleResult | ImageSampleResult | VideoSampleResult | LatentSampleResult>({ type: 'sample', runId, model, options } as Body<SampleRequest>);
      return result.cancelled || this.ownerSampleRuns.get(owner) !== runId ? null : result;
    } finally {
      if (this.modelSampleRuns.get(model) === runId) patchModel(this.store, model, { sampleProgress: null });
    }
  }

  /**
   * Latent diffusion with the autoencoder of latent size d: the training digits' standardised codes,
   * the autoencoder's reconstruction error, the latent DDPM's step (a new, untrained one when d
   * changes or `fresh`: its training progress is reset here too).
   */
  async startLatent(d: LatentDim, fresh = false): Promise<LatentOverview> {
    const overview = await this.request<LatentOverview>({ type: 'latentStart', d, fresh });
    if (overview.step === 0) patchModel(this.store, LATENT_MODEL, { ...freshModelProgress, training: false });
    return overview;
  }

  /** The main model's settings, the options of its last sample and its step, as the worker has them. */
  describe(): Promise<MainDescription> {
    return this.request({ type: 'describe' });
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
        return event.model !== 'main' || event.runId === this.trainRunId;
      case 'sampleProgress':
        return event.model === 'main' ? event.runId === this.sampleRunId : this.modelSampleRuns.get(event.model) === event.runId;
      case 'frames':
      case 'sampleFailed':
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
      case 'sampleFailed':
        // The sampler stopped part-way: nothing is sampling any more.
        this.store.setState({ sampling: false, notice: { kind: 'error', text: `Sampling failed: ${event.message}` } });
        this.sampleDone?.(null);
        this.sampleDone = null;
        return;
      case 'progress': {
        if (event.model !== 'main') {
          recordModelProgress(this.store, event.model, event.step, event.loss, event.stepsPerSecond);
          return;
        }
        const history = this.store.getState().lossHistory;
        // Keep the curve at most ~500 points: drop every other point when it grows past that.
        const kept = history.length >= 500 ? history.filter((_, k) => k % 2 === 0) : history;
        this.store.setState({
          step: event.step, loss: event.loss, smoothedLoss: event.smoothedLoss, stepsPerSecond: event.stepsPerSecond,
          numTensors: event.numTensors, bucketLoss: event.bucketLoss ?? null, lossHistory: [...kept, [event.step, event.smoothedLoss]], threads: event.threads,
        });
        return;
      }
      case 'paused':
        if (event.model !== 'main') {
          patchModel(this.store, event.model, { training: false, step: event.step });
          if (event.message) this.store.setState({ modelMessage: event.message });
          return;
        }
        this.store.setState({ training: false, step: event.step, ...(event.message ? { notice: { kind: 'warning', text: event.message } } : {}) });
        return;
      case 'checkpoint':
        this.checkpoint = { step: event.step, weights: event.weights };
        // A backend that trains on to a new checkpoint has earned its crashes back.
        if (this.store.getState().backend) this.crashes.delete(this.store.getState().backend!.name);
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
        if (event.model === 'main') this.store.setState({ sampleProgress: event.done / event.total });
        else patchModel(this.store, event.model, { sampleProgress: event.done / event.total });
        return;
      case 'modelOrigin':
        patchModel(this.store, event.model, { origin: event.origin, step: event.step, loss: Number.NaN, stepsPerSecond: 0, lossHistory: [] });
        return;
      case 'state':
        // The main model's `training` follows its own run (train, pause, paused); this is for the lab models.
        setModelsTraining(this.store, event.running);
        return;
      case 'done':
        this.store.setState({ samples: event.points, sampling: false });
        this.sampleDone?.(event.points);
        this.sampleDone = null;
        return;
    }
  }

  private startHeartbeat(): void {
    this.lastHeard = performance.now();
    this.pingSentAt = null;
    if (this.heartbeat || this.disposed) return;
    this.heartbeat = setInterval(() => this.beat(), this.timing.tickMs);
  }

  /** One heartbeat tick: ping a quiet worker; a ping unanswered for `watchdogMs` means it is gone. */
  private beat(): void {
    if (this.recovery || this.failure || this.disposed) return;
    const now = performance.now();
    if (this.pingSentAt !== null && this.lastHeard < this.pingSentAt) {
      if (now - this.pingSentAt > this.timing.watchdogMs) this.recover('the engine worker stopped responding');
      return;
    }
    if (now - this.lastHeard >= this.timing.heartbeatMs) {
      this.pingSentAt = now;
      this.worker.postMessage({ type: 'ping', id: this.nextId++ });
    }
  }

  private rejectPending(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.progressListeners.clear();
    for (const p of pending) p.reject(error);
  }

  /** Stops the current worker and everything waiting on it. */
  private abandon(why: string): void {
    this.worker.terminate();
    this.rejectPending(new Error(`${capitalise(why)}, so this request was dropped; a new engine worker takes over.`));
    this.sampleDone?.(null);
    this.sampleDone = null;
  }

  /** Backends to start a new worker on, best first: those that passed the start-up probe, in measured order, less those that failed since. */
  private candidates(): BackendName[] {
    const probe = this.probe;
    if (!probe) return [];
    const ranked = (Object.entries(probe.measured) as Array<[BackendName, number]>).sort((a, b) => b[1] - a[1]).map(([name]) => name);
    // A forced backend (?backend=…) is the only one probed.
    const passed = ranked.length > 0 ? ranked : [probe.name];
    return passed.filter((b) => !this.dead.has(b) && (this.crashes.get(b) ?? 0) < MAX_CRASHES);
  }

  /** Replaces a dead worker, restores the last checkpoint, and resumes training if it was running. Never throws. */
  private recover(why: string): void {
    if (this.recovery || this.failure || this.disposed) return;
    const s = this.store.getState();
    const wasTraining = s.training;
    const lostFrom = this.checkpoint?.step ?? 0;
    const lostTo = s.step;
    const crashed = s.backend?.name;
    if (crashed) this.crashes.set(crashed, (this.crashes.get(crashed) ?? 0) + 1);
    // Set first: anyone the state change below wakes up waits for the new worker.
    let release!: () => void;
    this.recovery = new Promise<void>((resolve) => (release = resolve));
    // Nothing trains or samples until a new worker runs, and the page says what is happening.
    this.store.setState({ status: 'starting', training: false, sampling: false, notice: { kind: 'warning', text: `${capitalise(why)}; starting a new one…` } });
    void this.replaceWorker(why, lostFrom, lostTo, crashed)
      .catch((e: unknown) => {
        this.giveUp(`${why}, and no new worker could be made (${messageOf(e)})`);
        return false;
      })
      .then((ok) => {
        this.recovery = null;
        release();
        if (ok && wasTraining) this.train(true).catch(() => {}); // a new failure is handled by the next recovery
      });
  }

  private async replaceWorker(why: string, lostFrom: number, lostTo: number, crashed: BackendName | undefined): Promise<boolean> {
    for (;;) {
      this.abandon(why);
      const next = this.candidates()[0];
      if (!next) {
        this.giveUp(why);
        return false;
      }
      this.spawn();
      // The lab and image models lived in the old worker: the lab models start again from scratch, the image model from its pretrained default.
      this.modelSampleRuns.clear();
      this.ownerSampleRuns.clear();
      this.store.setState({ models: freshFixedModels(), modelMessage: 'The engine worker was replaced, so the lab models start again from scratch and the digits model from its pretrained default (steps trained here are lost).' });
      try {
        const report = await this.withTimeout(this.send<BackendReport>(initRequest(next)), `backend ${next} did not start within ${this.timing.watchdogMs / 1000} s`);
        if (this.config) await this.withTimeout(this.send({ type: 'configure', config: this.config }), 'the new worker did not configure the session');
        if (this.checkpoint) await this.withTimeout(this.send({ type: 'importWeights', weights: this.checkpoint.weights, step: this.checkpoint.step }), 'the new worker did not load the checkpoint');
        const lost = Math.max(0, lostTo - lostFrom);
        const moved = crashed && next !== crashed ? ` on ${next} (${crashed} ${this.dead.has(crashed) ? 'would not start again' : 'failed twice'})` : '';
        this.store.setState({
          status: 'ready',
          backend: this.describeBackend(report, next, crashed),
          step: this.checkpoint?.step ?? 0,
          notice: { kind: 'warning', text: `${capitalise(why)}; a new one took over${moved} from the checkpoint at step ${lostFrom}, losing ${lost} steps.` },
        });
        this.startHeartbeat();
        return true;
      } catch (e) {
        this.dead.set(next, messageOf(e));
      }
    }
  }

  /** The report of a backend a recovery moved to, keeping what the start-up measurement found. */
  private describeBackend(report: BackendReport, name: BackendName, crashed: BackendName | undefined): BackendReport {
    const probe = this.probe!;
    const failed = { ...probe.failed, ...Object.fromEntries(this.dead) };
    if (name === probe.name) return { ...report, reason: probe.reason, measured: probe.measured, failed };
    const out = [...new Set([...[...this.crashes].filter(([, n]) => n >= MAX_CRASHES).map(([b]) => b), ...this.dead.keys()])];
    return { ...report, reason: `the next fastest in the start-up measurement, after ${out.join(' and ') || crashed || probe.name} failed`, measured: probe.measured, failed };
  }

  private giveUp(why: string): void {
    const tried = [
      ...[...this.crashes].filter(([, n]) => n >= MAX_CRASHES).map(([b, n]) => `${b} crashed ${n} times`),
      ...[...this.dead].map(([b, e]) => `${b} would not start (${e})`),
    ];
    this.failure = `The training engine stopped: ${why}, and no backend that worked here at start-up works any more${tried.length ? ` (${tried.join('; ')})` : ''}.`;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    setModelsTraining(this.store, []);
    this.modelSampleRuns.clear();
    this.ownerSampleRuns.clear();
    this.store.setState({ models: Object.fromEntries(Object.entries(this.store.getState().models).map(([m, p]) => [m, { ...p, sampleProgress: null }])) as typeof initialRunState.models });
    this.store.setState({ status: 'failed', training: false, sampling: false, notice: { kind: 'error', text: `${this.failure} Reload the page to start it again.`, action: 'reload' } });
  }

  private withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), this.timing.watchdogMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  dispose(): void {
    this.disposed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.worker.terminate();
    this.rejectPending(new Error('the engine was shut down'));
    this.store.setState(initialRunState);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function capitalise(text: string): string {
  return text ? `${text[0]!.toUpperCase()}${text.slice(1)}` : text;
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

/** Refuses, before anything changes, a session config the worker would refuse (the settings table's ranges). */
/** The init request: the backend, and where the site is (the worker fetches its data files against it, as savedModels.ts does `pretrained/`). */
function initRequest(backend: BackendName | 'auto'): Body<Request & { type: 'init' }> {
  return { type: 'init', backend, ...(typeof document !== 'undefined' ? { base: document.baseURI } : {}) };
}

function refuseInvalid(type: 'configure' | 'importModel', config: SessionConfig): void {
  const checked = validateRequest({ type: 'configure', id: 0, config });
  if (!checked.ok) throw Object.assign(new Error(checked.message.replace(/^configure: /, `${type}: `)), { field: checked.field });
}
