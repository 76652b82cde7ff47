/**
 * Chapter 7's lab models in the worker, by id: `signals` (a DDPM on sine-wave signals), `oneShot`
 * (a one-shot denoiser on the same signals) and `guided` (a class-conditional DDPM on labelled
 * blobs). Each is built on first use with the fixed settings of labConfig.ts and handed to the
 * training loop, which trains it like any other model; here they are sampled and reset.
 */
import { makeSineWaves } from '../engine/datasets';
import { requireInteger } from '../engine/inputError';
import { makeRng } from '../engine/rng';
import { makeSchedule, type Schedule } from '../engine/schedule';
import { DEFAULT_SAMPLE, sample } from '../engine/tf';
import { buildGuided, buildOneShot, buildSignals, type GuidedUnit, type LabUnit, type OneShotUnit, type SignalsUnit } from './labAdapters';
import { LAB_SCHEDULE, SINE_COUNT, SINE_LENGTH, SINE_SEED } from '../engine/labSettings';
import { MAX_LAB_SAMPLES } from './labConfig';
import { LAB_MODELS, type LabModelId } from '../engine/modelIds';
import type { LabSampleResult, SampleOptionsByModel } from './protocol';
import { PROGRESS_EVERY_MS, type Post, type TrainingLoop } from './trainingLoop';
import { yieldToEvents } from './yieldToEvents';

interface Units {
  signals?: SignalsUnit;
  oneShot?: OneShotUnit;
  guided?: GuidedUnit;
}

export class LabModels {
  private readonly schedule: Schedule = makeSchedule(LAB_SCHEDULE);
  private readonly units: Units = {};
  private signalData: Float32Array | null = null;
  /** The latest sample run per model: an older one still going is cancelled. */
  private readonly sampleRuns = new Map<LabModelId, number>();

  constructor(private readonly post: Post, private readonly loop: TrainingLoop) {}

  /** Builds `id` if it is not built yet (registering it with the loop). */
  ensure(id: LabModelId): LabUnit {
    return this.unit(id);
  }

  /** Steps taken by every model built so far. */
  steps(): Partial<Record<LabModelId, number>> {
    const out: Partial<Record<LabModelId, number>> = {};
    for (const m of LAB_MODELS) if (this.units[m]) out[m] = this.units[m]!.stepCount;
    return out;
  }

  private unit(id: 'signals'): SignalsUnit;
  private unit(id: 'oneShot'): OneShotUnit;
  private unit(id: 'guided'): GuidedUnit;
  private unit(id: LabModelId): LabUnit;
  private unit(id: LabModelId): LabUnit {
    const built = this.units[id];
    if (built) return built;
    const unit = id === 'signals' ? (this.units.signals = buildSignals(this.schedule, this.signals()))
      : id === 'oneShot' ? (this.units.oneShot = buildOneShot(this.schedule, this.signals()))
      : (this.units.guided = buildGuided(this.schedule));
    this.loop.register(id, unit);
    return unit;
  }

  private signals(): Float32Array {
    return (this.signalData ??= makeSineWaves(SINE_COUNT, SINE_SEED, SINE_LENGTH).points);
  }

  /** Throws `id` away (the next train or sample builds a fresh one). */
  reset(id: LabModelId): void {
    this.loop.unregister(id);
    this.units[id]?.dispose();
    delete this.units[id];
    this.sampleRuns.delete(id);
  }

  /** Samples `id` (training waits meanwhile); a newer sample of the same model cancels this one. */
  async sample<M extends LabModelId>(id: M, runId: number, options: SampleOptionsByModel[M]): Promise<LabSampleResult> {
    const { n, seed } = options;
    requireInteger('n', n, 1, MAX_LAB_SAMPLES);
    this.sampleRuns.set(id, runId);
    let last = performance.now();
    const onStep = async (done: number, total: number): Promise<void> => {
      if (performance.now() - last < PROGRESS_EVERY_MS && done < total) return;
      last = performance.now();
      this.post({ type: 'sampleProgress', model: id, runId, done, total });
      await yieldToEvents(); // let pauses and newer requests in
    };
    const isCancelled = (): boolean => this.sampleRuns.get(id) !== runId;
    const base = { ...DEFAULT_SAMPLE, method: 'ddpm' as const, n, seed, onStep, isCancelled };
    return this.loop.evaluating(async (): Promise<LabSampleResult> => {
      if (id === 'guided') {
        const { classLabel, w } = options as SampleOptionsByModel['guided'];
        const unit = this.unit('guided');
        const result = await sample(unit.guided(classLabel, w), this.schedule, base);
        return { model: id, step: unit.stepCount, points: result.points, cancelled: result.cancelled };
      }
      const signals = this.unit('signals');
      if (id === 'signals') {
        const result = await sample(signals.sampler(), this.schedule, base);
        return { model: id, step: signals.stepCount, points: result.points, cancelled: result.cancelled };
      }
      // The one-shot network and the DDPM start from the same x_T, so they are compared fairly.
      const oneShot = this.unit('oneShot');
      const xT = makeRng(seed).normals(n * SINE_LENGTH);
      const direct = await oneShot.predict(xT);
      const result = await sample(signals.sampler(), this.schedule, { ...base, xT });
      return { model: id, step: oneShot.stepCount, ddpmStep: signals.stepCount, points: result.points, oneShot: direct, cancelled: result.cancelled };
    });
  }

  dispose(): void {
    for (const m of LAB_MODELS) this.reset(m);
  }
}
