/**
 * Issue 15's upsampler in the worker: the recipe's network (src/engine/upsample/) trained on
 * (digit, 4×4 view) pairs of the training digits (the site's data file) by the one training loop
 * under model id `upsample`. Built on first use from the shipped weights
 * (public/pretrained/upsample.bin) when they load, else untrained with a note saying why; the
 * reader can start it afresh (pretrained, or untrained to train here), as the video models
 * (videoModels.ts). A sample is k 8×8 completions of one 4×4 condition y from the current weights
 * (training waits meanwhile), each with its own downsampled view and condition error, and the k
 * samples' pixel spread; a newer request of the same owner cancels an older one still sampling.
 */
import { digitsTrain } from '../engine/datasets/digits';
import { EngineInputError, requireInteger } from '../engine/inputError';
import { decodeModelFile, type ModelFile } from '../engine/modelFile';
import { UPSAMPLE_MODEL } from '../engine/modelIds';
import { makeSchedule, type Schedule } from '../engine/schedule';
import type { LabNetwork } from '../engine/tf/labModels';
import { downsample, LOW_DIM } from '../engine/upsample/downsample';
import { checkUpsampleModelFile, type UpsampleModelFileConfig } from '../engine/upsample/upsampleModelFile';
import { drawUpsampled, upsampleLabNetwork } from '../engine/upsample/upsampleModel';
import { conditionErrors, pixelSpread, repeatConditions } from '../engine/upsample/upsampleQuality';
import { UPSAMPLE_SCHEDULE } from '../engine/upsample/upsampleRecipe';
import { ImageData, type ImageDataLoader } from './imageData';
import { NetworkUnit } from './labAdapters';
import type { ImageModelOrigin, ImageModelStatus, TrainStepsReply, UpsampleOptions, UpsampleResult } from './protocol';
import type { Post, TrainingLoop } from './trainingLoop';
import { yieldToEvents } from './yieldToEvents';

/** Most samples one request may ask for (the widget shows 8). */
export const MAX_UPSAMPLES = 32;

