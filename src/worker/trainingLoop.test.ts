import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../engine/tf/testBackend';
import type { NamedWeight } from '../engine/tf';
import type { WorkerEvent } from './protocol';
import type { TrainableModel } from './trainable';
import { CHECKPOINT_EVERY, TrainingLoop } from './trainingLoop';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A stand-in model: each step costs `costMs` of busy time and has loss `lossAt(step)`; its one
 * "weight" is the step it was taken at, so a restored checkpoint shows which step it came from.
 */
class FakeModel implements TrainableModel {
  steps = 0;
  readonly threads = 1;
  readonly restoredFrom: number[] = [];
  reinitialised = 0;
  divergenceAdvice?: () => string;
  private sum = 0;
  private count = 0;
  constructor(private readonly costMs: number, private readonly lossAt: (step: number) => number = () => 1) {}
  get stepCount(): number {
    return this.steps;
  }
  train(n: number): void {
    for (let k = 0; k < n; k++) {
      const end = performance.now() + this.costMs;
      while (performance.now() < end);
      this.steps++;
      this.sum += this.lossAt(this.steps);
      this.count++;
    }
  }
  async readStats(): Promise<{ loss: number }> {
    const loss = this.count > 0 ? this.sum / this.count : Number.NaN;
    this.sum = 0;
    this.count = 0;
    return { loss };
  }
  async getWeights(): Promise<NamedWeight[]> {
    return [{ name: 'step', shape: [1], values: Float32Array.of(this.steps) }];
  }
  setWeights(weights: NamedWeight[], step: number): void {
    this.restoredFrom.push(weights[0]!.values[0]!);
    this.steps = step;
  }
  reinitialise(): void {
    this.reinitialised++;
    this.steps = 0;
  }
}

function makeLoop() {
  const events: WorkerEvent[] = [];
  return { events, loop: new TrainingLoop((e) => void events.push(e)) };
}

const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T) => events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);

