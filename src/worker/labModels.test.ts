import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../engine/tf/testBackend';
import { SINE_LENGTH } from '../engine/labSettings';
import { LabModels } from './labModels';
import type { WorkerEvent } from './protocol';
import { TrainingLoop } from './trainingLoop';

/** The worker's wiring of the lab models: one loop, the lab registry beside it. */
function makeLab() {
  const events: WorkerEvent[] = [];
  const post = (e: WorkerEvent): void => void events.push(e);
  const loop = new TrainingLoop(post);
  const lab = new LabModels(post, loop);
  const dispose = (): void => {
    lab.dispose();
    loop.dispose();
  };
  return { events, loop, lab, dispose };
}

describe('chapter 7 lab models in the training loop (under Node)', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('trains the one-shot network and the signals DDPM, samples both from one x_T, and frees every tensor on dispose', async () => {
    const before = tf.memory().numTensors;
    const { events, loop, lab, dispose } = makeLab();
    for (const m of ['oneShot', 'signals'] as const) {
      lab.ensure(m);
      await loop.stepN(m, 1, 10);
    }
    expect(lab.steps()).toEqual({ signals: 10, oneShot: 10 });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => e.type === 'progress' && e.model).sort()).toEqual(['oneShot', 'signals']);
    expect(progress.every((e) => e.type === 'progress' && Number.isFinite(e.loss) && e.step === 10)).toBe(true);

    const result = await lab.sample('oneShot', 1, { n: 3, seed: 2 });
    expect(result.cancelled).toBe(false);
    expect(result.points.length).toBe(3 * SINE_LENGTH);
    expect(result.oneShot!.length).toBe(3 * SINE_LENGTH);
    expect(result.ddpmStep).toBe(10);
    dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs the loop until paused, reporting as it goes, and a newer sample cancels an older one', async () => {
    const { events, loop, lab, dispose } = makeLab();
    lab.ensure('guided');
    loop.start('guided', 1);
    expect(events.at(-1)).toEqual({ type: 'state', running: ['guided'] });
    await new Promise((resolve) => setTimeout(resolve, 400));
    loop.pause('guided');
    expect(events.at(-1)).toEqual({ type: 'state', running: [] });
    const reports = events.filter((e) => e.type === 'progress' && e.model === 'guided');
    expect(reports.length).toBeGreaterThan(0);

    const first = lab.sample('guided', 5, { n: 4, seed: 1, classLabel: 0, w: 2 });
    const second = lab.sample('guided', 6, { n: 4, seed: 1, classLabel: 1, w: 0 });
    const [a, b] = await Promise.all([first, second]);
    expect(a!.cancelled).toBe(true);
    expect(b!.cancelled).toBe(false);
    expect(b!.points.length).toBe(8);
    dispose();
  });

  it('reset starts the model again from step 0', async () => {
    const { loop, lab, dispose } = makeLab();
    lab.ensure('signals');
    await loop.stepN('signals', 1, 5);
    lab.reset('signals');
    expect(lab.steps()).toEqual({});
    lab.ensure('signals');
    await loop.stepN('signals', 1, 3);
    expect(lab.steps()).toEqual({ signals: 3 });
    dispose();
  });

  it('a lab model checkpoints and rolls back like the main one: its weights come back exactly', async () => {
    const { loop, lab, dispose } = makeLab();
    const unit = lab.ensure('guided');
    await loop.stepN('guided', 1, 5); // the first report saves a checkpoint at step 5
    const saved = await unit.getWeights();
    await loop.stepN('guided', 1, 5);
    unit.setWeights(saved, 5);
    expect(unit.stepCount).toBe(5);
    const back = await unit.getWeights();
    expect(back.map((w) => Array.from(w.values))).toEqual(saved.map((w) => Array.from(w.values)));
    dispose();
  });
});
