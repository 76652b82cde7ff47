/**
 * Bench cases for the chapter-7 models: training steps per second of each, measured through the
 * worker's own training loop (chunks, progress reads, yields), as the lab widgets train them.
 * The rate is taken between two progress reports, whose step counts are exact.
 */
import { LabSession } from '../worker/labSession';
import type { LabExperiment, LabModel } from '../worker/labConfig';
import type { WorkerEvent } from '../worker/protocol';
import type { BenchBudget } from './cases';

/** A chapter-7 model the bench trains, the widget's experiment that trains it, and the model whose steps count. */
export const LOOP_CASES = {
  trainSignals: { experiment: 'sine', model: 'sine' },
  trainOneShot: { experiment: 'oneShot', model: 'oneShot' },
  trainGuided: { experiment: 'guidance', model: 'guidance' },
} as const satisfies Record<string, { experiment: LabExperiment; model: LabModel }>;
export type LoopCase = keyof typeof LOOP_CASES;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Trains one case's experiment through the worker loop for the budget's warm-up and window; steps/s of its model. */
export async function measureLoopCase(c: LoopCase, budget: BenchBudget, onTick: (fraction: number, text: string) => void): Promise<{ stepsPerSecond: number; steps: number; seconds: number }> {
  const { experiment, model } = LOOP_CASES[c];
  let latest: { step: number; at: number } | null = null;
  const lab = new LabSession((e: WorkerEvent) => {
    if (e.type === 'labProgress' && e.model === model) latest = { step: e.step, at: performance.now() };
  });
  try {
    await lab.handle({ type: 'lab', id: 1, runId: 1, experiment, action: 'train' });
    await sleep(budget.warmupMs);
    const from = latest as { step: number; at: number } | null;
    const start = performance.now();
    while (performance.now() - start < budget.trainMs) {
      await sleep(250);
      onTick((performance.now() - start) / budget.trainMs, `step ${(latest as { step: number } | null)?.step ?? 0}`);
    }
    await lab.handle({ type: 'lab', id: 2, runId: 1, experiment, action: 'pause' });
    const to = latest as { step: number; at: number } | null;
    if (!from || !to || to.at <= from.at) throw new Error('no progress reported');
    const seconds = (to.at - from.at) / 1000;
    return { stepsPerSecond: (to.step - from.step) / seconds, steps: to.step - from.step, seconds };
  } finally {
    lab.dispose();
  }
}
