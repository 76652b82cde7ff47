/**
 * The chapter-7 lab networks as `TrainableModel`s for the training loop. The engine builds them
 * (src/engine/tf/labModels.ts: every one a Denoiser on the one Trainer, so the SIMD kernels and
 * their helper thread on WASM); this file only adds what the loop needs: a step count that
 * survives a restored checkpoint, and checkpoints that hold the raw weights, then the averaged.
 */
import type { Schedule } from '../engine/schedule';
import type { EpsModel, NamedWeight } from '../engine/tf';
import { buildGuidedModel, buildOneShotModel, buildSignalModel, type LabNetwork } from '../engine/tf/labModels';
import type { TrainableModel, TrainStatsLike } from './trainable';

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

/** Any lab network (or the image model's) as a TrainableModel; `network` is the current one (a fresh one after `reinitialise`). */
export class NetworkUnit<N extends LabNetwork> implements LabUnit {
  private net: N;
  /** Steps of the weights a checkpoint restored (the trainer counts only its own). */
  private offset = 0;

  constructor(private readonly build: () => N) {
    this.net = build();
  }

  get network(): N {
    return this.net;
  }

  get stepCount(): number {
    return this.offset + this.net.trainer.stepCount;
  }

  get threads(): number {
    return this.net.trainer.threads;
  }

  train(n: number): void {
    this.net.trainer.train(n);
  }

  async readStats(): Promise<TrainStatsLike> {
    return { loss: (await this.net.trainer.readStats()).loss };
  }

  async getWeights(): Promise<NamedWeight[]> {
    return [...(await this.net.model.getWeights()), ...(await this.net.trainer.sampler.getWeights())];
  }

  setWeights(weights: NamedWeight[], step: number): void {
    const half = this.net.model.variables.length;
    this.net.model.setWeights(weights.slice(0, half));
    this.net.restart(step); // a fresh optimizer over the restored weights
    this.net.trainer.ema?.setWeights(weights.length === 2 * half ? weights.slice(half) : weights.slice(0, half));
    this.offset = step;
  }

  reinitialise(): void {
    this.net.dispose();
    this.net = this.build();
    this.offset = 0;
  }

  dispose(): void {
    this.net.dispose();
  }
}

/** The DDPM on signals: the playground's denoiser with dim = signal length. */
export function buildSignals(schedule: Schedule, data: Float32Array): SignalsUnit {
  const unit = new NetworkUnit(() => buildSignalModel(schedule, data));
  return Object.assign(unit, { sampler: () => unit.network.trainer.sampler });
}

/** The one-shot denoiser of eq. 7.2, trained on x̃ = the final state x_T of the same schedule. */
export function buildOneShot(schedule: Schedule, data: Float32Array): OneShotUnit {
  const unit = new NetworkUnit(() => buildOneShotModel(data, schedule));
  return Object.assign(unit, { predict: (xT: Float32Array) => unit.network.predict(xT) });
}

/** The class-conditional denoiser (labels dropped to ∅ one time in ten), sampled from its average. */
export function buildGuided(schedule: Schedule): GuidedUnit {
  const unit = new NetworkUnit(() => buildGuidedModel(schedule));
  return Object.assign(unit, { guided: (classLabel: number, w: number) => unit.network.guided(classLabel, w) });
}
