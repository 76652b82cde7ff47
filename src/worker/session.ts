/**
 * One engine session inside the worker: the dataset, schedule, model and trainer for the current
 * settings, the training loop, checkpoints with roll-back, and streamed sampling. It talks to the
 * outside only through the `post` function it is given, so it knows nothing of postMessage.
 */
import * as tf from '@tensorflow/tfjs';
import { fromUserPoints, makeDataset } from '../engine/datasets';
import { makeRng } from '../engine/rng';
import { makeSchedule, type Schedule } from '../engine/schedule';
import { forwardStep } from '../engine/forward';
import { elboTerms } from '../engine/elbo';
import { Denoiser, resolveDenoiserConfig, sample, Trainer, type NamedWeight } from '../engine/tf';
import { clampToT, type SampleRequestOptions, type SessionConfig, type SessionDescription, type WorkerEvent } from './protocol';
import { FrameStreamer } from './frameStreamer';
import { yieldToEvents } from './yieldToEvents';

export type Post = (event: WorkerEvent, transfer?: Transferable[]) => void;

const CHECKPOINT_EVERY = 250;
const PROGRESS_EVERY_MS = 100;
const CHUNK_MS = 40;
/** ε-prediction MSE starts near 1; a loss this large means training has diverged even if still finite. */
const DIVERGED_LOSS = 1e4; // train this long between yields, so pause requests are handled promptly

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** How often a training loop that waits for a sampler looks again. */
const SAMPLING_PRIORITY_WAIT_MS = 20;

interface Built {
  config: SessionConfig;
  schedule: Schedule;
  data: Float32Array;
  model: Denoiser;
  trainer: Trainer;
}

/**
 * A forward pass of a loaded model (its raw and its averaged weights) on a few training points at
 * the first, middle and last timestep: finite weights can still be so large (all 1e30) that every
 * prediction overflows, and such a model must be refused, not sampled.
 */
async function checkForwardPass(built: Built): Promise<void> {
  const n = Math.min(64, built.data.length / 2);
  const x = built.data.slice(0, 2 * n);
  const T = built.schedule.T;
  for (const net of new Set([built.model, built.trainer.sampler])) {
    for (const i of [0, Math.floor(T / 2), T - 1]) {
      const eps = await net.predictEpsArray(x, i, built.schedule);
      if (!eps.every(Number.isFinite)) {
        throw Object.assign(new Error(`its weights give predictions that are not finite numbers (at t = ${i + 1}); the model cannot be used`), { param: 'weights' });
      }
    }
  }
}

export class Session {
  private built: Built | null = null;
  private stepOffset = 0;
  private running = false;
  private trainRunId = 0;
  private checkpoint: { step: number; weights: NamedWeight[] } | null = null;
  private smoothed = Number.NaN;
  /** Samples and ELBO computations in progress: the training loop waits while any is active (see `loop`). */
  private activeEvaluations = 0;
  private readonly streamer: FrameStreamer;
  /** The options of the last sample run, as run (for `describe`). */
  private lastSampling: SampleRequestOptions | null = null;

  constructor(private readonly post: Post) {
    this.streamer = new FrameStreamer(post);
  }

  get step(): number {
    return this.stepOffset + (this.built?.trainer.stepCount ?? 0);
  }

  /** Builds dataset, schedule, model and trainer for `config`, replacing any previous session. */
  configure(config: SessionConfig): { nPoints: number; T: number } {
    const built = this.build(config);
    this.swapIn(built);
    return { nPoints: built.data.length / 2, T: config.T };
  }

  /** Everything a session needs for `config`, built beside the current one (nothing is replaced). */
  private build(config: SessionConfig): Built {
    const data = config.dataset === 'custom' ? fromUserPoints(config.points ?? new Float32Array(0)).points : makeDataset(config.dataset, config.nPoints, config.seed).points;
    const schedule = makeSchedule({ kind: config.schedule, T: config.T });
    const modelConfig = resolveDenoiserConfig({ dim: 2, T: config.T, width: config.width, depth: config.depth, timeEmbedDim: config.timeEmbedDim, inputEmbedDim: config.inputEmbedDim, prediction: config.prediction });
    const model = new Denoiser(modelConfig, config.seed);
    return { config, schedule, data, model, trainer: this.makeTrainer(model, schedule, data, config, config.seed) };
  }

