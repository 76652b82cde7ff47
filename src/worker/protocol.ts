/**
 * Messages between the page and the engine worker: discriminated unions on a string `type`
 * (no const enums: Vite compiles each file alone). Every request carries an `id` that its reply
 * echoes; long operations (training, sampling) carry a `runId`, and the client drops any frame
 * whose runId is not the current one. Float32Array payloads travel as transferables.
 */
import type { NamedWeight } from '../engine/tf/denoiser';
import type { BackendName } from '../engine/settings/engineSettings';
import type { SampleRequestOptions } from '../engine/settings/sampling';
import type { SessionConfig } from '../engine/settings/sessionConfig';
import type { FrechetEnds } from '../engine/images/frechetEnds';
import type { DigitScore } from '../engine/images/sampleQuality';
import type { ImageModelId, LabModelId, ModelId, UpsampleModelId, VideoModelId } from '../engine/modelIds';
import type { ClipFigures } from '../engine/video/temporalConsistency';
import type { LatentDim } from '../engine/latent/latentDims';
import type { LatentSampleOptions } from './latentProtocol';
export type { LatentOverview, LatentReconstruction, LatentSampleOptions, LatentSampleResult } from './latentProtocol';

// The config and sampler options are the engine's (derived from its settings table); re-exported
// here so the worker's and the page's imports keep working.
export { BACKENDS, type BackendName } from '../engine/settings/engineSettings';
export { clampToT, type SampleRequestOptions } from '../engine/settings/sampling';
export type { SessionConfig } from '../engine/settings/sessionConfig';

/** A chapter-7 signals or one-shot sample: `n` signals from seed `seed`. */
export interface SignalSampleOptions {
  n: number;
  seed: number;
}

/** A guided sample: `n` points of class `classLabel` with guidance weight `w` (eq. 7.4). */
export interface GuidedSampleOptions {
  n: number;
  seed: number;
  classLabel: number;
  w: number;
}

/**
 * An image sample: `n` 8×8 digits by DDIM in `steps` steps (η = `eta`, default 0) from the x_T that
 * `seed` fixes (same seed, same x_T: a grid watched sharpening as training goes), of class
 * `classLabel` with guidance weight `w` (eq. 7.4), or unconditional without a class (w unused).
 * `score`: also the digit yardstick's figures for them (n ≥ 2).
 */
export interface ImageSampleOptions {
  n: number;
  seed: number;
  classLabel?: number;
  w: number;
  steps: number;
  eta?: number;
  score?: boolean;
  /** The reverse process: also K = `frames` states of the chain (2 ≤ K ≤ steps + 1) with x̂₀ beside each (ImageReverseFrames). */
  frames?: number;
  /** "Does it copy?": also each image's nearest training image (ImageNearest). */
  nearest?: boolean;
  /**
   * Who asks (a widget id): a newer sample with the same owner cancels this one, while other owners'
   * samples run beside it, so widgets sharing the model on one page do not cancel each other. Default ''.
   */
  owner?: string;
}

/** The sample options each model takes. */
export interface SampleOptionsByModel {
  main: SampleRequestOptions;
  signals: SignalSampleOptions;
  oneShot: SignalSampleOptions;
  guided: GuidedSampleOptions;
  images: ImageSampleOptions;
  shapes: ImageSampleOptions;
  videoJoint: VideoSampleOptions;
  videoFrames: VideoSampleOptions;
  latent: LatentSampleOptions;
  upsample: UpsampleOptions;
}

/** A sample request: its options are the kind its model takes (a union discriminated by `model`). */
export type SampleRequest = { [M in ModelId]: { type: 'sample'; id: number; runId: number; model: M; options: SampleOptionsByModel[M] } }[ModelId];

/** What `describe` answers for the main model: its settings (without the custom points), the last sample's options and the step. */
export interface MainDescription {
  config: Omit<SessionConfig, 'points'>;
  lastSampling: SampleRequestOptions | null;
  step: number;
}

