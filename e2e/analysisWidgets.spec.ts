import type { Locator, Page } from '@playwright/test';
import { makeDataset } from '../src/engine/datasets';
import { energyDistance } from '../src/engine/metrics';
import { makeRng } from '../src/engine/rng';
import { DEFAULT_SESSION } from '../src/state/sessionDefaults';
import { expect, test } from './fixtures';

const SHOTS = 'test-results/screenshots';

/** Light and dark screenshots of one widget. */
async function shoot(page: Page, widget: Locator, name: string): Promise<void> {
  await widget.scrollIntoViewIfNeeded();
  await page.emulateMedia({ colorScheme: 'light' });
  await widget.screenshot({ path: `${SHOTS}/${name}.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await widget.screenshot({ path: `${SHOTS}/${name}-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
}

const stepOf = async (page: Page): Promise<number> => Number(await page.getByTestId('training-stats').getAttribute('data-step'));

async function open(page: Page, chapter: string): Promise<void> {
  await page.goto(`./?chapter=${chapter}&backend=wasm`);
  await expect.poll(() => page.evaluate(() => (window as any).playground?.store.getState().status), { timeout: 60_000 }).toBe('ready');
  // The page may load a pretrained model after it starts; let that finish, then start from scratch.
  await expect
    .poll(() => page.evaluate(() => (window as any).playground.store.getState().modelSource?.kind), { timeout: 20_000 })
    .not.toBe('scratch')
    .catch(() => {}); // no pretrained model for these settings: it stays untrained
  // Batches of 128 keep training within the test's time on a shared machine.
  await page.evaluate((config) => (window as any).playground.client.configure(config), { ...DEFAULT_SESSION, batchSize: 128 });
  expect(await page.evaluate(() => (window as any).playground.store.getState().step)).toBe(0);
}

async function computeElbo(widget: Locator): Promise<{ prior: number; steps: number; decoder: number; total: number }> {
  const sum = widget.getByTestId('elbo-sum');
  const before = (await sum.count()) > 0 ? await sum.getAttribute('data-total') : null;
  await widget.getByRole('button', { name: /Compute/ }).click();
  if (before === null) await expect(sum).toBeVisible({ timeout: 120_000 });
  else await expect(sum).not.toHaveAttribute('data-total', before, { timeout: 120_000 });
  await expect(widget).toHaveAttribute('aria-busy', 'false');
  const value = async (key: string) => Number(await widget.locator(`[data-bar="${key}"]`).getAttribute('data-value'));
  return { prior: await value('prior'), steps: await value('steps'), decoder: await value('decoder'), total: await value('total') };
}

test('ELBO bars add up to the total, which falls with training; the quality curve gains points and drops below noise', async ({ page }) => {
  test.setTimeout(420_000);
  await open(page, '05-training');
  const elbo = page.getByTestId('elbo-bars');
  const untrained = await computeElbo(elbo);
  for (const v of Object.values(untrained)) expect(Number.isFinite(v)).toBe(true);
  // L_T = KL(N(√ᾱ_T x_0, (1 − ᾱ_T) I) ‖ N(0, I)) ≥ 0, and the step KLs are ≥ 0 (eq. 5.6).
  expect(untrained.prior).toBeGreaterThanOrEqual(0);
  expect(untrained.steps).toBeGreaterThan(0);
  expect(untrained.prior + untrained.steps + untrained.decoder).toBeCloseTo(untrained.total, 6);
  await expect(elbo.getByTestId('elbo-sum')).toContainText('equals the total');

  const quality = page.getByTestId('quality-curve');
  await expect(quality).toHaveAttribute('data-points', '0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // One measurement when training starts, then one per 250 steps.
  await expect.poll(async () => Number(await quality.getAttribute('data-points')), { timeout: 240_000, intervals: [1000] }).toBeGreaterThanOrEqual(3);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  const ratios = await quality.locator('circle[data-y]').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-y'))));
  const steps = await quality.locator('circle[data-x]').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-x'))));
  expect(ratios.length).toBeGreaterThanOrEqual(3);
  expect(steps.at(-1)!).toBeGreaterThanOrEqual(500);
  expect(ratios.at(-1)!).toBeLessThan(1); // better than N(0, I) noise
  expect(ratios.at(-1)!).toBeLessThan(ratios[0]!); // and better than at the start
  await expect(quality.locator('[data-reference="1"]')).toBeVisible();

  const trained = await computeElbo(elbo);
  expect(trained.prior + trained.steps + trained.decoder).toBeCloseTo(trained.total, 6);
  // L_T has no parameters: the same points give the same prior term (up to float rounding).
  expect(trained.prior).toBeCloseTo(untrained.prior, 6);
  expect(trained.total).toBeLessThan(untrained.total);
  expect(await stepOf(page)).toBeGreaterThanOrEqual(500);
  await shoot(page, elbo, 'elbo-bars');
  await shoot(page, quality, 'quality-curve');
});

test('the anomaly map scores a point far from two moons above a point on them, by click and by typing', async ({ page }) => {
  test.setTimeout(240_000);
  await open(page, '07-beyond');
  const map = page.getByTestId('anomaly-map');
  await expect(map).toHaveAttribute('data-step', '0', { timeout: 60_000 });
  await expect(map.locator('canvas')).toHaveAttribute('data-cells', String(40 * 40));
  await page.evaluate(() => (window as any).playground.client.step(300));
  await expect(map).toHaveAttribute('data-step', '300', { timeout: 60_000 });

  // Click where (2.5, 2.5) is: the plot spans [−3, 3]² over the canvas.
  const canvas = map.locator('canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: ((2.5 + 3) / 6) * box.width, y: ((3 - 2.5) / 6) * box.height } });
  const pick = map.getByTestId('anomaly-pick');
  await expect(pick).not.toHaveAttribute('data-score', '', { timeout: 30_000 });
  await expect(map.locator('[data-marker]')).toBeVisible();
  const far = Number(await pick.getAttribute('data-score'));
  const farPercentile = Number(await pick.getAttribute('data-percentile'));

  // A training point of the session's two moons, typed into the fields (the keyboard path).
  const data = makeDataset('twoMoons', DEFAULT_SESSION.nPoints, DEFAULT_SESSION.seed).points;
  await map.getByLabel('x₁').fill(data[0]!.toFixed(3));
  await map.getByLabel('x₂').fill(data[1]!.toFixed(3));
  await map.getByLabel('x₂').press('Enter');
  await expect(pick).toContainText(`(${data[0]!.toFixed(2)}, ${data[1]!.toFixed(2)})`);
  await expect(pick).not.toHaveAttribute('data-score', '', { timeout: 30_000 });
  const on = Number(await pick.getAttribute('data-score'));
  const onPercentile = Number(await pick.getAttribute('data-percentile'));

  expect(far).toBeGreaterThan(on);
  expect(farPercentile).toBeGreaterThan(0.95); // far beyond the scores of the training points
  expect(onPercentile).toBeLessThan(farPercentile);
  await shoot(page, map, 'anomaly-map');
});

test('draw a dataset with the mouse, see too few points refused, train on it and sample over it', async ({ page }) => {
  test.setTimeout(240_000);
  await open(page, '07-beyond');
  const widget = page.getByTestId('draw-dataset');
  const count = widget.getByTestId('draw-count');
  const pad = widget.getByRole('img', { name: /Drawing pad/ });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;

  // Too few: one click is one point, and training is refused with the engine's message.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(count).toHaveAttribute('data-count', '1');
  // Pressed with the keyboard, not clicked: in a full CI run a click here while the chapter was
  // still laying out its widgets was lost (mousedown and mouseup landed on different elements; the
  // error never showed), as trainInWorker.spec.ts saw with Train. Enter has no such window.
  await widget.getByRole('button', { name: 'Train on these points' }).press('Enter');
  await expect(widget.getByTestId('draw-error')).toContainText('at least 2 points');
  await expect(count).toHaveAttribute('data-count', '1'); // nothing lost
  expect(await page.evaluate(() => (window as any).playground.store.getState().config.dataset)).toBe('twoMoons');

  // A drag sprays points along the stroke; Undo takes the whole stroke back.
  const stroke = async (y: number) => {
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * y);
    await page.mouse.down();
    for (let k = 1; k <= 20; k++) await page.mouse.move(box.x + box.width * (0.2 + 0.03 * k), box.y + box.height * y);
    await page.mouse.up();
  };
  await stroke(0.3);
  const afterOne = Number(await count.getAttribute('data-count'));
  expect(afterOne).toBeGreaterThan(20);
  await stroke(0.7);
  const afterTwo = Number(await count.getAttribute('data-count'));
  expect(afterTwo).toBeGreaterThan(afterOne + 20);
  await widget.getByRole('button', { name: 'Undo' }).click();
  await expect(count).toHaveAttribute('data-count', String(afterOne));
  await stroke(0.7);
  const drawn = Number(await count.getAttribute('data-count'));

  // The keyboard path: a preset shape adds a stroke without a pointer.
  await widget.getByRole('button', { name: 'Add a blob' }).click();
  await expect(count).toHaveAttribute('data-count', String(drawn + 40));

  await widget.getByRole('button', { name: 'Train on these points' }).press('Enter');
  await expect(widget.getByTestId('draw-error')).toHaveCount(0);
  const config = await page.evaluate(() => {
    const c = (window as any).playground.store.getState().config;
    return { dataset: c.dataset, n: c.points.length / 2 };
  });
  expect(config).toEqual({ dataset: 'custom', n: drawn + 40 });
  await expect.poll(async () => Number(await widget.getByTestId('draw-status').getAttribute('data-step')), { timeout: 120_000 }).toBeGreaterThanOrEqual(300);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await widget.getByRole('button', { name: /Sample \d+ points/ }).click();
  await expect(pad).toHaveAttribute('data-samples', '500', { timeout: 60_000 });
  // The worker samples standardised points; the widget maps them back with the drawing's own mean and std,
  // so the samples it shows have the mean of z · std + mean, and resemble the drawing (energy-distance ratio < 1).
  const { raw, z } = await page.evaluate(() => {
    const s = (window as any).playground.store.getState();
    return { raw: Array.from(s.config.points as Float32Array), z: Array.from(s.samples as Float32Array) };
  });
  const n = raw.length / 2;
  const mean = [0, 1].map((k) => raw.filter((_, i) => i % 2 === k).reduce((a, b) => a + b, 0) / n);
  const std = [0, 1].map((k) => Math.sqrt(raw.filter((_, i) => i % 2 === k).reduce((a, b) => a + (b - mean[k]!) ** 2, 0) / n));
  const mapped = Float32Array.from(z, (v, i) => v * std[i % 2]! + mean[i % 2]!);
  const shown = (await widget.getAttribute('data-samples-mean'))!.split(',').map(Number);
  const expectedMean = [0, 1].map((k) => mapped.filter((_, i) => i % 2 === k).reduce((a, b) => a + b, 0) / 500);
  expect(shown[0]!).toBeCloseTo(expectedMean[0]!, 3);
  expect(shown[1]!).toBeCloseTo(expectedMean[1]!, 3);
  const noise = makeRng(5).normals(1000).map((v, i) => v * std[i % 2]! + mean[i % 2]!);
  const drawing = Float32Array.from(raw);
  expect(energyDistance(mapped, drawing, 2) / energyDistance(noise, drawing, 2)).toBeLessThan(1);
  await shoot(page, widget, 'draw-dataset');
});
