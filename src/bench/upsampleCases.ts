/**
 * Bench case for issue 15's upsampler, through the worker's own Upsampler (src/worker/upsampler.ts),
 * as the upsample widget asks it: seconds for K = 8 completions of one 4×4 condition (DDIM-50, with
 * the condition errors and pixel spread), the median of a few runs after one untimed run (which
 * loads the shipped weights). The weights come from `load`: the site's file in the browser, public/ under Node.
 */
import type { ImageDataLoader } from '../worker/imageData';
import { Upsampler } from '../worker/upsampler';
import { median } from './report';

/** Completions per request, as the widget asks. */
export const UPSAMPLE_K = 8;

export async function measureUpsampleSampling(load: ImageDataLoader, runs: number, onTick: (fraction: number, text: string) => void): Promise<{ median: number; seconds: number[] }> {
  const up = new Upsampler(load);
  try {
    // A blank-ish condition: the cost does not depend on it.
    const cond = new Float32Array(16).fill(-1);
    cond[5] = 0.5;
    await up.sample({ cond, k: UPSAMPLE_K, seed: 0 });
    const seconds: number[] = [];
    for (let r = 0; r < runs; r++) {
      onTick(r / runs, `request ${r + 1} of ${runs}`);
      const t0 = performance.now();
      const result = await up.sample({ cond, k: UPSAMPLE_K, seed: 1 + r });
      seconds.push((performance.now() - t0) / 1000);
      if (!result.samples.every(Number.isFinite)) throw new Error('the completions are not finite');
    }
    return { median: median(seconds), seconds };
  } finally {
    up.dispose();
  }
}
