/**
 * The image model in the worker: a class-conditional DDPM on the 8×8 digits (issue 14), built on
 * first use from the site's digits file and handed to the one training loop, which trains it like
 * every other model (chunks, progress by id, checkpoints and roll-back). Here it is sampled (DDIM
 * from a fixed x_T per seed, so the same grid can be watched sharpening), scored with the digit
 * yardstick, and reset.
 */
import { digitsHeldOut, digitsTrain, DIGIT_DIM, DIGIT_SIDE } from '../engine/datasets/digits';
import { DIGIT_NET, DIGIT_TRAINER, evenDigits, perRowDigits } from '../engine/images/digitModel';
import { makeDigitYardstick, passesDigitBar, scoreDigits, type DigitYardstick } from '../engine/images/sampleQuality';
import { requireInteger } from '../engine/inputError';
import { makeRng } from '../engine/rng';
import { makeSchedule, type Schedule } from '../engine/schedule';
import { DEFAULT_SAMPLE, Denoiser, guidedEpsModel, resolveDenoiserConfig, sample, Trainer, type DenoiserConfig, type TrainerOptions } from '../engine/tf';
import { labNetwork, type LabNetwork } from '../engine/tf/labModels';
import { IMAGE_SCHEDULE, MAX_IMAGE_SAMPLES } from './imageConfig';
import { ImageData, type ImageDataLoader } from './imageData';
import { NetworkUnit } from './labAdapters';
import { FrameCollector } from './imageFrames';
import { likelihoodEvaluations, REFERENCE_IMAGES, REFERENCE_SEED, scoreImages, snapToLevels, spreadRows, type ImageLikelihood } from './imageLikelihood';
import { heldOutNearestDistances, nearestTraining } from './imageNearest';
import type { ImageLikelihoodResult, ImageSampleOptions, ImageSampleResult } from './protocol';
import { PROGRESS_EVERY_MS, type Post, type TrainingLoop } from './trainingLoop';
import { yieldToEvents } from './yieldToEvents';

// The digit recipe of src/engine/images/digitModel.ts (measured there); the schedule is imageConfig.ts's,
// which the page reads too, held equal to DIGIT_SCHEDULE by imageModels.test.ts.
export const IMAGE_NET: Partial<DenoiserConfig> & Pick<DenoiserConfig, 'dim' | 'T'> = { ...DIGIT_NET, dim: DIGIT_DIM, T: IMAGE_SCHEDULE.T };
export const IMAGE_TRAINER: Partial<TrainerOptions> = { ...DIGIT_TRAINER, optimizer: 'adam', gradClip: 1 };
/** x̂_0 is clipped to the pixel range at every DDIM step. */
const CLIP_X0 = 1;

/** x_T for `n` images from `seed`: row r is the same for every n > r, so a bigger grid keeps the smaller one's images. */
export function imageStartNoise(n: number, seed: number): Float32Array {
  return makeRng(seed).normals(n * DIGIT_DIM);
}

type ImageUnit = NetworkUnit<LabNetwork>;

/** The digits network with its trainer (a fresh trainer, seeded by the step, on a checkpoint restore). */
function buildDigitNetwork(schedule: Schedule, data: { points: Float32Array; labels: Int32Array }): LabNetwork {
  const model = new Denoiser(resolveDenoiserConfig(IMAGE_NET), 7);
  return labNetwork(model, (step) => new Trainer(model, schedule, data, { ...IMAGE_TRAINER, seed: 8 + step }));
}

export class ImageModels {
  private readonly schedule: Schedule = makeSchedule(IMAGE_SCHEDULE);
  private readonly data: ImageData;
  private unit: ImageUnit | null = null;
  /** The build under way (the data may still be loading); cleared by reset. */
  private building: Promise<ImageUnit> | null = null;
  private yardstick: Promise<DigitYardstick> | null = null;
  /** Each owner's latest sample run: an older one of the same owner still going is cancelled. */
  private readonly sampleRuns = new Map<string, number>();
  /** The held-out digits' nearest-training distances, ascending (data only: kept across resets). */
  private nearestReference: Float64Array | null = null;
  /** The likelihood reference of the held-out digits, for the model (and its step) it was scored with. */
  private likelihoodReference: { unit: ImageUnit; step: number; figures: ImageLikelihood } | null = null;

  constructor(private readonly post: Post, private readonly loop: TrainingLoop, load: ImageDataLoader) {
    this.data = new ImageData(load);
  }

  /** Builds the model if it is not built yet (loading the digits first), registered with the loop as `images`. */
  ensure(): Promise<ImageUnit> {
    if (this.unit) return Promise.resolve(this.unit);
    const build = (this.building ??= this.build());
    return build.finally(() => {
      if (this.building === build) this.building = null;
    });
  }

  private async build(): Promise<ImageUnit> {
    const set = await this.data.digits();
    if (this.unit) return this.unit;
    const train = digitsTrain(set);
    const labelled = { points: train.points, labels: Int32Array.from(train.labels) };
    const unit = new NetworkUnit(() => buildDigitNetwork(this.schedule, labelled));
    this.unit = unit;
    this.loop.register('images', unit);
    return unit;
  }

