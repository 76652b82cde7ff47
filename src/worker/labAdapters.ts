/**
 * The chapter-7 lab networks as `TrainableModel`s for the training loop: the signals DDPM (the
 * engine's Trainer on the playground's denoiser), the one-shot denoiser of eq. 7.2 and the
 * class-conditional denoiser (both on the engine's LabTrainer). This is the one file that knows
 * how each is built and trained; when the engine builds them itself, only this file changes.
 */
import * as tf from '@tensorflow/tfjs';
import { labelledBlobs } from '../engine/datasets';
import { makeRng } from '../engine/rng';
import type { Schedule } from '../engine/schedule';
import {
  ConditionalDenoiser, conditionalLoss, DEFAULT_CONDITIONAL, Denoiser, guidedModel, LabTrainer, OneShotDenoiser, oneShotLoss, resolveDenoiserConfig, Trainer,
  type EpsModel, type LossFn, type NamedWeight,
} from '../engine/tf';
import { BLOB_COUNT, BLOB_SEED, DROP_LABEL, LAB_BATCH, LAB_LEARNING_RATE, SINE_LENGTH } from './labConfig';
import type { TrainableModel, TrainStatsLike } from './trainable';

const EMA_DECAY = 0.99;

export interface LabUnit extends TrainableModel {
  dispose(): void;
}
export interface SignalsUnit extends LabUnit {
  /** The network to sample from (the weight average). */
  sampler(): EpsModel;
}
export interface OneShotUnit extends LabUnit {
  /** The one-shot estimate x̂_0 = f(x_T) for each row of `xT`. */
  predict(xT: Float32Array): Promise<Float32Array>;
}
export interface GuidedUnit extends LabUnit {
  /** ε̃ = (1 + w) ε(x_t, t, c) − w ε(x_t, t, ∅) of the averaged network (eq. 7.4). */
  guided(classLabel: number, w: number): EpsModel;
}

/** The DDPM on signals: the playground's denoiser with dim = signal length (x_t fed raw, no coordinate embedding). */
export function buildSignals(schedule: Schedule, data: Float32Array): SignalsUnit {
  const config = resolveDenoiserConfig({ dim: SINE_LENGTH, T: schedule.T, width: 128, depth: 2, timeEmbedDim: 32, inputEmbedDim: 0 });
  let model = new Denoiser(config, 1);
  const makeTrainer = (seed: number): Trainer => new Trainer(model, schedule, data, { batchSize: LAB_BATCH, learningRate: LAB_LEARNING_RATE, emaDecay: EMA_DECAY, seed });
  let trainer = makeTrainer(2);
  let offset = 0;
  return {
    train: (n) => trainer.train(n),
    readStats: (): Promise<TrainStatsLike> => trainer.readStats().then(({ loss }) => ({ loss })),
    get stepCount() { return offset + trainer.stepCount; },
    get threads() { return trainer.threads; },
    getWeights: async () => [...(await model.getWeights()), ...(await trainer.sampler.getWeights())],
    setWeights: (weights, step) => {
      const half = model.variables.length;
      model.setWeights(weights.slice(0, half));
      trainer.dispose();
      trainer = makeTrainer(2 + step);
      trainer.ema?.setWeights(weights.slice(half));
      offset = step;
    },
    reinitialise: () => {
      trainer.dispose();
      model.dispose();
      model = new Denoiser(config, 1);
      trainer = makeTrainer(2);
      offset = 0;
    },
    sampler: () => trainer.sampler,
    dispose: () => { trainer.dispose(); model.dispose(); },
  };
}

/** A network the LabTrainer trains: its variables, those of its weight average (or none), its loss. */
interface LabNet<N> {
  net: N;
  variables: tf.Variable[];
  ema: tf.Variable[];
  loss: LossFn;
  dispose(): void;
}

/** A LabTrainer-trained network as a TrainableModel: checkpoints hold raw then averaged variables. */
class LabTrainerUnit<N> implements LabUnit {
  private parts: LabNet<N>;
  private trainer: LabTrainer;
  private offset = 0;
  readonly threads = 1;

  constructor(private readonly build: () => LabNet<N>) {
    this.parts = build();
    this.trainer = this.makeTrainer();
  }

  private makeTrainer(): LabTrainer {
    return new LabTrainer(this.parts.variables, this.parts.loss, this.parts.ema, { learningRate: LAB_LEARNING_RATE, emaDecay: this.parts.ema.length > 0 ? EMA_DECAY : 0 });
  }

  get net(): N {
    return this.parts.net;
  }

  get stepCount(): number {
    return this.offset + this.trainer.stepCount;
  }

  train(n: number): void {
    this.trainer.train(n);
  }

  async readStats(): Promise<TrainStatsLike> {
    return { loss: (await this.trainer.readStats()).loss };
  }

  getWeights(): Promise<NamedWeight[]> {
    return Promise.all([...this.parts.variables, ...this.parts.ema].map(async (v) => ({ name: v.name, shape: v.shape.slice(), values: Float32Array.from((await v.data()) as Float32Array) })));
  }

  setWeights(weights: NamedWeight[], step: number): void {
    const { variables, ema } = this.parts;
    assign(variables, weights.slice(0, variables.length));
    this.trainer.dispose();
    this.trainer = this.makeTrainer(); // a fresh optimizer; it starts the average at the raw weights
    assign(ema, weights.slice(variables.length));
    this.offset = step;
  }

  reinitialise(): void {
    this.trainer.dispose();
    this.parts.dispose();
    this.parts = this.build();
    this.trainer = this.makeTrainer();
    this.offset = 0;
  }

  dispose(): void {
    this.trainer.dispose();
    this.parts.dispose();
  }
}

function assign(variables: tf.Variable[], weights: NamedWeight[]): void {
  tf.tidy(() => variables.forEach((v, k) => v.assign(tf.tensor(weights[k]!.values, v.shape))));
}

/** The one-shot denoiser of eq. 7.2, trained on x̃ = the final state x_T of the same schedule. */
export function buildOneShot(schedule: Schedule, data: Float32Array): OneShotUnit {
  const alphaBarT = schedule.alphaBars[schedule.T - 1]!;
  const unit = new LabTrainerUnit(() => {
    const net = new OneShotDenoiser({ dim: SINE_LENGTH, width: 64, depth: 2 }, 3);
    return { net, variables: net.variables, ema: [], loss: oneShotLoss(net, data, alphaBarT, makeRng(4), LAB_BATCH), dispose: () => net.dispose() };
  });
  return Object.assign(unit, { predict: (xT: Float32Array) => unit.net.predict(xT) });
}

/** The class-conditional denoiser, trained with labels dropped to ∅ with probability DROP_LABEL; sampled from its average. */
export function buildGuided(schedule: Schedule): GuidedUnit {
  const set = labelledBlobs(BLOB_COUNT, BLOB_SEED);
  const config = { ...DEFAULT_CONDITIONAL, dim: 2, T: schedule.T, classes: set.classes };
  const unit = new LabTrainerUnit(() => {
    const model = new ConditionalDenoiser(config, 5);
    const ema = new ConditionalDenoiser(config, 5);
    const loss = conditionalLoss(model, schedule, set.points, set.labels, makeRng(6), { batchSize: LAB_BATCH, dropLabel: DROP_LABEL });
    return { net: ema, variables: model.variables, ema: ema.variables, loss, dispose: () => { model.dispose(); ema.dispose(); } };
  });
  return Object.assign(unit, { guided: (classLabel: number, w: number) => guidedModel(unit.net, classLabel, w) });
}
