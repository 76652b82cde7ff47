import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../engine/tf/testBackend';
import { SINE_LENGTH } from './labConfig';
import { LabSession } from './labSession';
import type { LabRequest, LabSampleResult, WorkerEvent } from './protocol';

const req = (body: Omit<LabRequest, 'type' | 'id' | 'runId'>, runId = 1): LabRequest => ({ type: 'lab', id: 1, runId, ...body });

describe('lab session (chapter 7 experiments in the worker, under Node)', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('trains the one-shot experiment (one-shot network and sine DDPM), samples both from one x_T, and frees every tensor on dispose', async () => {
    const before = tf.memory().numTensors;
    const events: WorkerEvent[] = [];
    const lab = new LabSession((e) => void events.push(e));
    const { value: steps } = await lab.handle(req({ experiment: 'oneShot', action: 'train', steps: 10 }));
    expect(steps).toEqual({ sine: 10, oneShot: 10 });
    const progress = events.filter((e) => e.type === 'labProgress');
    expect(progress.map((e) => e.type === 'labProgress' && e.model).sort()).toEqual(['oneShot', 'sine']);
    expect(progress.every((e) => e.type === 'labProgress' && Number.isFinite(e.loss) && e.step === 10)).toBe(true);

    const { value } = await lab.handle(req({ experiment: 'oneShot', action: 'sample', n: 3, seed: 2 }));
    const result = value as LabSampleResult;
    expect(result.cancelled).toBe(false);
    expect(result.points.length).toBe(3 * SINE_LENGTH);
    expect(result.oneShot!.length).toBe(3 * SINE_LENGTH);
    expect(result.ddpmStep).toBe(10);
    lab.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs a training loop until paused, reporting as it goes, and a newer sample cancels an older one', async () => {
    const events: WorkerEvent[] = [];
    const lab = new LabSession((e) => void events.push(e));
    await lab.handle(req({ experiment: 'guidance', action: 'train' }));
    expect(events.at(-1)).toEqual({ type: 'labState', running: ['guidance'] });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await lab.handle(req({ experiment: 'guidance', action: 'pause' }));
    expect(events.at(-1)).toEqual({ type: 'labState', running: [] });
    const reports = events.filter((e) => e.type === 'labProgress');
    expect(reports.length).toBeGreaterThan(0);

    const first = lab.handle(req({ experiment: 'guidance', action: 'sample', n: 4, seed: 1, classLabel: 0, w: 2 }, 5));
    const second = lab.handle(req({ experiment: 'guidance', action: 'sample', n: 4, seed: 1, classLabel: 1, w: 0 }, 6));
    const [a, b] = (await Promise.all([first, second])).map((r) => r.value as LabSampleResult);
    expect(a!.cancelled).toBe(true);
    expect(b!.cancelled).toBe(false);
    expect(b!.points.length).toBe(8);
    lab.dispose();
  });

  it('guidance sampling needs a class and a weight; reset starts the model again from step 0', async () => {
    const lab = new LabSession(() => {});
    await expect(lab.handle(req({ experiment: 'guidance', action: 'sample', n: 4, w: 1 }))).rejects.toThrow(/classLabel/);
    await lab.handle(req({ experiment: 'sine', action: 'train', steps: 5 }));
    await lab.handle(req({ experiment: 'sine', action: 'reset' }));
    const { value } = await lab.handle(req({ experiment: 'sine', action: 'train', steps: 3 }));
    expect(value).toEqual({ sine: 3 });
    lab.dispose();
  });
});
