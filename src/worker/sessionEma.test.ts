/**
 * The weight-average decay setting reaches the trainer (issue 13): a session's exported weights
 * are the trained ones, then the ones sampling uses (the average w̄ ← d·w̄ + (1 − d)·w). With
 * d = 0 there is no average, so the two halves are equal; different d train the same weights
 * (the average does not feed back into training) and average them differently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { NamedWeight } from '../engine/tf/denoiser';
import { useTestBackend } from '../engine/tf/testBackend';
import { DEFAULT_SESSION } from '../state/sessionDefaults';
import { Session } from './session';
import { TrainingLoop } from './trainingLoop';

const small = { ...DEFAULT_SESSION, T: 50, width: 16, depth: 1, nPoints: 200, batchSize: 32 };

async function trainedWith(emaDecay: number): Promise<{ trained: NamedWeight[]; sampled: NamedWeight[] }> {
  const loop = new TrainingLoop(() => {});
  const session = new Session(() => {}, loop);
  session.configure({ ...small, emaDecay });
  await loop.stepN('main', 1, 20);
  const { weights } = await session.exportWeights();
  session.dispose();
  return { trained: weights.slice(0, weights.length / 2), sampled: weights.slice(weights.length / 2) };
}

const flat = (ws: NamedWeight[]): number[] => ws.flatMap((w) => Array.from(w.values));

describe('the ema setting in a session', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('0 samples from the trained weights; 0.5 and 0.9 average the same trained weights differently', async () => {
    const off = await trainedWith(0);
    expect(flat(off.sampled)).toEqual(flat(off.trained));
    const half = await trainedWith(0.5);
    const ninety = await trainedWith(0.9);
    expect(flat(half.trained)).toEqual(flat(off.trained));
    expect(flat(ninety.trained)).toEqual(flat(off.trained));
    expect(flat(half.sampled)).not.toEqual(flat(half.trained));
    expect(flat(ninety.sampled)).not.toEqual(flat(half.sampled));
  });
});