  /** Steps taken, if built. */
  steps(): { images?: number } {
    return this.unit ? { images: this.unit.stepCount } : {};
  }

  /** Throws the model away (the next train or sample builds a fresh one); the loaded data stays. */
  reset(): void {
    this.loop.unregister('images');
    this.unit?.dispose();
    this.unit = null;
    this.building = null;
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
      this.post({ type: 'sampleProgress', model: 'images', runId, done, total });
      await yieldToEvents(); // let pauses and newer requests in
    };
    const isCancelled = (): boolean => this.sampleRuns.get(owner) !== runId || this.unit !== unit;
    return this.loop.evaluating(async (): Promise<ImageSampleResult> => {
      // Without a class: each row asks for a digit drawn evenly (digitModel.ts perRowDigits), not the weak ∅ path.
      const net = unit.network.trainer.sampler;
      const eps = classLabel === undefined ? perRowDigits(net, evenDigits(n)) : guidedEpsModel(net, classLabel, w);
      const step = unit.stepCount;
      // The reverse frames: every state traced, K kept (imageFrames.ts).
      const collector = frames === undefined ? null : new FrameCollector(eps, this.schedule, steps, frames);
      const trace = collector ? { trace: { indices: Int32Array.from({ length: n }, (_, r) => r), every: 1 }, onFrame: collector.onFrame } : {};
      const result = await sample(eps, this.schedule, {
        ...DEFAULT_SAMPLE, method: 'ddim', steps, eta, n, seed, xT: imageStartNoise(n, seed), clipX0: CLIP_X0, onStep, isCancelled, ...trace,
      });
      const pixels = result.points.map((v) => Math.max(-1, Math.min(1, v)));
      const out: ImageSampleResult = { model: 'images', step, pixels, width: DIGIT_SIDE, height: DIGIT_SIDE, cancelled: result.cancelled };
      if (collector) out.frames = collector.result();
      if (result.cancelled) return out;
      if (nearest) out.nearest = await this.nearestOf(pixels);
      if (!yardstick) return out;
      const figures = scoreDigits(yardstick, pixels, classLabel === undefined ? undefined : new Uint8Array(n).fill(classLabel));
      return { ...out, score: { ...figures, heldOutConfidentShare: yardstick.heldOutConfidentShare, passes: passesDigitBar(figures, yardstick) } };
    });
  }

  /** Each image's nearest training image, with the held-out digits' distances (measured once). */
  private async nearestOf(pixels: Float32Array): Promise<NonNullable<ImageSampleResult['nearest']>> {
    const set = await this.data.digits();
    const train = digitsTrain(set).points;
    this.nearestReference ??= heldOutNearestDistances(digitsHeldOut(set).points, train, DIGIT_DIM);
    return nearestTraining(pixels, train, DIGIT_DIM, this.nearestReference);
  }

  /**
   * "How likely is this image?": −ELBO in bits/dim and the anomaly score of each drawn image (m × 64,
   * moved to the nearest grey level), beside the same figures for ~100 held-out digits (scored once
   * per model step). T network evaluations per batch: progress goes out as `elboProgress` for
   * request `id`, and training waits.
   */
  async likelihood(id: number, images: Float32Array, seed: number): Promise<ImageLikelihoodResult> {
    if (images.length === 0 || images.length % DIGIT_DIM !== 0) throw Object.assign(new Error(`imageLikelihood: images must hold whole ${DIGIT_DIM}-pixel images`), { param: 'images' });
    if (!images.every(Number.isFinite)) throw Object.assign(new Error('imageLikelihood: images must be finite numbers'), { param: 'images' });
    const unit = await this.ensure();
    const set = await this.data.digits();
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
        const heldOut = spreadRows(digitsHeldOut(set).points, DIGIT_DIM, REFERENCE_IMAGES);
        reference = await scoreImages(net, this.schedule, heldOut, REFERENCE_SEED, progress(0));
        this.likelihoodReference = { unit, step, figures: reference };
      }
      const figures = await scoreImages(net, this.schedule, drawn, seed, progress(needsReference ? per : 0));
      return { ...figures, reference: { bitsPerDim: Array.from(reference!.bitsPerDim), anomaly: Array.from(reference!.anomaly) }, step };
    });
  }

  /** The digit yardstick, built once (classifier and digits loaded on first use). */
  private digitYardstick(): Promise<DigitYardstick> {
    const build = async (): Promise<DigitYardstick> => {
      const [net, set] = await Promise.all([this.data.classifier(), this.data.digits()]);
      return makeDigitYardstick(net, digitsTrain(set), digitsHeldOut(set));
    };
    const made = (this.yardstick ??= build());
    made.catch(() => {
      if (this.yardstick === made) this.yardstick = null; // tried again next time
    });
    return made;
  }

  dispose(): void {
    this.reset();
  }
}
