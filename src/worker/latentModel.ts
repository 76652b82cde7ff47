/**
 * Latent diffusion in the worker (issue 15): the digits' autoencoder of latent size d (2 or 8,
 * the committed 8-bit file public/pretrained/digit-autoencoder-d<d>.bin) encodes the training
 * digits; the playground's 2D DDPM recipe (src/engine/latent/latentDiffusion.ts latentNetwork: the
 * main model's network, schedule and trainer with dim = d) learns their standardised codes, trained
 * by the one training loop under model id `latent`; its DDIM samples are mapped back, decoded to
 * 8×8 digits and scored with the digit yardstick (confident share, FID and its two ends).
 * Changing d throws the DDPM away (its codes no longer mean anything) and starts an untrained one.
 */
import { sharedUntilFailed } from './sharedUntilFailed';
import { DIGIT_CLASSES, digitsHeldOut, digitsTrain, type LabelledImages } from '../engine/datasets/digits';
import { frechetEnds, type FrechetEnds } from '../engine/images/frechetEnds';
import { makeYardstick, passesBar, scoreSamples, type Yardstick } from '../engine/images/sampleQuality';
import { requireInteger } from '../engine/inputError';
import { readAutoencoderFile } from '../engine/latent/autoencoderFile';
import { encodeDigits, latentNetwork, type LatentCodes } from '../engine/latent/latentDiffusion';
import { DEFAULT_LATENT_DIM, type LatentDim } from '../engine/latent/latentDims';
import { LATENT_SAMPLER, latentAutoencoderConfig } from '../engine/latent/latentRecipe';
import { fromStandardLatents } from '../engine/latent/latentScale';
import { measureReconstruction } from '../engine/latent/reconstruction';
import { LATENT_MODEL } from '../engine/modelIds';
import { sample } from '../engine/tf';
import { Autoencoder } from '../engine/tf/autoencoder';
import { ImageData, type ImageDataLoader } from './imageData';
import { NetworkUnit } from './labAdapters';
import { MAX_LATENT_SAMPLES, type LatentOverview, type LatentReconstruction, type LatentSampleOptions, type LatentSampleResult } from './latentProtocol';
import { PROGRESS_EVERY_MS, type Post, type TrainingLoop } from './trainingLoop';
import { yieldToEvents } from './yieldToEvents';

/** The latent DDPM's seed (weights and batches), as a fresh page's. */
export const LATENT_SEED = 0;

type LatentNet = ReturnType<typeof latentNetwork>;

/** The latent DDPM as the loop trains it, timing its own training (the seconds behind each sample). */
export class LatentUnit extends NetworkUnit<LatentNet> {
  private trainMs = 0;

  /** Seconds spent in training steps (queued steps counted when their loss is read), sampling pauses excluded. */
  get trainSeconds(): number {
    return this.trainMs / 1000;
  }

  override train(n: number): void {
    const t0 = performance.now();
    super.train(n);
    this.trainMs += performance.now() - t0;
  }

  override async readStats(): ReturnType<NetworkUnit<LatentNet>['readStats']> {
    const t0 = performance.now();
    const stats = await super.readStats();
    this.trainMs += performance.now() - t0;
    return stats;
  }

  override reinitialise(): void {
    super.reinitialise();
    this.trainMs = 0;
  }
}

interface Built {
  d: LatentDim;
  ae: Autoencoder;
  autoencoderSteps: number;
  codes: LatentCodes;
  reconstruction: LatentReconstruction;
  unit: LatentUnit;
}

/** The first held-out digit of each class and its reconstruction, with the error over all held-out digits. */
async function reconstructionOf(ae: Autoencoder, heldOut: LabelledImages, net: Yardstick['net']): Promise<LatentReconstruction> {
  const r = await measureReconstruction(ae, heldOut, net);
  const rows = Array.from({ length: DIGIT_CLASSES }, (_, c) => heldOut.labels.indexOf(c));
  const originals = new Float32Array(rows.length * heldOut.dim);
  rows.forEach((row, k) => originals.set(heldOut.points.subarray(row * heldOut.dim, (row + 1) * heldOut.dim), k * heldOut.dim));
  return { n: r.n, mse: r.mse, accuracy: r.accuracy, originalAccuracy: r.originalAccuracy, originals, reconstructions: await ae.decode(await ae.encode(originals)) };
}

export class LatentModel {
  private readonly data: ImageData;
  private d: LatentDim = DEFAULT_LATENT_DIM;
  private built: Built | null = null;
  private building: Promise<Built> | null = null;
  /** Bumped by reset: a build begun before it does not install its model. */
  private generation = 0;
  private readonly ends = new Map<number, FrechetEnds>();
  /** Each owner's latest sample run: an older one of the same owner still going is cancelled. */
  private readonly sampleRuns = new Map<string, number>();

  constructor(private readonly post: Post, private readonly loop: TrainingLoop, private readonly load: ImageDataLoader) {
    this.data = new ImageData(load);
  }

