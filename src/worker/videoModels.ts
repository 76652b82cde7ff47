/**
 * Issue 15's two video models in the worker (the recipe: src/engine/video/videoRecipe.ts):
 * `videoJoint` denoises a whole 8-frame clip as one 512-number vector, `videoFrames` is an image
 * model of one 64-pixel frame sampled once per frame. Each is built on first use over the recipe's
 * training clips (drawn here from the seeded generator, ≈ 0.5 s, once), starts from its pretrained
 * default (public/pretrained/video-*.bin, `npm run pretrain -- --datasets=video`) when that loads,
 * else untrained with a note saying why, and is handed to the one training loop under its id. The
 * reader can start either afresh (pretrained, or untrained to train here). A sample is n clips by
 * DDIM-50 from a seed, scored by the temporal figures beside n data clips from the same seed; a
 * newer sample of the same owner cancels an older one, as the image models' do.
 */
import { checkVideoModelFile, VIDEO_PRETRAINED_FILES, videoRecipeFileConfig } from '../engine/video/videoModelFile';
import { BALL_CLIPS, makeBallClips, type BallClips } from '../engine/video/bouncingBall';
import { clipFigures, type ClipFigures } from '../engine/video/temporalConsistency';
import { drawClips } from '../engine/video/videoModels';
import { VIDEO_NET, VIDEO_SCHEDULE, VIDEO_SEED, VIDEO_TRAIN_CLIPS, VIDEO_TRAINER, videoModelDim, type VideoModelKind } from '../engine/video/videoRecipe';
import { requireInteger } from '../engine/inputError';
import { decodeModelFile, type ModelFile } from '../engine/modelFile';
import type { VideoModelId } from '../engine/modelIds';
import { makeSchedule, type Schedule } from '../engine/schedule';
import { Denoiser, resolveDenoiserConfig, Trainer } from '../engine/tf';
import { labNetwork, type LabNetwork } from '../engine/tf/labModels';
import type { VideoModelFileConfig } from '../engine/video/videoModelFile';
import { NetworkUnit } from './labAdapters';
import type { ImageModelOrigin, ImageModelStatus, TrainStepsReply, VideoSampleOptions, VideoSampleResult } from './protocol';
import { PROGRESS_EVERY_MS, type Post, type TrainingLoop } from './trainingLoop';
import { MAX_VIDEO_SAMPLES } from './videoConfig';
import { yieldToEvents } from './yieldToEvents';

/** Which recipe model each worker id is. */
export const VIDEO_KIND: Record<VideoModelId, VideoModelKind> = { videoJoint: 'joint', videoFrames: 'perFrame' };
const NAME: Record<VideoModelId, string> = { videoJoint: 'joint clip', videoFrames: 'per-frame' };

/** Gets a pretrained file's bytes (the worker: fetched from the site; tests: read from public/). */
export type VideoFileLoader = (path: string) => Promise<ArrayBuffer>;

