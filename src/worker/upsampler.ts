/**
 * Issue 15's upsampler in the worker: the recipe's network (src/engine/upsample/) with the shipped
 * weights (public/pretrained/upsample.bin), loaded on first use; k 8×8 samples for one 4×4
 * condition y, each with its own downsampled view and condition error, and the k samples' pixel
 * spread. It does not train in the page (npm run pretrain makes the file), so it needs no training
 * loop; a newer request of the same owner cancels an older one still sampling.
 */
import { decodeModelFile } from '../engine/modelFile';
import type { Schedule } from '../engine/schedule';
import type { Denoiser } from '../engine/tf/denoiser';
import { downsample, LOW_DIM } from '../engine/upsample/downsample';
import { checkUpsampleModelFile } from '../engine/upsample/upsampleModelFile';
import { drawUpsampled, upsampleNetwork } from '../engine/upsample/upsampleModel';
import { conditionErrors, pixelSpread, repeatConditions } from '../engine/upsample/upsampleQuality';
import { EngineInputError, requireInteger } from '../engine/inputError';
import type { ImageDataLoader } from './imageData';
import type { UpsampleOptions, UpsampleResult } from './protocol';
import { yieldToEvents } from './yieldToEvents';

/** Most samples one request may ask for (the widget shows 8). */
export const MAX_UPSAMPLES = 32;

export class Upsampler {
  private unit: Promise<{ net: Denoiser; schedule: Schedule; step: number }> | null = null;
  /** Each owner's latest request: an older one still sampling is cancelled. */
  private readonly latest = new Map<string, number>();
  private requests = 0;

  constructor(private readonly load: ImageDataLoader) {}

  /** The network with the shipped weights, loaded once (a failed load is tried again next time). */
  ensure(): Promise<{ net: Denoiser; schedule: Schedule; step: number }> {
    this.unit ??= this.load('upsamplePretrained').then(
      (bytes) => {
        const file = checkUpsampleModelFile(decodeModelFile(bytes));
        const { net, schedule } = upsampleNetwork();
        net.setWeights(file.weights);
        return { net, schedule, step: file.step };
      },
      (error: unknown) => {
        this.unit = null;
        throw error;
      },
    );
    return this.unit;
  }

  /** k samples for the condition y (16 values in [−1, 1], the 4×4 image row-major), from `seed`. */
  async sample(options: UpsampleOptions): Promise<UpsampleResult> {
    const { cond, k, seed, owner = '' } = options;
    if (!(cond instanceof Float32Array) || cond.length !== LOW_DIM) throw new EngineInputError('cond', `${LOW_DIM} values (the 4×4 image)`, cond);
    if (cond.some((v) => !(v >= -1 && v <= 1))) throw new EngineInputError('cond', 'values in [−1, 1]', cond.find((v) => !(v >= -1 && v <= 1)));
    requireInteger('k', k, 2, MAX_UPSAMPLES);
    const request = ++this.requests;
    this.latest.set(owner, request);
    const { net, schedule, step } = await this.ensure();
    const isCancelled = (): boolean => this.latest.get(owner) !== request;
    const samples = await drawUpsampled(net, schedule, cond, k, seed, { isCancelled, onStep: () => yieldToEvents() });
    const cancelled = isCancelled();
    const errors = conditionErrors(samples, repeatConditions(cond, k));
    return {
      samples, downsampled: downsample(samples), errors, step, cancelled,
      conditionError: errors.reduce((a, e) => a + e, 0) / k,
      pixelSpread: pixelSpread(samples, k),
    };
  }

  dispose(): void {
    void this.unit?.then(({ net }) => net.dispose(), () => {});
    this.unit = null;
  }
}
