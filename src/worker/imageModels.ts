/**
 * An image model in the worker: a class-conditional DDPM on the 8×8 digits (issue 14), or on the
 * 16×16 shapes (one instance per dataset, imageDatasets.ts; "digits" below stands for either), built on
 * first use from the site's digits file and handed to the one training loop, which trains it like
 * every other model (chunks, progress by id, checkpoints and roll-back). It starts from the
 * pretrained default (public/pretrained/digits.bin, `npm run pretrain`) when that loads, else
 * untrained with a note saying why; the reader can start it afresh (pretrained or from scratch),
 * download it and load a model file. Here it is sampled (DDIM from a fixed x_T per seed, so the
 * same grid can be watched sharpening), scored with the digit yardstick, and reset.
 */
import { sharedUntilFailed } from './sharedUntilFailed';
import { DIGIT_DIM } from '../engine/datasets/digits';
import { evenClasses, perRowDigits } from '../engine/images/digitModel';
import { checkImageModelFile } from '../engine/images/digitModelFile';
import { frechetEnds, type FrechetEnds } from '../engine/images/frechetEnds';
import { makeYardstick, passesBar, scoreSamples, type Yardstick } from '../engine/images/sampleQuality';
import { requireInteger } from '../engine/inputError';
import { decodeModelFile, encodeModelFile, ModelFileError, type StoredWeight } from '../engine/modelFile';
import { makeRng } from '../engine/rng';
import { makeSchedule, type Schedule } from '../engine/schedule';
import { DEFAULT_SAMPLE, guidedEpsModel, sample } from '../engine/tf';
import type { LabNetwork } from '../engine/tf/labModels';
import { IMAGE_SCHEDULE, MAX_IMAGE_SAMPLES } from './imageConfig';
import { ImageData, type ImageDataLoader } from './imageData';
import { DIGITS_DATASET, type ImageDataset } from './imageDatasets';
import { NetworkUnit } from './labAdapters';
import { FrameCollector } from './imageFrames';
import { likelihoodEvaluations, REFERENCE_IMAGES, REFERENCE_SEED, scoreImages, snapToLevels, spreadRows, type ImageLikelihood } from './imageLikelihood';
import { heldOutNearestDistances, nearestTraining } from './imageNearest';
import type { ImageLikelihoodResult, ImageModelOrigin, ImageModelStatus, ImageSampleOptions, ImageSampleResult } from './protocol';
import { PROGRESS_EVERY_MS, type Post, type TrainingLoop } from './trainingLoop';
import { yieldToEvents } from './yieldToEvents';

export { IMAGE_NET, IMAGE_TRAINER } from './imageNetwork';
/** x̂_0 is clipped to the pixel range at every DDIM step. */
const CLIP_X0 = 1;

/** x_T for `n` images of `dim` pixels from `seed`: row r is the same for every n > r, so a bigger grid keeps the smaller one's images. */
export function imageStartNoise(n: number, seed: number, dim = DIGIT_DIM): Float32Array {
  return makeRng(seed).normals(n * dim);
}