describe('the training loop (any model through one interface)', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('trains every running model round-robin in chunks of about 40 ms, reporting each about every 100 ms', async () => {
    const { events, loop } = makeLoop();
    // A step of the slow model costs 10 times one of the fast: each gets its own chunk size (100 and
    // 10 steps for ~40 ms, both under the loop's cap of 200 steps a chunk).
    const fast = new FakeModel(0.4);
    const slow = new FakeModel(4);
    loop.register('signals', fast);
    loop.register('guided', slow);
    loop.start('signals', 1);
    loop.start('guided', 2);
    expect(of(events, 'state').at(-1)).toEqual({ type: 'state', running: ['signals', 'guided'] });
    const t0 = performance.now();
    await sleep(1200);
    const seconds = (performance.now() - t0) / 1000;
    loop.pause('signals');
    loop.pause('guided');
    const reports = (m: string) => of(events, 'progress').filter((e) => e.model === m);
    for (const [m, model, runId] of [['signals', fast, 1], ['guided', slow, 2]] as const) {
      // ~1.2 s of training at one report per ≥ 100 ms: a handful, not one per chunk or per step.
      expect(reports(m).length).toBeGreaterThanOrEqual(3);
      expect(reports(m).length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1);
      expect(reports(m).every((e) => e.runId === runId && e.loss === 1 && e.running)).toBe(true);
      expect(reports(m).at(-1)!.step).toBeLessThanOrEqual(model.steps);
    }
    // Equal time for each (chunks of ~40 ms): the fast model takes several times the slow one's steps.
    expect(fast.steps).toBeGreaterThan(3 * slow.steps);
    expect(of(events, 'paused').map((e) => [e.model, e.reason])).toEqual([['signals', 'user'], ['guided', 'user']]);
    expect(of(events, 'state').at(-1)).toEqual({ type: 'state', running: [] });
  });

  it('a non-finite loss rolls back to the last checkpoint (every 250 steps), pauses with a message and says which step', async () => {
    const { events, loop } = makeLoop();
    // 1 ms a step: chunks of ~40 steps, a report every ~100 steps, so checkpoints come before step 700.
    const model = new FakeModel(1, (step) => (step > 700 ? Number.NaN : 1));
    model.divergenceAdvice = () => 'Try a smaller learning rate.';
    loop.register('main', model, { persist: true });
    loop.start('main', 3);
    await expect.poll(() => of(events, 'paused').length, { timeout: 10_000 }).toBe(1);
    const paused = of(events, 'paused')[0]!;
    const checkpoints = of(events, 'checkpoint').map((e) => e.step);
    expect(paused.reason).toBe('nonFinite');
    expect(paused.rolledBackTo).toBe(checkpoints.at(-1));
    // Checkpoints at least 250 steps apart, the last one before the divergence at step 701.
    for (let k = 1; k < checkpoints.length; k++) expect(checkpoints[k]! - checkpoints[k - 1]!).toBeGreaterThanOrEqual(CHECKPOINT_EVERY);
    expect(checkpoints.at(-1)!).toBeLessThanOrEqual(700);
    expect(checkpoints.at(-1)!).toBeGreaterThan(700 - CHECKPOINT_EVERY - 200); // within one interval (plus a chunk)
    // The weights that came back are those saved at that step.
    expect(model.restoredFrom).toEqual([paused.rolledBackTo]);
    expect(model.stepCount).toBe(paused.rolledBackTo);
    expect(paused.message).toMatch(new RegExp(`diverged at step \\d+ \\(loss NaN\\).*went back to step ${paused.rolledBackTo}\\. Try a smaller learning rate\\.`));
    expect(loop.isRunning('main')).toBe(false);
    expect(of(events, 'state').at(-1)).toEqual({ type: 'state', running: [] });
  });

  it('an exploding but finite loss counts as divergence; before any checkpoint the model starts again from fresh weights', async () => {
    const { events, loop } = makeLoop();
    const model = new FakeModel(0.01, () => 1e6);
    loop.register('oneShot', model);
    await loop.stepN('oneShot', 1, 10);
    const paused = of(events, 'paused')[0]!;
    expect(paused).toMatchObject({ model: 'oneShot', reason: 'nonFinite', rolledBackTo: 0, step: 0 });
    expect(paused.message).toMatch(/loss 1\.0e\+6/);
    expect(model.reinitialised).toBe(1);
    expect(of(events, 'progress')).toEqual([]);
  });

  it('only a model registered to persist posts its checkpoints to the page', async () => {
    const { events, loop } = makeLoop();
    loop.register('signals', new FakeModel(0));
    loop.register('main', new FakeModel(0), { persist: true });
    await loop.stepN('signals', 1, 30);
    await loop.stepN('main', 1, 30);
    expect(of(events, 'checkpoint').map((e) => e.step)).toEqual([25]);
    expect(of(events, 'progress').map((e) => [e.model, e.step])).toEqual([['signals', 25], ['signals', 30], ['main', 25], ['main', 30]]);
  });

  it('training waits while any evaluation runs, then carries on', async () => {
    const { loop } = makeLoop();
    const model = new FakeModel(0.05);
    loop.register('guided', model);
    loop.start('guided', 1);
    await sleep(150);
    const during = await loop.evaluating(async () => {
      const before = model.steps;
      await sleep(300); // the loop gets many chances to run meanwhile
      return model.steps - before;
    });
    const after = model.steps;
    await sleep(300);
    loop.pause('guided');
    expect(during).toBe(0);
    expect(model.steps).toBeGreaterThan(after);
  });

  it('a model replaced while it trains stops silently; starting an unknown one throws', async () => {
    const { events, loop } = makeLoop();
    loop.register('main', new FakeModel(0.05), { persist: true });
    loop.start('main', 1);
    await sleep(200);
    const replacement = new FakeModel(0.05);
    loop.register('main', replacement);
    await sleep(200);
    expect(replacement.steps).toBe(0);
    expect(loop.isRunning('main')).toBe(false);
    expect(of(events, 'paused')).toEqual([]);
    expect(() => loop.start('guided', 1)).toThrow(/no model guided/);
    loop.unregister('main');
    expect(() => loop.start('main', 1)).toThrow(/configure the session first/);
  });
});