  /** Latent size d (a new, untrained DDPM when d changes or `fresh`); the codes and the autoencoder's error. */
  async start(d: LatentDim, fresh = false): Promise<LatentOverview> {
    if (fresh || d !== this.d) {
      this.reset();
      this.d = d;
    }
    const b = await this.ensure();
    return { d: b.d, autoencoderSteps: b.autoencoderSteps, codes: b.codes.standard.slice(), labels: b.codes.labels.slice(), reconstruction: b.reconstruction, step: b.unit.stepCount };
  }

  /** The model for the current d, built on first use and registered with the loop as `latent`. */
  ensure(): Promise<Built> {
    if (this.built) return Promise.resolve(this.built);
    const build = (this.building ??= this.build(this.d));
    return build.finally(() => {
      if (this.building === build) this.building = null;
    });
  }

  private async build(d: LatentDim): Promise<Built> {
    const generation = this.generation;
    const config = latentAutoencoderConfig(d);
    const [bytes, y] = await Promise.all([this.load(d === 2 ? 'autoencoder2' : 'autoencoder8'), this.digitYardstick()]);
    const file = readAutoencoderFile(bytes, config);
    const ae = new Autoencoder(config, 0);
    ae.setWeights(file.weights);
    const codes = await encodeDigits(ae, y.train);
    const reconstruction = await reconstructionOf(ae, y.heldOut, y.net);
    if (generation !== this.generation || this.built) {
      ae.dispose(); // a reset or another build came first
      return this.built ?? this.ensure();
    }
    const unit = new LatentUnit(() => latentNetwork(codes, LATENT_SEED));
    this.built = { d, ae, autoencoderSteps: file.step, codes, reconstruction, unit };
    this.loop.register(LATENT_MODEL, unit);
    return this.built;
  }

  /** Steps taken, if built. */
  steps(): { latent?: number } {
    return this.built ? { latent: this.built.unit.stepCount } : {};
  }

  /** Throws the DDPM and its autoencoder away (the next request builds them again, untrained). */
  reset(): void {
    this.loop.unregister(LATENT_MODEL);
    this.built?.unit.dispose();
    this.built?.ae.dispose();
    this.built = null;
    this.building = null;
    this.generation++;
    this.sampleRuns.clear();
  }

  /**
   * n codes by DDIM-50 from the seed's x_T, z = u s + m, x = D(z); with `score`, the digit
   * yardstick's figures and the Fréchet ends for n images. Training waits meanwhile; a newer
   * sample of the same `owner` cancels this one.
   */
  async sample(runId: number, options: LatentSampleOptions): Promise<LatentSampleResult> {
    const { n, seed, score = false, owner = '' } = options;
    requireInteger('n', n, score ? 2 : 1, MAX_LATENT_SAMPLES);
    const b = await this.ensure();
    const y = score ? await this.digitYardstick() : null;
    this.sampleRuns.set(owner, runId);
    let last = performance.now();
    const onStep = async (done: number, total: number): Promise<void> => {
      if (performance.now() - last < PROGRESS_EVERY_MS && done < total) return;
      last = performance.now();
      this.post({ type: 'sampleProgress', model: LATENT_MODEL, runId, done, total });
      await yieldToEvents(); // let pauses and newer requests in
    };
    const isCancelled = (): boolean => this.sampleRuns.get(owner) !== runId || this.built !== b;
    return this.loop.evaluating(async (): Promise<LatentSampleResult> => {
      const { unit } = b;
      const head = { model: LATENT_MODEL, d: b.d, step: unit.stepCount, trainSeconds: unit.trainSeconds };
      const result = await sample(unit.network.trainer.sampler, unit.network.schedule, { ...LATENT_SAMPLER, n, seed, onStep, isCancelled });
      if (result.cancelled) return { ...head, codes: result.points, pixels: new Float32Array(0), cancelled: true };
      const pixels = await b.ae.decode(fromStandardLatents(result.points, b.codes.scale));
      const out: LatentSampleResult = { ...head, codes: result.points, pixels, cancelled: false };
      if (!y) return out;
      const figures = scoreSamples(y, pixels);
      let ends = this.ends.get(n);
      if (!ends) this.ends.set(n, (ends = frechetEnds(y, n)));
      return { ...out, score: { ...figures, heldOutConfidentShare: y.heldOutConfidentShare, passes: passesBar(figures, y), frechetEnds: ends } };
    });
  }

  /** The digit yardstick, built on first use (classifier and digits fetched), tried again if that failed. */
  private readonly digitYardstick = sharedUntilFailed(async (): Promise<Yardstick> => {
    const [net, set] = await Promise.all([this.data.classifier(), this.data.digits()]);
    return makeYardstick(net, digitsTrain(set), digitsHeldOut(set));
  });

  dispose(): void {
    this.reset();
  }
}
