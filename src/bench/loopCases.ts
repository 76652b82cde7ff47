/**
 * Bench cases for the chapter-7 models: training steps per second of each, measured through the
 * worker's own training loop (chunks, progress reads, yields), as the lab widgets train them.
 * The rate is taken between two progress reports, whose step counts are exact.
 */
import { LabModels } from '../worker/labModels';
import type { LabModelId } from '../engine/modelIds';
import type { WorkerEvent } from '../worker/protocol';
import { TrainingLoop } from '../worker/trainingLoop';
import type { BenchBudget } from './cases';

/** A chapter-7 model the bench trains, the models its widget trains together, and the model whose steps count. */
export const LOOP_CASES = {
  trainSignals: { trains: ['signals'], model: 'signals' },
  trainOneShot: { trains: ['oneShot', 'signals'], model: 'oneShot' },
  trainGuided: { trains: ['guided'], model: 'guided' },
} as const satisfies Record<string, { trains: readonly LabModelId[]; model: LabModelId }>;
export type LoopCase = keyof typeof LOOP_CASES;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Trains one case's experiment through the worker loop for the budget's warm-up and window; steps/s of its model. */
export async function measureLoopCase(c: LoopCase, budget: BenchBudget, onTick: (fraction: number, text: string) => void): Promise<{ stepsPerSecond: number; steps: number; seconds: number }> {
  const { trains, model } = LOOP_CASES[c];
  let latest: { step: number; at: number } | null = null;
  const post = (e: WorkerEvent): void => {
    if (e.type === 'progress' && e.model === model) latest = { step: e.step, at: performance.now() };
  };
  const loop = new TrainingLoop(post);
  const lab = new LabModels(post, loop);
  try {
    for (const m of trains) {
      lab.ensure(m);
      loop.start(m, 1);
    }
    await sleep(budget.warmupMs);
    const from = latest as { step: number; at: number } | null;
    const start = performance.now();
    while (performance.now() - start < budget.trainMs) {
      await sleep(250);
      onTick((performance.now() - start) / budget.trainMs, `step ${(latest as { step: number } | null)?.step ?? 0}`);
    }
    for (const m of trains) loop.pause(m);
    const to = latest as { step: number; at: number } | null;
    if (!from || !to || to.at <= from.at) throw new Error('no progress reported');
    const seconds = (to.at - from.at) / 1000;
    return { stepsPerSecond: (to.step - from.step) / seconds, steps: to.step - from.step, seconds };
  } finally {
    lab.dispose();
    loop.dispose();
  }
}
