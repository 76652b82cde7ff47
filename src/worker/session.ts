/**
 * The main model inside the worker: the dataset, schedule, model and trainer for the reader's
 * settings, and what the page asks of them besides training (forward trajectories, the ELBO,
 * ε predictions, streamed sampling). It is the `main` model of the training loop, which trains it,
 * checkpoints it and rolls it back; it talks to the outside only through `post`.
 */
import { fromUserPoints, makeDataset } from '../engine/datasets';
import { makeRng } from '../engine/rng';
import { makeSchedule, type Schedule } from '../engine/schedule';
import { forwardStep } from '../engine/forward';
import { elboTerms } from '../engine/elbo';
import { Denoiser, resolveDenoiserConfig, sample, Trainer, type NamedWeight } from '../engine/tf';
import { clampToT, type MainDescription, type SampleRequestOptions, type SessionConfig } from './protocol';
import { FrameStreamer } from './frameStreamer';
import type { TrainableModel, TrainStatsLike } from './trainable';
import { PROGRESS_EVERY_MS, type Post, type TrainingLoop } from './trainingLoop';
import { yieldToEvents } from './yieldToEvents';

export type { Post } from './trainingLoop';

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

export class Session implements TrainableModel {
  private built: Built | null = null;
  private stepOffset = 0;
  /** The options of the last sample request, for `describe`. */
  private lastSampling: SampleRequestOptions | null = null;
  private readonly streamer: FrameStreamer;

  constructor(private readonly post: Post, private readonly loop: TrainingLoop) {
    this.streamer = new FrameStreamer(post);
  }

  get step(): number {
    return this.stepOffset + (this.built?.trainer.stepCount ?? 0);
  }

  get stepCount(): number {
    return this.step;
  }

  get threads(): number {
    return this.built?.trainer.threads ?? 1;
  }

  train(n: number): void {
    this.requireBuilt().trainer.train(n);
  }

  readStats(): Promise<TrainStatsLike> {
    return this.requireBuilt().trainer.readStats();
  }

  async getWeights(): Promise<NamedWeight[]> {
    const built = this.requireBuilt();
    return [...(await built.model.getWeights()), ...(await built.trainer.sampler.getWeights())];
  }

  reinitialise(): void {
    this.configure(this.requireBuilt().config);
  }

  divergenceAdvice(): string {
    const lr = this.requireBuilt().config.learningRate;
    return `The learning rate ${lr} is probably too large: try ${Math.max(1e-5, lr / 10)}.`;
  }

  /** Builds dataset, schedule, model and trainer for `config`, replacing any previous session. */
  configure(config: SessionConfig): { nPoints: number; T: number } {
    const built = this.build(config);
    this.swapIn(built);
    return { nPoints: built.data.length / 2, T: config.T };
  }

  /** The settings, the last sample's options and the step, for the page (and a host that embeds it). */
  describe(): MainDescription {
    const { points: _points, ...config } = this.requireBuilt().config;
    return { config, lastSampling: this.lastSampling, step: this.step };
  }

  /** Everything a session needs for `config`, built beside the current one (nothing is replaced). */
  private build(config: SessionConfig): Built {
    const data = config.dataset === 'custom' ? fromUserPoints(config.points ?? new Float32Array(0)).points : makeDataset(config.dataset, config.nPoints, config.seed).points;
    const schedule = makeSchedule({ kind: config.schedule, T: config.T });
    const modelConfig = resolveDenoiserConfig({ dim: 2, T: config.T, width: config.width, depth: config.depth, timeEmbedDim: config.timeEmbedDim, inputEmbedDim: config.inputEmbedDim, prediction: config.prediction });
    const model = new Denoiser(modelConfig, config.seed);
    return { config, schedule, data, model, trainer: this.makeTrainer(model, schedule, data, config, config.seed) };
  }

  /** Makes `built` the session: the loop trains it as `main` from now on, with no checkpoint yet. */
  private swapIn(built: Built): void {
    this.dispose();
    this.built = built;
    this.stepOffset = 0;
    this.loop.register('main', this, { persist: true });
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

  /** Loads weights (model weights, then the averaged ones) at `step` with a fresh optimizer; the loop does not hear of it. */
  setWeights(weights: NamedWeight[], step: number): void {
    const built = this.requireBuilt();
    const half = built.model.variables.length;
    const raw = weights.slice(0, half);
    const averaged = weights.length === 2 * half ? weights.slice(half) : raw;
    built.model.setWeights(raw);
    built.trainer.dispose();
    built.trainer = this.makeTrainer(built.model, built.schedule, built.data, built.config, built.config.seed + step);
    built.trainer.ema?.setWeights(averaged);
    this.stepOffset = step;
  }

  /** Loads weights saved by a checkpoint at `step`; they become the loop's point to roll back to. */
  restore(weights: NamedWeight[], step: number): void {
    this.setWeights(weights, step);
    this.loop.restored('main', weights, step);
  }

  async exportWeights(): Promise<{ step: number; weights: NamedWeight[] }> {
    return { step: this.step, weights: await this.getWeights() };
  }

  /** Samples with the averaged weights and streams the traced paths in chunks; training waits meanwhile. */
  async sample(runId: number, options: SampleRequestOptions): Promise<void> {
    const built = this.requireBuilt();
    options = clampToT(options, built.config.T);
    this.lastSampling = { ...options, trace: [...options.trace] };
    await this.loop.evaluating(() => this.sampleStreamed(built, runId, options));
  }

  private async sampleStreamed(built: Built, runId: number, options: SampleRequestOptions): Promise<void> {
    const stream = this.streamer.begin(runId, options.trace.length);
    let lastProgress = performance.now();
    const onStep = async (done: number, total: number): Promise<void> => {
      if (performance.now() - lastProgress < PROGRESS_EVERY_MS && done < total) return;
      lastProgress = performance.now();
      this.post({ type: 'sampleProgress', model: 'main', runId, done, total });
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
    return this.loop.evaluating(async () => {
      const terms = await elboTerms({ x0, dim: 2, schedule, epsFn: (xt, i) => trainer.sampler.predictEpsArray(xt, i, schedule), rng: makeRng(seed), variance: 'beta', onProgress });
      return { prior: terms.prior, stepKl: terms.stepKl, decoder: terms.decoder, total: terms.total };
    });
  }

  /** Frees every tensor the session holds. */
  dispose(): void {
    this.loop.unregister('main');
    if (this.built) {
      this.built.trainer.dispose();
      this.built.model.dispose();
      this.built = null;
    }
  }
}