  private swapIn(built: Built): void {
    this.dispose();
    this.built = built;
    this.stepOffset = 0;
    this.checkpoint = null;
    this.smoothed = Number.NaN;
  }

  /**
   * A saved model (pretrained, from this browser's storage, or a file the reader chose): builds a
   * session for its settings and loads its weights there first, so weights that do not fit (a
   * wrong shape, a wrong count) throw with the current model untouched.
   */
  async importModel(config: SessionConfig, weights: NamedWeight[], step: number): Promise<{ step: number }> {
    const built = this.build(config);
    const half = built.model.variables.length;
    try {
      if (weights.length !== half && weights.length !== 2 * half) {
        throw Object.assign(new Error(`the file has ${weights.length} weight arrays; a ${config.depth}-layer network of width ${config.width} has ${half}`), { param: 'weights' });
      }
      built.model.setWeights(weights.slice(0, half));
      built.trainer.ema?.setWeights(weights.length === 2 * half ? weights.slice(half) : weights);
      await checkForwardPass(built);
    } catch (e) {
      built.trainer.dispose();
      built.model.dispose();
      throw Object.assign(e instanceof Error ? e : new Error(String(e)), { param: 'weights' });
    }
    this.swapIn(built);
    this.restore(weights, step);
    return { step: this.step };
  }

  private makeTrainer(model: Denoiser, schedule: Schedule, data: Float32Array, config: SessionConfig, seed: number): Trainer {
    return new Trainer(model, schedule, data, { learningRate: config.learningRate, batchSize: config.batchSize, optimizer: config.optimizer, emaDecay: config.emaDecay, seed });
  }

  private requireBuilt(): Built {
    if (!this.built) throw new Error('configure the session first');
    return this.built;
  }