/** Page → worker. */
export type Request =
  /** `base`: the page's document.baseURI, against which the worker fetches the site's data files (data/*.bin). */
  | { type: 'init'; id: number; backend: BackendName | 'auto'; base?: string }
  | { type: 'configure'; id: number; config: SessionConfig }
  /** Train `model` until paused (start), stop it (pause), or train exactly `steps` (step). */
  | { type: 'train'; id: number; runId: number; model: ModelId; action: 'start' | 'pause' | 'step'; steps?: number }
  | SampleRequest
  | { type: 'ack'; id: number; runId: number; chunk: number }
  | { type: 'forward'; id: number; n: number; every: number; seed: number }
  | { type: 'elbo'; id: number; n: number; seed: number }
  /** Scores drawn digits (m × 64 in [−1, 1], on the 17 grey levels) with the image model: an ImageLikelihoodResult. */
  | { type: 'imageLikelihood'; id: number; images: Float32Array; seed: number }
  /** The network's ε prediction (weight average) at 0-indexed timestep `i` for 2D `points`. */
  | { type: 'predict'; id: number; i: number; points: Float32Array }
  | { type: 'exportWeights'; id: number }
  | { type: 'importWeights'; id: number; weights: NamedWeight[]; step: number }
  /** A whole saved model: a session for `config` with these weights, or an error and nothing changed. */
  | { type: 'importModel'; id: number; config: SessionConfig; weights: NamedWeight[]; step: number }
  /** Throws `model` away: the main session until configured again, a lab model until next used (then built afresh). */
  | { type: 'reset'; id: number; model: ModelId }
  /** The main model's settings, last sampling options and step (a MainDescription). */
  | { type: 'describe'; id: number }
  /** The image model afresh: from the pretrained default, or untrained weights (scratch). Replies an ImageModelStatus. */
  | { type: 'imageModelStart'; id: number; from: 'pretrained' | 'scratch'; model?: ImageModelId }
  /** The image model as a model file (float32): replies { bytes: Uint8Array, step }. */
  | { type: 'imageModelExport'; id: number; model?: ImageModelId }
  /** A model file for the image model (`name`: the file's, for the status): replies an ImageModelStatus, or an error with the current model kept. */
  | { type: 'imageModelLoad'; id: number; bytes: ArrayBuffer; name: string; model?: ImageModelId }
  /** A video model afresh: from its pretrained default, or untrained weights (scratch). Replies an ImageModelStatus. */
  | { type: 'videoModelStart'; id: number; from: 'pretrained' | 'scratch'; model: VideoModelId }
  /** Issue 15's upsampler: k 8×8 completions of one 4×4 image (an UpsampleResult). */
  | { type: 'upsample'; id: number; options: UpsampleOptions }
  /** The upsampler afresh: from its shipped weights, or untrained weights (scratch). Replies an ImageModelStatus. */
  | { type: 'upsampleStart'; id: number; from: 'pretrained' | 'scratch' }
  /** The page's heartbeat while nothing else is heard: the worker replies at once. */
  | { type: 'ping'; id: number }
  /** Latent diffusion with the autoencoder of latent size d (an untrained latent DDPM if d changes or `fresh`): replies a LatentOverview. */
  | { type: 'latentStart'; id: number; d: LatentDim; fresh?: boolean };

/** An upsample request: k samples (2 … 32) for the condition y (16 values in [−1, 1], the 4×4 image row-major) from `seed`; a newer request of the same `owner` cancels this one. */
export interface UpsampleOptions {
  cond: Float32Array;
  k: number;
  seed: number;
  owner?: string;
}

/** The upsampler's reply: k samples (k × 64 in [−1, 1]), each one's 2×2-pooled view (k × 16) and condition error mean |D(x̂) − y| (k), their mean, and the k samples' pixel spread. */
export interface UpsampleResult {
  samples: Float32Array;
  downsampled: Float32Array;
  errors: Float32Array;
  conditionError: number;
  pixelSpread: number;
  /** Training steps behind the weights that drew the samples (the shipped file's, or where training here had got to). */
  step: number;
  /** Where those weights started: the shipped file, or untrained (trained here from scratch). */
  origin: ImageModelOrigin;
  /** A newer request of the same owner took over (the samples may be unfinished). */
  cancelled: boolean;
}

