/**
 * The chapter-7 lab models, every one a Denoiser trained by the one Trainer (packed Adam; our SIMD
 * kernels and their helper thread on WASM):
 *   - the DDPM on sine-wave signals (eq. 7.1),
 *   - the one-shot denoiser of eq. 7.2 (no timestep input; trained only at t = T on x_T → x_0),
 *   - the class-conditional DDPM on labelled blobs with classifier-free guidance (eq. 7.4).
 * Each builder returns the trainer (train(n), readStats(), stepCount, threads, sampler, dispose())
 * and what sampling that model needs.
 */
import { labelledBlobs, makeSineWaves, type LabelledPointSet } from '../datasets';
import { BLOB_COUNT, BLOB_SEED, DROP_LABEL, LAB_BATCH, LAB_EMA_DECAY, LAB_LEARNING_RATE, LAB_SCHEDULE, SINE_COUNT, SINE_LENGTH, SINE_SEED } from '../labSettings';
import { makeSchedule, type Schedule } from '../schedule';
import { Denoiser } from './denoiser';
import { resolveDenoiserConfig, type DenoiserConfig } from './denoiserConfig';
import { guidedEpsModel } from './guidedSampler';
import type { EpsModel } from './sampler';
import { Trainer, type TrainerOptions } from './trainer';

/** The networks' shapes (x_t fed raw to the signal models: a coordinate embedding does not help 32-sample signals). */
export const SIGNAL_NET: Partial<DenoiserConfig> = { width: 128, depth: 2, timeEmbedDim: 32, inputEmbedDim: 0 };
/** f_φ(x̃): no timestep input, x_0 out. */
export const ONE_SHOT_NET: Partial<DenoiserConfig> = { width: 64, depth: 2, timeEmbedDim: 0, inputEmbedDim: 0, prediction: 'x0' };
export const GUIDED_NET: Partial<DenoiserConfig> = { width: 96, depth: 2, timeEmbedDim: 16, inputEmbedDim: 16, inputEmbedScale: 10 };

const LAB_TRAINER: Partial<TrainerOptions> = { batchSize: LAB_BATCH, learningRate: LAB_LEARNING_RATE, optimizer: 'adam', gradClip: 1 };

/** A lab network and the trainer that owns its steps. */
export interface LabNetwork {
  readonly model: Denoiser;
  /** The trainer of the model's steps (a new one after `restart`). */
  readonly trainer: Trainer;
  /**
   * Replaces the trainer with a fresh one (new optimizer state) over the model's current weights,
   * its random stream moved on by `step`: how a checkpoint restored at `step` resumes.
   */
  restart(step: number): void;
  /** Frees the trainer, then the network. */
  dispose(): void;
}

export interface SignalNetwork extends LabNetwork {
  /** The training signals (n × SINE_LENGTH). */
  readonly data: Float32Array;
}

export interface OneShotNetwork extends LabNetwork {
  /** x̂_0 = f_φ(x̃) for noisy signals (n × dim, row-major). */
  predict(noisy: Float32Array): Promise<Float32Array>;
}

export interface GuidanceNetwork extends LabNetwork {
  readonly data: LabelledPointSet;
  /** The guided ε̃ of eq. 7.4 for class c and weight w (w = 0: class c alone; w = −1: unconditional), from the weight average. */
  guided(c: number, w: number): EpsModel;
}

/** A network with its trainer; `makeTrainer(step)` builds one seeded for resuming at `step`. */
export function labNetwork(model: Denoiser, makeTrainer: (step: number) => Trainer): LabNetwork {
  let trainer = makeTrainer(0);
  return {
    model,
    get trainer() { return trainer; },
    restart(step) {
      trainer.dispose();
      trainer = makeTrainer(step);
    },
    dispose() {
      trainer.dispose();
      model.dispose();
    },
  };
}

/** The lab's training signals. */
export function signalData(): Float32Array {
  return makeSineWaves(SINE_COUNT, SINE_SEED, SINE_LENGTH).points;
}

/** The DDPM on sine-wave signals; sample from `trainer.sampler` (the weight average). */
export function buildSignalModel(schedule: Schedule = makeSchedule(LAB_SCHEDULE), data: Float32Array = signalData()): SignalNetwork {
  const model = new Denoiser(resolveDenoiserConfig({ ...SIGNAL_NET, dim: SINE_LENGTH, T: schedule.T }), 1);
  // Object.assign, not a spread: a spread would copy `trainer` once instead of keeping its getter.
  return Object.assign(labNetwork(model, (step) => new Trainer(model, schedule, data, { ...LAB_TRAINER, emaDecay: LAB_EMA_DECAY, seed: 2 + step })), { data });
}

/**
 * The one-shot denoiser of eq. 7.2 on the same signals: every training sample is the final state
 * x̃ = x_T = √ᾱ_T x_0 + √(1 − ᾱ_T) ε and the loss ‖f_φ(x̃) − x_0‖² (the Trainer at the fixed
 * timestep T − 1 with an x_0 target; the network has no timestep input, so T − 1 only sets ᾱ).
 */
export function buildOneShotModel(data: Float32Array, schedule: Schedule = makeSchedule(LAB_SCHEDULE)): OneShotNetwork {
  const dim = SINE_LENGTH;
  const model = new Denoiser(resolveDenoiserConfig({ ...ONE_SHOT_NET, dim, T: schedule.T }), 3);
  const last = schedule.T - 1;
  const net = labNetwork(model, (step) => new Trainer(model, schedule, data, { ...LAB_TRAINER, emaDecay: 0, fixedTimestep: last, seed: 4 + step }));
  return Object.assign(net, { predict: (noisy: Float32Array) => net.trainer.sampler.outputArray(noisy, last) });
}

/** The class-conditional DDPM on labelled blobs, labels dropped to ∅ with probability DROP_LABEL. */
export function buildGuidedModel(schedule: Schedule = makeSchedule(LAB_SCHEDULE), data: LabelledPointSet = labelledBlobs(BLOB_COUNT, BLOB_SEED)): GuidanceNetwork {
  const model = new Denoiser(resolveDenoiserConfig({ ...GUIDED_NET, dim: 2, T: schedule.T, classes: data.classes }), 5);
  const net = labNetwork(model, (step) => new Trainer(model, schedule, data, { ...LAB_TRAINER, emaDecay: LAB_EMA_DECAY, dropLabel: DROP_LABEL, seed: 6 + step }));
  return Object.assign(net, { data, guided: (c: number, w: number) => guidedEpsModel(net.trainer.sampler, c, w) });
}
