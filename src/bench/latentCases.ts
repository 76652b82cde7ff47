/**
 * Bench cases for latent diffusion (issue 15), run through the worker's own LatentModel and
 * TrainingLoop as the latent-space widget uses them (the autoencoder d = 8, the default, from its
 * committed file; the latent DDPM from scratch):
 *  - latentToQuality: seconds of training (the DDPM's steps only: the autoencoder is pretrained and
 *    its codes are computed before the clock starts, checking is not counted) until 2,000 decoded
 *    samples pass the digit bar; the target is ≤ 20 s;
 *  - sampleLatent: 2,000 codes by DDIM-50, mapped back and decoded to 8×8 digits (what one of the
 *    widget's checks costs before scoring), the median of a few runs.
 */
import { LATENT_MODEL } from '../engine/modelIds';
import type { ImageDataLoader } from '../worker/imageData';
import { LatentModel } from '../worker/latentModel';
import type { WorkerEvent } from '../worker/protocol';
import { TrainingLoop } from '../worker/trainingLoop';

/** The latent cases' caps: train at most `maxTrainMs`, checking `samples` every `everyMs`; `sampleRuns` timed samples of `samples`. */
export interface LatentBudget {
  maxTrainMs: number;
  everyMs: number;
  samples: number;
  sampleRuns: number;
}
export const FULL_LATENT_BUDGET: LatentBudget = { maxTrainMs: 60_000, everyMs: 1000, samples: 2000, sampleRuns: 5 };
/** `--quick`: enough to see each case run, about 3 s each: one check of 500 samples after 1 s (the bar is met there on WASM). */
export const QUICK_LATENT_BUDGET: LatentBudget = { maxTrainMs: 2000, everyMs: 1000, samples: 500, sampleRuns: 2 };


const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const now = (): number => performance.now();
type Tick = (fraction: number, text: string) => void;

function latentRig(load: ImageDataLoader) {
  const post = (_e: WorkerEvent): void => {};
  const loop = new TrainingLoop(post);
  const latent = new LatentModel(post, loop, load);
  return {
    loop,
    latent,
    dispose() {
      latent.dispose();
      loop.dispose();
    },
  };
}

export interface LatentQualityCheck {
  step: number;
  trainSeconds: number;
  confidentShare: number;
  frechet: number;
  passes: boolean;
}

/** Training seconds until `budget.samples` decoded samples pass the bar; null when not within the budget's cap. */
export async function measureLatentToQuality(load: ImageDataLoader, budget: LatentBudget, onTick: Tick): Promise<{ seconds: number | null; checks: LatentQualityCheck[]; checkSeconds: number; bar: number; frechetNoise: number }> {
  const rig = latentRig(load);
  const checks: LatentQualityCheck[] = [];
  let checkSeconds = 0;
  let bar = Number.NaN;
  let frechetNoise = Number.NaN;
  try {
    await rig.latent.start(8);
    let trainMs = 0;
    for (let k = 1; trainMs < budget.maxTrainMs; k++) {
      const started = now();
      rig.loop.start(LATENT_MODEL, k);
      await sleep(Math.min(budget.everyMs, budget.maxTrainMs - trainMs));
      rig.loop.pause(LATENT_MODEL);
      trainMs += now() - started;
      const c0 = now();
      const r = await rig.latent.sample(k, { n: budget.samples, seed: 11, score: true });
      const s = r.score!;
      bar = 0.8 * s.heldOutConfidentShare;
      frechetNoise = s.frechetEnds.noise;
      checks.push({ step: r.step, trainSeconds: trainMs / 1000, confidentShare: s.confidentShare, frechet: s.frechet, passes: s.passes });
      checkSeconds += (now() - c0) / 1000;
      onTick(trainMs / budget.maxTrainMs, `step ${r.step}: ${(100 * s.confidentShare).toFixed(1)}% confident, FID ${s.frechet.toFixed(2)}`);
      if (s.passes) return { seconds: trainMs / 1000, checks, checkSeconds, bar, frechetNoise };
    }
    return { seconds: null, checks, checkSeconds, bar, frechetNoise };
  } finally {
    rig.dispose();
  }
}

/** Seconds per `budget.samples` codes sampled and decoded (the median of the budget's runs, after one untimed run). */
export async function measureLatentSampling(load: ImageDataLoader, budget: LatentBudget, onTick: Tick): Promise<{ seconds: number[] }> {
  const rig = latentRig(load);
  try {
    await rig.latent.start(8);
    // The weights do not change the cost: an untrained DDPM samples as fast as a trained one.
    await rig.latent.sample(0, { n: budget.samples, seed: 0 });
    const seconds: number[] = [];
    for (let k = 0; k < budget.sampleRuns; k++) {
      onTick(k / budget.sampleRuns, `sample ${k + 1} of ${budget.sampleRuns}`);
      const t0 = now();
      const r = await rig.latent.sample(k + 1, { n: budget.samples, seed: k + 1 });
      if (!r.pixels.every(Number.isFinite)) throw new Error('the decoded samples are not finite');
      seconds.push((now() - t0) / 1000);
    }
    return { seconds };
  } finally {
    rig.dispose();
  }
}