export type RequestType = Request['type'];

export interface BackendReport {
  name: BackendName;
  /** Why this one: "forced by ?backend=…", or the measured warm-up speeds of every working backend. */
  reason: string;
  /** Training steps per second measured in the warm-up, per backend that worked. */
  measured: Partial<Record<BackendName, number>>;
  /** Backends that failed to initialise, with the error. */
  failed: Partial<Record<BackendName, string>>;
  adapter?: string;
}

/** A model's training progress, every ~100 ms while it trains (and after a `step` request). */
export interface ProgressEvent {
  type: 'progress';
  model: ModelId;
  runId: number;
  step: number;
  /** Mean loss over the steps since the last report. */
  loss: number;
  smoothedLoss: number;
  stepsPerSecond: number;
  /** Mean loss per band of timesteps (models whose trainer counts them: main). */
  bucketLoss?: Float32Array;
  numTensors: number;
  running: boolean;
  /** CPU threads the training steps run on (2 when the SIMD kernels have their helper thread). */
  threads: number;
}

/** Worker → page. */
export type WorkerEvent =
  | { type: 'ready'; id: number; backend: BackendReport }
  | { type: 'reply'; id: number; ok: true; value?: unknown }
  | { type: 'error'; id: number | null; field?: string; message: string }
  | ProgressEvent
  | { type: 'paused'; model: ModelId; runId: number; step: number; reason: 'user' | 'nonFinite' | 'steps'; message?: string; rolledBackTo?: number }
  /** Which models are training now (sent whenever that changes). */
  | { type: 'state'; running: ModelId[] }
  /** A chunk of traced reverse-trajectory frames: `ts[k]` is the t of frame k; points are frames × nTrace × 2. */
  | { type: 'frames'; runId: number; chunk: number; ts: Int32Array; points: Float32Array; nTrace: number }
  /** Weights saved every few hundred finite steps, so the page can restore them in a new worker. */
  | { type: 'checkpoint'; step: number; weights: NamedWeight[] }
  /** A model's sampling progress, at most every ~100 ms (also the worker's heartbeat during long samples). */
  | { type: 'sampleProgress'; model: ModelId; runId: number; done: number; total: number }
  /** Progress of the `elbo` or `imageLikelihood` request `id` (network evaluations done of total), at most every ~100 ms. */
  | { type: 'elboProgress'; id: number; done: number; total: number }
  | { type: 'done'; runId: number; points: Float32Array; cancelled: boolean }
  /** The sampler of run `runId` stopped with an error after its request was answered. */
  | { type: 'sampleFailed'; runId: number; message: string }
  /** The image model has new starting weights (built, started afresh, loaded from a file): where they came from, and its step. */
  | ({ type: 'modelOrigin'; model: ImageModelId | VideoModelId | UpsampleModelId } & ImageModelStatus);

/** Where the image model's weights came from: what its status line says ("pretrained, 8000 steps", "+ 800 steps trained here"). */
export interface ImageModelOrigin {
  /** pretrained: the site's public/pretrained/digits.bin; file: a model file the reader loaded; untrained: fresh random weights. */
  kind: 'pretrained' | 'file' | 'untrained';
  /** Training steps behind the starting weights (0 when untrained): steps beyond them were trained here. */
  steps: number;
  /** The loaded file's name (kind 'file'). */
  name?: string;
  /** Why it is untrained although the pretrained default was asked for (the file could not be loaded). */
  note?: string;
}

/** The image model now: where its weights came from and the steps it has taken in all. */
export interface ImageModelStatus {
  origin: ImageModelOrigin;
  step: number;
}