  /** Starts the training loop (until paused) under `runId`. */
  start(runId: number): void {
    this.requireBuilt();
    this.trainRunId = runId;
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  pause(): void {
    if (!this.running) return;
    this.running = false;
    this.post({ type: 'paused', runId: this.trainRunId, step: this.step, reason: 'user' });
  }

  /** Trains exactly `n` steps, then reports progress. */
  async stepN(runId: number, n: number): Promise<void> {
    this.trainRunId = runId;
    const { trainer } = this.requireBuilt();
    let left = n;
    while (left > 0) {
      const k = Math.min(left, 25);
      trainer.train(k);
      left -= k;
      if (!(await this.report(0, false))) return;
      await yieldToEvents();
    }
  }

  private async loop(): Promise<void> {
    let lastReport = performance.now();
    let stepsSinceReport = 0;
    let chunk = 1;
    while (this.running && this.built) {
      if (this.activeEvaluations > 0) {
        // A reader waiting for samples comes first: training resumes when the sampler is done,
        // so a streamed trajectory takes the sampler's time, not twice that.
        await sleep(SAMPLING_PRIORITY_WAIT_MS);
        lastReport = performance.now();
        stepsSinceReport = 0;
        continue;
      }
      const start = performance.now();
      this.built.trainer.train(chunk);
      stepsSinceReport += chunk;
      const elapsed = performance.now() - start;
      // Size the next chunk so it takes about CHUNK_MS.
      chunk = Math.max(1, Math.min(200, Math.round((chunk * CHUNK_MS) / Math.max(1, elapsed))));
      const now = performance.now();
      if (now - lastReport >= PROGRESS_EVERY_MS) {
        const rate = (stepsSinceReport * 1000) / (now - lastReport);
        lastReport = now;
        stepsSinceReport = 0;
        if (!(await this.report(rate, true))) return;
      }
      await yieldToEvents();
    }
  }

  /** Reads the loss, posts progress, and handles a non-finite loss. Returns false if training must stop. */
  private async report(stepsPerSecond: number, running: boolean): Promise<boolean> {
    const built = this.built;
    if (!built) return false;
    const stats = await built.trainer.readStats();
    if (!Number.isFinite(stats.loss) || stats.loss > DIVERGED_LOSS) {
      this.rollBack(stats.loss);
      return false;
    }
    this.smoothed = Number.isNaN(this.smoothed) ? stats.loss : 0.9 * this.smoothed + 0.1 * stats.loss;
    this.post({ type: 'progress', runId: this.trainRunId, step: this.step, loss: stats.loss, smoothedLoss: this.smoothed, stepsPerSecond, bucketLoss: stats.bucketLoss, numTensors: tf.memory().numTensors, running, threads: built.trainer.threads }, [stats.bucketLoss.buffer]);
    if (!this.checkpoint || this.step - this.checkpoint.step >= CHECKPOINT_EVERY) await this.saveCheckpoint();
    return true;
  }

  private async saveCheckpoint(): Promise<void> {
    const built = this.requireBuilt();
    const weights = await built.trainer.sampler.getWeights();
    const raw = await built.model.getWeights();
    this.checkpoint = { step: this.step, weights: [...raw, ...weights] };
    // The page keeps a copy so a new worker can resume from it after a crash.
    const copy = this.checkpoint.weights.map((w) => ({ ...w, values: Float32Array.from(w.values) }));
    this.post({ type: 'checkpoint', step: this.step, weights: copy }, copy.map((w) => w.values.buffer));
  }

  /** A non-finite or exploding loss: stop, restore the last finite weights with a fresh optimizer, and say so. */
  private rollBack(loss: number): void {
    const built = this.requireBuilt();
    this.running = false;
    const failedAt = this.step;
    const target = this.checkpoint;
    if (target) this.restore(target.weights, target.step);
    else this.configure(built.config);
    const lr = built.config.learningRate;
    this.post({
      type: 'paused', runId: this.trainRunId, step: this.step, reason: 'nonFinite', rolledBackTo: this.step,
      message: `Training diverged at step ${failedAt} (loss ${Number.isFinite(loss) ? loss.toExponential(1) : loss}), so it paused by itself and the weights went back to step ${this.step}. The learning rate ${lr} is probably too large: try ${Math.max(1e-5, lr / 10)}.`,
    });
  }

  /** Loads weights saved by a checkpoint (model weights, then the averaged ones) at `step`. */
  restore(weights: NamedWeight[], step: number): void {
    const built = this.requireBuilt();
    const half = built.model.variables.length;
    const raw = weights.slice(0, half);
    const averaged = weights.length === 2 * half ? weights.slice(half) : raw;
    built.model.setWeights(raw);
    built.trainer.dispose();
    built.trainer = this.makeTrainer(built.model, built.schedule, built.data, built.config, built.config.seed + step);
    built.trainer.ema?.setWeights(averaged);
    this.stepOffset = step;
    this.checkpoint = { step, weights };
  }

  async exportWeights(): Promise<{ step: number; weights: NamedWeight[] }> {
    const built = this.requireBuilt();
    return { step: this.step, weights: [...(await built.model.getWeights()), ...(await built.trainer.sampler.getWeights())] };
  }

  /** Samples with the averaged weights and streams the traced paths in chunks; training waits meanwhile. */
  async sample(runId: number, options: SampleRequestOptions): Promise<void> {
    const built = this.requireBuilt();
    options = clampToT(options, built.config.T);
    this.lastSampling = { ...options, trace: [...options.trace] };
    this.activeEvaluations++;
    try {
      await this.sampleStreamed(built, runId, options);
    } finally {
      this.activeEvaluations--;
    }
  }

  private async sampleStreamed(built: Built, runId: number, options: SampleRequestOptions): Promise<void> {
    const stream = this.streamer.begin(runId, options.trace.length);
    let lastProgress = performance.now();
    const onStep = async (done: number, total: number): Promise<void> => {
      if (performance.now() - lastProgress < PROGRESS_EVERY_MS && done < total) return;
      lastProgress = performance.now();
      this.post({ type: 'sampleProgress', runId, done, total });
      await yieldToEvents(); // let acknowledgements, pauses and newer requests in
    };
    const result = await sample(built.trainer.sampler, built.schedule, {
      method: options.method, n: options.n, steps: options.steps, eta: options.eta, variance: options.variance, spacing: options.spacing, seed: options.seed,
      ...(options.stopAt !== undefined ? { stopAt: options.stopAt } : {}),
      ...(options.trace.length > 0 ? { trace: { indices: options.trace, every: options.traceEvery }, onFrame: (f) => stream.push(f.t, f.points) } : {}),
      onStep,
      isCancelled: () => this.streamer.current !== runId,
    });
    await stream.end();
    this.post({ type: 'done', runId, points: result.points, cancelled: result.cancelled }, [result.points.buffer]);
  }

  acknowledge(runId: number, chunk: number): void {
    this.streamer.acknowledge(runId, chunk);
  }

  /** Forward trajectories of `n` data points, every `every` steps of the chain (eq. 3.1). */
  forward(n: number, every: number, seed: number): { ts: Int32Array; points: Float32Array } {
    const { data, schedule } = this.requireBuilt();
    const rng = makeRng(seed);
    let x: Float32Array = Float32Array.from({ length: 2 * n }, (_, k) => data[(Math.floor(k / 2) % (data.length / 2)) * 2 + (k % 2)]!);
    const frames: Float32Array[] = [x];
    const ts = [0];
    for (let i = 0; i < schedule.T; i++) {
      x = forwardStep(x, rng.normals(2 * n), i, schedule);
      if ((i + 1) % every === 0 || i === schedule.T - 1) {
        frames.push(x);
        ts.push(i + 1);
      }
    }
    const points = new Float32Array(frames.length * 2 * n);
    frames.forEach((f, k) => points.set(f, k * 2 * n));
    return { ts: Int32Array.from(ts), points };
  }

  /** ε̂(x, t) of the sampling network for 2D points at timestep index i (for the vector-field widgets). */
  async predict(points: Float32Array, i: number): Promise<Float32Array> {
    const { schedule, trainer } = this.requireBuilt();
    if (i >= schedule.T) throw Object.assign(new Error(`predict: i must be below T = ${schedule.T}`), { param: 'i' });
    if (points.length % 2 !== 0) throw Object.assign(new Error('predict: points must hold (x, y) pairs'), { param: 'points' });
    return trainer.sampler.predictEpsArray(points, i, schedule);
  }

  /**
   * The −ELBO terms (eq. 5.5) on `n` training points: T network evaluations, so like a sample it
   * reports progress every ~100 ms (the client's watchdog hears it), yields to requests, and
   * training waits until it is done.
   */
  async elbo(id: number, n: number, seed: number): Promise<{ prior: number; stepKl: Float64Array; decoder: number; total: number }> {
    const { data, schedule, trainer } = this.requireBuilt();
    const x0 = data.slice(0, 2 * Math.min(n, data.length / 2));
    let lastProgress = performance.now();
    const onProgress = async (done: number, total: number): Promise<void> => {
      if (performance.now() - lastProgress < PROGRESS_EVERY_MS || done === total) return;
      lastProgress = performance.now();
      this.post({ type: 'elboProgress', id, done, total });
      await yieldToEvents();
    };
    this.activeEvaluations++;
    try {
      const terms = await elboTerms({ x0, dim: 2, schedule, epsFn: (xt, i) => trainer.sampler.predictEpsArray(xt, i, schedule), rng: makeRng(seed), variance: 'beta', onProgress });
      return { prior: terms.prior, stepKl: terms.stepKl, decoder: terms.decoder, total: terms.total };
    } finally {
      this.activeEvaluations--;
    }
  }

  /** What this session runs: its configuration without the points, the last sample's options, and the training step. */
  describe(): SessionDescription {
    const { points: _points, ...config } = this.requireBuilt().config;
    return { config, lastSampling: this.lastSampling, step: this.step };
  }

  /** Frees every tensor the session holds. */
  dispose(): void {
    this.running = false;
    if (this.built) {
      this.built.trainer.dispose();
      this.built.model.dispose();
      this.built = null;
    }
  }
}