type UpsampleUnit = NetworkUnit<LabNetwork>;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class Upsampler {
  /** The recipe's forward process (cosine, T = 1000), shared by training and sampling. */
  readonly schedule: Schedule = makeSchedule(UPSAMPLE_SCHEDULE);
  private readonly data: ImageData;
  private unit: UpsampleUnit | null = null;
  private origin: ImageModelOrigin | null = null;
  private building: Promise<UpsampleUnit> | null = null;
  /** Bumped by reset: a build begun before it does not install its model. */
  private generation = 0;
  private file: Promise<ModelFile<UpsampleModelFileConfig>> | null = null;
  /** Each owner's latest request: an older one still sampling is cancelled. */
  private readonly latest = new Map<string, number>();
  private requests = 0;

  constructor(private readonly post: Post, private readonly loop: TrainingLoop, private readonly load: ImageDataLoader) {
    this.data = new ImageData(load);
  }

  /** The shipped weights, checked against the recipe; a failed load is tried again next time. */
  private pretrained(): Promise<ModelFile<UpsampleModelFileConfig>> {
    if (!this.file) {
      const file = this.load('upsamplePretrained').then((bytes) => checkUpsampleModelFile(decodeModelFile(bytes)));
      file.catch(() => {
        if (this.file === file) this.file = null;
      });
      this.file = file;
    }
    return this.file;
  }

  /** The model, built on first use (from the shipped weights) and registered with the loop as `upsample`. */
  ensure(): Promise<UpsampleUnit> {
    if (this.unit) return Promise.resolve(this.unit);
    return this.startBuild('pretrained');
  }

  private startBuild(start: 'pretrained' | 'scratch'): Promise<UpsampleUnit> {
    const build = (this.building ??= this.build(start));
    return build.finally(() => {
      if (this.building === build) this.building = null;
    });
  }

  private async build(start: 'pretrained' | 'scratch'): Promise<UpsampleUnit> {
    const generation = this.generation;
    let origin: ImageModelOrigin = { kind: 'untrained', steps: 0 };
    let file: ModelFile<UpsampleModelFileConfig> | null = null;
    const [digits] = await Promise.all([
      this.data.digits(), // without its training pairs there is no model to train or sample: that error goes to the caller
      start === 'pretrained'
        ? this.pretrained().then(
            (f) => void (file = f),
            (error: unknown) => void (origin = { kind: 'untrained', steps: 0, note: `The pretrained upsampler could not be loaded (${messageOf(error)}), so it starts untrained: train it to see completions.` }),
          )
        : null,
    ]);
    if (generation !== this.generation || this.unit) return this.unit ?? this.ensure(); // a reset or another build came first
    const images = digitsTrain(digits).points;
    const unit = new NetworkUnit(() => upsampleLabNetwork(images, this.schedule));
    const loaded = file as ModelFile<UpsampleModelFileConfig> | null;
    if (loaded) {
      unit.setWeights(loaded.weights, loaded.step);
      origin = { kind: 'pretrained', steps: loaded.step };
    }
    this.unit = unit;
    this.origin = origin;
    this.loop.register(UPSAMPLE_MODEL, unit);
    if (loaded) this.loop.restored(UPSAMPLE_MODEL, loaded.weights, loaded.step);
    this.post({ type: 'modelOrigin', model: UPSAMPLE_MODEL, ...this.statusOf(unit) });
    return unit;
  }

  private statusOf(unit: UpsampleUnit): ImageModelStatus {
    return { origin: this.origin!, step: unit.stepCount };
  }

  /** Starts afresh: from the shipped weights ("Back to pretrained"), or from untrained weights ("Train from scratch"). */
  async restart(from: 'pretrained' | 'scratch'): Promise<ImageModelStatus> {
    this.reset();
    return this.statusOf(await this.startBuild(from));
  }

  /** The upsampler's steps, once built. */
  steps(): TrainStepsReply {
    return this.unit ? { [UPSAMPLE_MODEL]: this.unit.stepCount } : {};
  }

  /** Throws the model away (the next train or sample builds it again from the shipped weights). */
  reset(): void {
    this.loop.unregister(UPSAMPLE_MODEL);
    this.unit?.dispose();
    this.unit = null;
    this.origin = null;
    this.generation++;
    this.latest.clear();
  }

  /** k samples for the condition y (16 values in [−1, 1], the 4×4 image row-major), from `seed`, by the current weights (their average). */
  async sample(options: UpsampleOptions): Promise<UpsampleResult> {
    const { cond, k, seed, owner = '' } = options;
    if (!(cond instanceof Float32Array) || cond.length !== LOW_DIM) throw new EngineInputError('cond', `${LOW_DIM} values (the 4×4 image)`, cond);
    if (cond.some((v) => !(v >= -1 && v <= 1))) throw new EngineInputError('cond', 'values in [−1, 1]', cond.find((v) => !(v >= -1 && v <= 1)));
    requireInteger('k', k, 2, MAX_UPSAMPLES);
    const request = ++this.requests;
    this.latest.set(owner, request);
    const unit = await this.ensure();
    const isCancelled = (): boolean => this.latest.get(owner) !== request || this.unit !== unit;
    const origin = this.origin!;
    return this.loop.evaluating(async (): Promise<UpsampleResult> => {
      const step = unit.stepCount;
      const samples = await drawUpsampled(unit.network.trainer.sampler, this.schedule, cond, k, seed, { isCancelled, onStep: () => yieldToEvents() });
      const cancelled = isCancelled();
      const errors = conditionErrors(samples, repeatConditions(cond, k));
      return {
        samples, downsampled: downsample(samples), errors, step, origin, cancelled,
        conditionError: errors.reduce((a, e) => a + e, 0) / k,
        pixelSpread: pixelSpread(samples, k),
      };
    });
  }

  dispose(): void {
    this.reset();
  }
}