/** A lab model's sample reply: DDPM samples (n × dim), and for the one-shot model its outputs from the same x_T as the signals DDPM's. */
export interface LabSampleResult {
  model: LabModelId;
  /** Training steps of the model when sampled. */
  step: number;
  /** One-shot model: the training steps of the signals DDPM it is compared with. */
  ddpmStep?: number;
  points: Float32Array;
  oneShot?: Float32Array;
  /** A newer sample request of the same model took over. */
  cancelled: boolean;
}

/** A fixed-recipe model's train reply: the step count of each model of its kind built so far (absent: not built). */
export type TrainStepsReply = Partial<Record<Exclude<ModelId, 'main'>, number>>;

/** The digit yardstick's figures for an image sample (src/engine/images/sampleQuality.ts), and the bar. */
export interface ImageScore extends DigitScore {
  /** The held-out digits' confident share: the bar asks for 80% of it. */
  heldOutConfidentShare: number;
  /** Whether the sample clears the digit bar (passesDigitBar). */
  passes: boolean;
  /** The Fréchet distance's two ends for as many images: real digits (the floor) and clipped noise. */
  frechetEnds: FrechetEnds;
}

/** The image model's sample reply: n images (n × width × height pixels in [−1, 1], row-major). */
export interface ImageSampleResult {
  model: ImageModelId;
  /** Training steps of the model when sampled. */
  step: number;
  pixels: Float32Array;
  width: number;
  height: number;
  /** A newer sample request of the same owner took over. */
  cancelled: boolean;
  /** With `score: true` (and not cancelled). */
  score?: ImageScore;
  /** With `frames: K` (fewer frames if cancelled). */
  frames?: ImageReverseFrames;
  /** With `nearest: true` (and not cancelled). */
  nearest?: ImageNearest;
}

/**
 * K states of the DDIM chain for all n images, frame-major (K × n × 64 each): `t` of each frame
 * (T first, 0 for the finished sample last), x_t, and x̂₀ = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t (eq. 4.6)
 * clipped to [−1, 1] (at t = 0, the sample itself).
 */
export interface ImageReverseFrames {
  t: Int32Array;
  xt: Float32Array;
  x0: Float32Array;
}

/** Per image (n): its nearest training image (eq. 8.4), as an index into the training split (file order), its pixels (n × 64) and L2 distance. */
export interface ImageNearest {
  index: Int32Array;
  pixels: Float32Array;
  distance: Float64Array;
  /** The yardstick: median distance from a held-out digit to its nearest training image (pixels in [−1, 1]). */
  heldOutNearestMedian: number;
  /** Every held-out digit's distance to its nearest training image, ascending: the yardstick's spread. */
  heldOutDistances: Float64Array;
}

/**
 * The reply to `imageLikelihood`: per drawn image, −ELBO in bits per dimension (eq. 8.8, 8.5) and the
 * denoising-error anomaly score per pixel (eq. 7.5 / 64), both from the unconditional ε_∅; the same
 * figures for ~100 held-out digits (`reference`, one entry per digit), and the model's step.
 */
export interface ImageLikelihoodResult {
  bitsPerDim: Float64Array;
  anomaly: Float64Array;
  reference: { bitsPerDim: number[]; anomaly: number[] };
  step: number;
}

/**
 * Video clips (issue 15): `n` clips of 8 frames of 8×8 by DDIM-50 from the x_T that `seed` fixes,
 * scored by the temporal figures beside `n` training-like clips drawn from the same seed. A newer
 * sample of the same `owner` cancels this one (as ImageSampleOptions).
 */
export interface VideoSampleOptions {
  n: number;
  seed: number;
  owner?: string;
}

/** A video sample reply: the model's clips and the data's, each n × frames × side² (frame-major) in [−1, 1], with their figures. */
export interface VideoSampleResult {
  model: VideoModelId;
  /** Training steps of the model when sampled. */
  step: number;
  frames: number;
  side: number;
  clips: Float32Array;
  figures: ClipFigures;
  /** n clips of the data (makeBallClips(n, seed)) and their figures: the yardstick. */
  dataClips: Float32Array;
  data: ClipFigures;
  cancelled: boolean;
}