/** A loader that fetches `path` against the site's base URL (the page's document.baseURI, sent with init). */
export function fetchingVideoLoader(base: () => string | null, fetcher: typeof fetch = fetch): VideoFileLoader {
  return async (path) => {
    const site = base();
    if (site === null) throw new Error(`the page did not tell the engine worker the site's address, so ${path} has no URL`);
    const url = new URL(path, site).href;
    const response = await fetcher(url);
    if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`.trim());
    return response.arrayBuffer();
  };
}

type VideoUnit = NetworkUnit<LabNetwork>;

interface Slot {
  unit: VideoUnit | null;
  origin: ImageModelOrigin | null;
  building: Promise<VideoUnit> | null;
  /** Bumped by reset: a build begun before it does not install its model. */
  generation: number;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class VideoModels {
  private readonly schedule: Schedule = makeSchedule(VIDEO_SCHEDULE);
  private readonly slots: Record<VideoModelId, Slot> = { videoJoint: this.emptySlot(0), videoFrames: this.emptySlot(0) };
  private clips: BallClips | null = null;
  private readonly files = new Map<VideoModelId, Promise<ModelFile<VideoModelFileConfig>>>();
  /** Each model's and owner's latest sample run: an older one still going is cancelled. */
  private readonly sampleRuns = new Map<string, number>();
  /** The data's clips and figures for the last (n, seed) asked: both rows of a widget ask for the same. */
  private dataCache: { n: number; seed: number; clips: Float32Array; figures: ClipFigures } | null = null;

  constructor(private readonly post: Post, private readonly loop: TrainingLoop, private readonly load: VideoFileLoader) {}

  private emptySlot(generation: number): Slot {
    return { unit: null, origin: null, building: null, generation };
  }

  /** The recipe's training clips (5,000, seeded), drawn once. */
  private trainingClips(): BallClips {
    return (this.clips ??= makeBallClips(VIDEO_TRAIN_CLIPS, VIDEO_SEED));
  }

  /** The recipe's network for `model` (seeded as the shipped files') with its trainer; a restored checkpoint's trainer is seeded by its step. */
  private newUnit(model: VideoModelId): VideoUnit {
    const data = this.trainingClips();
    const config = resolveDenoiserConfig({ ...VIDEO_NET, dim: videoModelDim(VIDEO_KIND[model], BALL_CLIPS), T: this.schedule.T });
    return new NetworkUnit(() => {
      const net = new Denoiser(config, VIDEO_SEED);
      return labNetwork(net, (step) => new Trainer(net, this.schedule, data.clips, { ...VIDEO_TRAINER, seed: VIDEO_SEED + step }));
    });
  }

  /** The pretrained default of `model`, checked against the recipe; a failed load is tried again next time. */
  private pretrained(model: VideoModelId): Promise<ModelFile<VideoModelFileConfig>> {
    let file = this.files.get(model);
    if (!file) {
      const kind = VIDEO_KIND[model];
      file = this.load(VIDEO_PRETRAINED_FILES[kind]).then((bytes) => checkVideoModelFile(decodeModelFile(bytes), videoRecipeFileConfig(kind)));
      file.catch(() => this.files.delete(model));
      this.files.set(model, file);
    }
    return file;
  }

  /** Builds `model` if it is not built yet (from its pretrained default), registered with the loop under its id. */
  ensure(model: VideoModelId): Promise<VideoUnit> {
    const slot = this.slots[model];
    if (slot.unit) return Promise.resolve(slot.unit);
    return this.startBuild(model, 'pretrained');
  }

  private startBuild(model: VideoModelId, start: 'pretrained' | 'scratch'): Promise<VideoUnit> {
    const slot = this.slots[model];
    const build = (slot.building ??= this.build(model, start));
    return build.finally(() => {
      if (this.slots[model].building === build) this.slots[model].building = null;
    });
  }

  private async build(model: VideoModelId, start: 'pretrained' | 'scratch'): Promise<VideoUnit> {
    const generation = this.slots[model].generation;
    let origin: ImageModelOrigin = { kind: 'untrained', steps: 0 };
    let file: ModelFile<VideoModelFileConfig> | null = null;
    if (start === 'pretrained') {
      try {
        file = await this.pretrained(model);
      } catch (error) {
        origin = { kind: 'untrained', steps: 0, note: `The pretrained ${NAME[model]} model could not be loaded (${messageOf(error)}), so it starts untrained: train it to see clips.` };
      }
    }
    const slot = this.slots[model];
    if (generation !== slot.generation || slot.unit) return slot.unit ?? this.ensure(model); // a reset or another build came first
    const unit = this.newUnit(model);
    if (file) {
      unit.setWeights(file.weights, file.step);
      origin = { kind: 'pretrained', steps: file.step };
    }
    slot.unit = unit;
    slot.origin = origin;
    this.loop.register(model, unit);
    if (file) this.loop.restored(model, file.weights, file.step);
    this.post({ type: 'modelOrigin', model, ...this.statusOf(model, unit) });
    return unit;
  }

  private statusOf(model: VideoModelId, unit: VideoUnit): ImageModelStatus {
    return { origin: this.slots[model].origin!, step: unit.stepCount };
  }

  /** Starts `model` afresh: from its pretrained default ("Back to pretrained"), or from untrained weights ("Train from scratch"). */
  async restart(model: VideoModelId, from: 'pretrained' | 'scratch'): Promise<ImageModelStatus> {
    this.reset(model);
    return this.statusOf(model, await this.startBuild(model, from));
  }

  /** Steps taken by each video model built so far. */
  steps(): TrainStepsReply {
    const out: TrainStepsReply = {};
    for (const m of Object.keys(this.slots) as VideoModelId[]) if (this.slots[m].unit) out[m] = this.slots[m].unit!.stepCount;
    return out;
  }

  /** Throws `model` away (the next train or sample builds it again from its pretrained default). */
  reset(model: VideoModelId): void {
    this.loop.unregister(model);
    this.slots[model].unit?.dispose();
    this.slots[model] = this.emptySlot(this.slots[model].generation + 1);
    for (const key of [...this.sampleRuns.keys()]) if (key.startsWith(`${model}/`)) this.sampleRuns.delete(key);
  }

  /** n data clips from `seed` and their figures: the yardstick beside a sample of as many clips. */
  private dataOf(n: number, seed: number): { clips: Float32Array; figures: ClipFigures } {
    const cached = this.dataCache;
    if (cached && cached.n === n && cached.seed === seed) return cached;
    const clips = makeBallClips(n, seed).clips;
    this.dataCache = { n, seed, clips, figures: clipFigures(clips, BALL_CLIPS) };
    return this.dataCache;
  }

  /**
   * n clips from `model` by DDIM-50 (η = 0, x̂₀ clipped) from `seed`, with their temporal figures
   * and n data clips from the same seed with theirs. Training waits meanwhile; a newer sample of the
   * same model and owner cancels this one (its reply says `cancelled`).
   */
  async sample(model: VideoModelId, runId: number, options: VideoSampleOptions): Promise<VideoSampleResult> {
    const { n, seed, owner = '' } = options;
    requireInteger('n', n, 1, MAX_VIDEO_SAMPLES);
    const unit = await this.ensure(model);
    const key = `${model}/${owner}`;
    this.sampleRuns.set(key, runId);
    const isCancelled = (): boolean => this.sampleRuns.get(key) !== runId || this.slots[model].unit !== unit;
    let last = performance.now();
    const onStep = async (done: number, total: number): Promise<void> => {
      if (performance.now() - last < PROGRESS_EVERY_MS && done < total) return;
      last = performance.now();
      this.post({ type: 'sampleProgress', model, runId, done, total });
      await yieldToEvents(); // let pauses and newer requests in
    };
    return this.loop.evaluating(async (): Promise<VideoSampleResult> => {
      const step = unit.stepCount;
      const clips = await drawClips(unit.network.trainer.sampler, this.schedule, BALL_CLIPS, n, seed, { onStep, isCancelled });
      const cancelled = isCancelled();
      const data = this.dataOf(n, seed);
      // Copies: the reply's buffers are transferred, and the cache keeps its own.
      return { model, step, frames: BALL_CLIPS.frames, side: BALL_CLIPS.side, clips, figures: clipFigures(clips, BALL_CLIPS), dataClips: Float32Array.from(data.clips), data: data.figures, cancelled };
    });
  }

  dispose(): void {
    for (const m of Object.keys(this.slots) as VideoModelId[]) this.reset(m);
  }
}
