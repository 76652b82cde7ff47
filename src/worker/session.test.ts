import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../engine/tf/testBackend';
import { DEFAULT_SAMPLING, DEFAULT_SESSION } from '../state/sessionDefaults';
import type { WorkerEvent } from './protocol';
import { Session } from './session';
import { TrainingLoop } from './trainingLoop';

const small = { ...DEFAULT_SESSION, T: 50, width: 16, depth: 1, nPoints: 200, batchSize: 32 };

/** The worker's wiring of the main model: the session is the loop's `main`. */
function makeSession(post: (e: WorkerEvent) => void = () => {}): { session: Session; loop: TrainingLoop } {
  const loop = new TrainingLoop(post);
  return { session: new Session(post, loop), loop };
}

describe('worker session (the requests other than training, under Node)', () => {
  beforeAll(async () => {
    await useTestBackend();
  });

  it('describe reports the configuration it was built with (no points) and the last sampler options, as run', async () => {
    const { session, loop } = makeSession();
    session.configure({ ...small, dataset: 'custom', points: new Float32Array([0, 0, 1, 1, -1, 0.5]) });
    const before = session.describe();
    expect(before.lastSampling).toBeNull();
    expect(before.step).toBe(0);
    expect(before.config).not.toHaveProperty('points');
    expect(before.config).toMatchObject({ dataset: 'custom', T: 50, width: 16, depth: 1, batchSize: 32, learningRate: small.learningRate, seed: small.seed });
    await loop.stepN('main', 1, 3);
    // 80 steps of a T = 50 chain run as 50 (clampToT): describe says what ran, not what was asked.
    await session.sample(2, { ...DEFAULT_SAMPLING, method: 'ddpm', n: 8, steps: 80, eta: 0.3, seed: 9 });
    const after = session.describe();
    expect(after.step).toBe(3);
    expect(after.lastSampling).toMatchObject({ method: 'ddpm', n: 8, steps: 50, eta: 0.3, seed: 9 });
    session.dispose();
  });

  it('forward trajectories start at the data and follow the chain to t = T', () => {
    const { session } = makeSession();
    session.configure(small);
    const { ts, points } = session.forward(10, 10, 1);
    expect(Array.from(ts)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(points.length).toBe(6 * 10 * 2);
    session.dispose();
  });

  it('ELBO terms add up: total = prior + Σ step KL + decoder', async () => {
    const events: WorkerEvent[] = [];
    const { session } = makeSession((event) => events.push(event));
    session.configure(small);
    const e = await session.elbo(7, 16, 2);
    expect(e.stepKl.length).toBe(50);
    // Any progress it reported belongs to request 7 and counts up within T.
    const progress = events.filter((ev) => ev.type === 'elboProgress');
    for (const ev of progress) expect(ev).toMatchObject({ id: 7, total: 50 });
    const sum = e.prior + e.stepKl.reduce((a, b) => a + b, 0) + e.decoder;
    expect(e.total).toBeCloseTo(sum, 8);
    expect(Number.isFinite(e.total)).toBe(true);
    session.dispose();
  });

  it('export → import into a fresh session reproduces the same samples; reset frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const events: WorkerEvent[] = [];
    const { session: a, loop: loopA } = makeSession((e) => void events.push(e));
    a.configure(small);
    await loopA.stepN('main', 1, 30);
    const saved = await a.exportWeights();
    expect(saved.step).toBe(30);
    const options = { ...DEFAULT_SAMPLING, n: 20, steps: 10 };
    await a.sample(7, options);
    const first = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>;

    const got: WorkerEvent[] = [];
    const { session: b } = makeSession((e) => void got.push(e));
    b.configure(small);
    b.restore(saved.weights, saved.step);
    expect(b.step).toBe(30);
    await b.sample(8, options);
    const second = got.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>;
    expect(Array.from(second.points)).toEqual(Array.from(first.points));
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a model whose finite weights overflow every prediction (all 1e30) is refused on import, the session unchanged (issue 16, item 11)', async () => {
    const { session, loop } = makeSession();
    session.configure(small);
    await loop.stepN('main', 1, 5);
    const good = await session.exportWeights();
    const huge = good.weights.map((w) => ({ ...w, values: new Float32Array(w.values.length).fill(1e30) }));
    await expect(session.importModel(small, huge, 100)).rejects.toMatchObject({ param: 'weights', message: expect.stringMatching(/not finite/) });
    expect(session.step).toBe(5);
    await expect(session.importModel(small, good.weights, 5)).resolves.toEqual({ step: 5 });
    session.dispose();
  });

  it('sampling steps beyond T are clamped to T, not refused (issue 16, item 3)', async () => {
    const events: WorkerEvent[] = [];
    const { session } = makeSession((e) => void events.push(e));
    session.configure({ ...small, T: 20 });
    await session.sample(3, { ...DEFAULT_SAMPLING, n: 10, steps: 50, traceEvery: 50 });
    const done = events.find((e) => e.type === 'done') as Extract<WorkerEvent, { type: 'done' }>;
    expect(done.points.length).toBe(20);
    expect(done.points.every(Number.isFinite)).toBe(true);
    session.dispose();
  });

  it('describe gives the settings without the custom points, the last sample\'s options and the step', async () => {
    const { session, loop } = makeSession();
    expect(() => session.describe()).toThrow(/configure the session first/);
    const points = new Float32Array([0, 0, 1, 1, 2, 0, 1, -1]);
    session.configure({ ...small, dataset: 'custom', points });
    expect(session.describe()).toEqual({ config: { ...small, dataset: 'custom' }, lastSampling: null, step: 0 });
    await loop.stepN('main', 1, 3);
    const options = { ...DEFAULT_SAMPLING, n: 5, steps: 10 };
    await session.sample(1, options);
    const described = session.describe();
    expect(described).toEqual({ config: { ...small, dataset: 'custom' }, lastSampling: options, step: 3 });
    expect('points' in described.config).toBe(false);
    session.dispose();
  });

  it('posts its checkpoints to the page (for crash recovery), and configure starts with none and stops training', async () => {
    const events: WorkerEvent[] = [];
    const { session, loop } = makeSession((e) => void events.push(e));
    session.configure(small);
    await loop.stepN('main', 1, 30);
    const checkpoints = events.filter((e) => e.type === 'checkpoint');
    // The first report (after 25 steps) saves one: raw then averaged weights, so twice the model's arrays.
    expect(checkpoints.map((e) => e.type === 'checkpoint' && e.step)).toEqual([25]);
    loop.start('main', 2);
    expect(loop.isRunning('main')).toBe(true);
    session.configure(small);
    expect(loop.isRunning('main')).toBe(false);
    expect(session.step).toBe(0);
    session.dispose();
  });

  /**
   * Starts training, runs `evaluate` (which should yield to the event loop on the way, reporting
   * progress as `progressType`), and checks that no training step slipped in meanwhile and that
   * training went on afterwards.
   */
  async function trainingWaitsDuring(config: typeof small, evaluate: (s: Session) => Promise<unknown>, yielded: (e: WorkerEvent) => boolean): Promise<void> {
    const events: WorkerEvent[] = [];
    const { session, loop } = makeSession((e) => events.push(e));
    session.configure(config);
    loop.start('main', 1);
    await new Promise((r) => setTimeout(r, 150));
    const startStep = session.step;
    await evaluate(session);
    const yields = events.filter(yielded).length;
    const stepsDuring = session.step - startStep;
    const after = session.step;
    await new Promise((r) => setTimeout(r, 300));
    const resumed = session.step > after;
    loop.pause('main');
    session.dispose();
    expect(startStep).toBeGreaterThan(0);
    expect(yields).toBeGreaterThanOrEqual(2); // it did give training chances to slip in
    expect(stepsDuring).toBe(0);
    expect(resumed).toBe(true);
  }

  // 300 timesteps for 4000 points: both report progress (and yield) every ~100 ms on the way.
  it('training waits while the ELBO is computed, then carries on', async () => {
    await trainingWaitsDuring({ ...small, T: 300, nPoints: 4000 }, (s) => s.elbo(3, 4000, 2), (e) => e.type === 'elboProgress');
  });

  it('training waits while a sample runs, then carries on', async () => {
    await trainingWaitsDuring({ ...small, T: 300 }, (s) => s.sample(2, { ...DEFAULT_SAMPLING, method: 'ddpm', n: 4000 }), (e) => e.type === 'sampleProgress' && e.done < e.total);
  });
});
