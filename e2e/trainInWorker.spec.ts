import type { Page } from '@playwright/test';
import { makeDataset } from '../src/engine/datasets';
import { energyDistance } from '../src/engine/metrics';
import { makeRng } from '../src/engine/rng';
import { DEFAULT_SAMPLING, DEFAULT_SESSION } from '../src/state/sessionDefaults';
import { BACKENDS } from '../src/worker/protocol';
import { expect, test } from './fixtures';

const heldOut = makeDataset('twoMoons', 2000, 99).points;
const gaussian = makeRng(98).normals(1000);
const edRatio = (points: number[]): number => energyDistance(Float32Array.from(points), heldOut, 2) / energyDistance(gaussian, heldOut, 2);

async function waitReady(page: Page): Promise<string> {
  await expect(page.getByTestId('backend-name')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  return (await page.getByTestId('backend-name').textContent()) ?? '';
}

async function sample500(page: Page): Promise<number[]> {
  return page.evaluate(async (options) => {
    const pg = (window as any).playground;
    const points: Float32Array = await pg.client.sample(options);
    return Array.from(points);
  }, { ...DEFAULT_SAMPLING, n: 500 });
}

for (const backend of BACKENDS) {
  test(`trains two moons in the worker on ${backend} and samples better than untrained`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(`./?chapter=05-training&backend=${backend}`);
    expect(await waitReady(page)).toBe(backend);
    // Smaller batches keep the software-emulated backends within the test's time.
    await page.evaluate((config) => (window as any).playground.client.configure(config), { ...DEFAULT_SESSION, batchSize: 128 });
    const untrained = edRatio(await sample500(page));

    await page.evaluate(() => {
      const pg = (window as any).playground;
      (window as any).tensorCounts = [];
      pg.store.subscribe((s: { numTensors: number; step: number }) => s.step > 0 && (window as any).tensorCounts.push(s.numTensors));
    });
    await page.getByRole('button', { name: 'Train' }).click();
    await expect.poll(async () => Number(await page.getByTestId('training-stats').getAttribute('data-step')), { timeout: 240_000, intervals: [500] }).toBeGreaterThanOrEqual(300);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Train' })).toBeVisible();

    const history: Array<[number, number]> = await page.evaluate(() => (window as any).playground.store.getState().lossHistory);
    expect(history.at(-1)![1]).toBeLessThan(history[0]![1]);
    const counts: number[] = await page.evaluate(() => (window as any).tensorCounts);
    expect(counts.length).toBeGreaterThan(2);
    expect(Math.max(...counts.slice(1))).toBe(Math.min(...counts.slice(1)));

    const trained = edRatio(await sample500(page));
    expect(trained).toBeLessThan(untrained);
    await expect(page.locator('canvas.point-cloud')).toHaveAttribute('data-points', '500');
  });
}

test('with no override the worker picks a working backend and shows its measured speed', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./?chapter=05-training');
  const name = await waitReady(page);
  expect(BACKENDS as readonly string[]).toContain(name);
  const report = await page.evaluate(() => (window as any).playground.store.getState().backend);
  expect(report.measured[name]).toBeGreaterThan(0);
  await expect(page.getByTestId('backend')).toContainText(/fastest in a warm-up \(training steps\/s: /);
});

test('the main thread has no long task while training and streaming a 1000-step trajectory of 2000 points', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./?chapter=05-training&backend=wasm');
  await waitReady(page);
  await page.evaluate(() => {
    (window as any).longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as any).longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.getByRole('button', { name: 'Train' }).click();
  await expect.poll(async () => Number(await page.getByTestId('training-stats').getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThan(20);
  const frames = await page.evaluate(async (options) => {
    const pg = (window as any).playground;
    let seen = 0;
    const unsubscribe = pg.store.subscribe((s: any, prev: any) => s.traceFrame !== prev.traceFrame && seen++);
    await pg.client.sample(options);
    unsubscribe();
    return seen;
  }, { ...DEFAULT_SAMPLING, method: 'ddpm', n: 2000, trace: Array.from({ length: 2000 }, (_, k) => k), traceEvery: 1 });
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(frames).toBeGreaterThan(10); // it streamed, rather than arriving at the end
  const longTasks: number[] = await page.evaluate(() => (window as any).longTasks);
  expect(longTasks.filter((d) => d > 50)).toEqual([]);
});