type ImageUnit = NetworkUnit<LabNetwork>;
/** What a build starts from: the pretrained default, or fresh random weights. */
type Start = 'pretrained' | 'scratch';

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class ImageModels {
  private readonly schedule: Schedule = makeSchedule(IMAGE_SCHEDULE);
  private readonly data: ImageData;
  private unit: ImageUnit | null = null;
  /** Where the current unit's starting weights came from. */
  private origin: ImageModelOrigin | null = null;
  /** The build under way (the data may still be loading); cleared by reset. */
  private building: Promise<ImageUnit> | null = null;
  /** Bumped by reset: a build begun before it does not install its model. */
  private generation = 0;
  /** The Fréchet scale's ends per sample size (data only: kept across resets). */
  private readonly ends = new Map<number, FrechetEnds>();
  /** Each owner's latest sample run: an older one of the same owner still going is cancelled. */
  private readonly sampleRuns = new Map<string, number>();
  /** The held-out digits' nearest-training distances, ascending (data only: kept across resets). */
  private nearestReference: Float64Array | null = null;
  /** The likelihood reference of the held-out digits, for the model (and its step) it was scored with. */
  private likelihoodReference: { unit: ImageUnit; step: number; figures: ImageLikelihood } | null = null;

  private readonly dim: number;

  constructor(private readonly post: Post, private readonly loop: TrainingLoop, load: ImageDataLoader, private readonly dataset: ImageDataset = DIGITS_DATASET) {
    this.data = new ImageData(load);
    this.dim = dataset.side * dataset.side;
  }

  /** Builds the model if it is not built yet (loading its images and the pretrained default first), registered with the loop under its id (`images`, `shapes`). */
  ensure(): Promise<ImageUnit> {
    if (this.unit) return Promise.resolve(this.unit);
    return this.startBuild('pretrained');
  }

  private startBuild(start: Start): Promise<ImageUnit> {
    const build = (this.building ??= this.build(start));
    return build.finally(() => {
      if (this.building === build) this.building = null;
    });
  }

  /** A new unit over the training digits (random weights, seeded as every fresh page's). */
  private async newUnit(): Promise<ImageUnit> {
    const { train } = await this.dataset.split(this.data);
    const labelled = { points: train.points, labels: Int32Array.from(train.labels) };
    return new NetworkUnit(() => this.dataset.buildNetwork(this.schedule, labelled));
  }

  private async build(start: Start): Promise<ImageUnit> {
    const generation = this.generation;
    const unit = await this.newUnit();
    let origin: ImageModelOrigin = { kind: 'untrained', steps: 0 };
    let weights: StoredWeight[] | null = null;
    if (start === 'pretrained') {
      try {
        const file = await this.data.pretrained(this.dataset.fileConfig, this.dataset.pretrainedFile, this.dataset.name);
        unit.setWeights(file.weights, file.step); // throws, changing nothing, if a shape differs
        origin = { kind: 'pretrained', steps: file.step };
        weights = file.weights;
      } catch (error) {
        origin = { kind: 'untrained', steps: 0, note: `The pretrained ${this.dataset.name} model could not be loaded (${messageOf(error)}), so the model starts untrained: press Train.` };
      }
    }
    if (generation !== this.generation || this.unit) {
      // A reset or another build came first: theirs is the model now.
      unit.dispose();
      return this.unit ?? this.ensure();
    }
    this.install(unit, origin, weights);
    return unit;
  }

  /** Makes `unit` the model, its starting weights (if any) the loop's roll-back point, and tells the page where they came from. */
  private install(unit: ImageUnit, origin: ImageModelOrigin, weights: StoredWeight[] | null): void {
    this.unit = unit;
    this.origin = origin;
    this.loop.register(this.dataset.model, unit);
    if (weights) this.loop.restored(this.dataset.model, weights, origin.steps);
    this.post({ type: 'modelOrigin', model: this.dataset.model, ...this.statusOf(unit) });
  }

  private statusOf(unit: ImageUnit): ImageModelStatus {
    return { origin: this.origin!, step: unit.stepCount };
  }

  /** Where the model's weights came from and its step (building it if needed). */
  async status(): Promise<ImageModelStatus> {
    return this.statusOf(await this.ensure());
  }

  /** Starts the model afresh: from the pretrained default ("Back to pretrained"), or from random weights ("Train from scratch"). */
  async restart(from: Start): Promise<ImageModelStatus> {
    this.reset();
    return this.statusOf(await this.startBuild(from));
  }

  /**
   * Replaces the model with the one in a model file (`name`: the file's name, for the status).
   * Refused with a ModelFileError saying what the file is and what the digits model needs (a 2D
   * model, another image size, another network), the current model kept.
   */
  async load(bytes: ArrayBuffer, name: string): Promise<ImageModelStatus> {
    const file = checkImageModelFile(decodeModelFile(bytes), this.dataset.fileConfig, this.dataset.name);
    const unit = await this.newUnit();
    try {
      unit.setWeights(file.weights, file.step);
    } catch (error) {
      unit.dispose();
      throw new ModelFileError(`The model file's weights do not fit the ${this.dataset.name} network: ${messageOf(error)}.`);
    }
    this.reset();
    this.install(unit, { kind: 'file', steps: file.step, name }, file.weights);
    return this.statusOf(unit);
  }

  /** The model as a model file (the weight average, float32), with its step; training waits while the weights are read. */
  async exportFile(): Promise<{ bytes: Uint8Array; step: number }> {
    const unit = await this.ensure();
    return this.loop.evaluating(async () => {
      const step = unit.stepCount;
      const weights = await unit.network.trainer.sampler.getWeights();
      return { bytes: encodeModelFile({ config: this.dataset.fileConfig, step, weights, savedAt: new Date().toISOString() }), step };
    });
  }

  /** Steps taken, if built. */
  steps(): { images?: number; shapes?: number } {
    return this.unit ? { [this.dataset.model]: this.unit.stepCount } : {};
  }

  /** Throws the model away (the next train or sample builds it again from the pretrained default); the loaded data stays. */
  reset(): void {
    this.loop.unregister(this.dataset.model);
    this.unit?.dispose();
    this.unit = null;
    this.origin = null;
    this.building = null;
    this.generation++;
    this.sampleRuns.clear();
    this.likelihoodReference = null;
  }

  /**
   * n images by DDIM from x_T = imageStartNoise(n, seed): of class `classLabel` with guidance w
   * (eq. 7.4), or unconditional (ε_∅) without one; pixels clipped to [−1, 1]. With `score`, the
   * yardstick's figures for them; with `frames`, K states of the chain with x̂₀ beside each; with
   * `nearest`, each image's nearest training image. Training waits meanwhile; a newer sample of the same `owner` cancels this one.
   */
  async sample(runId: number, options: ImageSampleOptions): Promise<ImageSampleResult> {
    const { n, seed, classLabel, w, steps, eta = 0, score = false, frames, nearest = false, owner = '' } = options;
    requireInteger('n', n, score ? 2 : 1, MAX_IMAGE_SAMPLES);
    if (frames !== undefined) requireInteger('frames', frames, 2, steps + 1);
    const unit = await this.ensure();
    const yardstick = score ? await this.digitYardstick() : null;
    this.sampleRuns.set(owner, runId);
    let last = performance.now();
    const onStep = async (done: number, total: number): Promise<void> => {
      if (performance.now() - last < PROGRESS_EVERY_MS && done < total) return;
      last = performance.now();
      this.post({ type: 'sampleProgress', model: this.dataset.model, runId, done, total });
      await yieldToEvents(); // let pauses and newer requests in
    };
    const isCancelled = (): boolean => this.sampleRuns.get(owner) !== runId || this.unit !== unit;
    return this.loop.evaluating(async (): Promise<ImageSampleResult> => {
      // Without a class: each row asks for a digit drawn evenly (digitModel.ts perRowDigits), not the weak ∅ path.
      const net = unit.network.trainer.sampler;
      if (classLabel !== undefined) requireInteger('classLabel', classLabel, 0, this.dataset.classes - 1);
      const eps = classLabel === undefined ? perRowDigits(net, evenClasses(n, this.dataset.classes)) : guidedEpsModel(net, classLabel, w);
      const step = unit.stepCount;
      // The reverse frames: every state traced, K kept (imageFrames.ts).
      const collector = frames === undefined ? null : new FrameCollector(eps, this.schedule, steps, frames);
      const trace = collector ? { trace: { indices: Int32Array.from({ length: n }, (_, r) => r), every: 1 }, onFrame: collector.onFrame } : {};
      const result = await sample(eps, this.schedule, {
        ...DEFAULT_SAMPLE, method: 'ddim', steps, eta, n, seed, xT: imageStartNoise(n, seed, this.dim), clipX0: CLIP_X0, onStep, isCancelled, ...trace,
      });
      const pixels = result.points.map((v) => Math.max(-1, Math.min(1, v)));
      const { side } = this.dataset;
      const out: ImageSampleResult = { model: this.dataset.model, step, pixels, width: side, height: side, cancelled: result.cancelled };
      if (collector) out.frames = collector.result();
      if (result.cancelled) return out;
      if (nearest) out.nearest = await this.nearestOf(pixels);
      if (!yardstick) return out;
      const figures = scoreSamples(yardstick, pixels, classLabel === undefined ? undefined : new Uint8Array(n).fill(classLabel));
      let ends = this.ends.get(n);
      if (!ends) this.ends.set(n, (ends = frechetEnds(yardstick, n)));
      return { ...out, score: { ...figures, heldOutConfidentShare: yardstick.heldOutConfidentShare, passes: passesBar(figures, yardstick), frechetEnds: ends } };
    });
  }

  /** Each image's nearest training image, with the held-out digits' distances (measured once). */
  private async nearestOf(pixels: Float32Array): Promise<NonNullable<ImageSampleResult['nearest']>> {
    const { train, heldOut } = await this.dataset.split(this.data);
    this.nearestReference ??= heldOutNearestDistances(heldOut.points, train.points, this.dim);
    return nearestTraining(pixels, train.points, this.dim, this.nearestReference);
  }

  /**
   * "How likely is this image?": −ELBO in bits/dim and the anomaly score of each drawn image (m × 64,
   * moved to the nearest grey level), beside the same figures for ~100 held-out digits (scored once
   * per model step). T network evaluations per batch: progress goes out as `elboProgress` for
   * request `id`, and training waits.
   */
  async likelihood(id: number, images: Float32Array, seed: number): Promise<ImageLikelihoodResult> {
    if (images.length === 0 || images.length % this.dim !== 0) throw Object.assign(new Error(`imageLikelihood: images must hold whole ${this.dim}-pixel images`), { param: 'images' });
    if (!images.every(Number.isFinite)) throw Object.assign(new Error('imageLikelihood: images must be finite numbers'), { param: 'images' });
    const unit = await this.ensure();
    const { heldOut: heldOutSet } = await this.dataset.split(this.data);
    const drawn = snapToLevels(images);
    return this.loop.evaluating(async () => {
      const net = unit.network.trainer.sampler;
      const step = unit.stepCount;
      const cached = this.likelihoodReference;
      const needsReference = !(cached && cached.unit === unit && cached.step === step);
      const per = likelihoodEvaluations(this.schedule);
      const total = per * (needsReference ? 2 : 1);
      let last = performance.now();
      const progress = (offset: number) => async (done: number): Promise<void> => {
        if (performance.now() - last < PROGRESS_EVERY_MS || offset + done === total) return;
        last = performance.now();
        this.post({ type: 'elboProgress', id, done: offset + done, total });
        await yieldToEvents();
      };
      let reference = cached?.figures;
      if (needsReference) {
        const heldOut = spreadRows(heldOutSet.points, this.dim, REFERENCE_IMAGES);
        reference = await scoreImages(net, this.schedule, heldOut, REFERENCE_SEED, progress(0));
        this.likelihoodReference = { unit, step, figures: reference };
      }
      const figures = await scoreImages(net, this.schedule, drawn, seed, progress(needsReference ? per : 0));
      return { ...figures, reference: { bitsPerDim: Array.from(reference!.bitsPerDim), anomaly: Array.from(reference!.anomaly) }, step };
    });
  }

  /** The digit yardstick, built on first use (classifier and digits fetched), tried again if that failed. */
  private readonly digitYardstick = sharedUntilFailed(async (): Promise<Yardstick> => {
    const [net, { train, heldOut }] = await Promise.all([this.data.classifier(this.dataset.classifierFile), this.dataset.split(this.data)]);
    return makeYardstick(net, train, heldOut);
  });

  dispose(): void {
    this.reset();
  }
}
