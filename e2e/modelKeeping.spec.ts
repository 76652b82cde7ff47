/**
 * Issue 12, items 4, 5, 8 and the drawn dataset of 9: a trained model is never lost by looking at
 * another setting, the page says which model it shows (and when the settings have none), Reset
 * forgets the model but keeps the settings, and a drawn dataset comes back with its model.
 * Buttons are pressed with the keyboard (Enter), as in trainInWorker.spec.ts.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const modelSource = (page: Page) => page.getByTestId('model-source');
const storeStep = (page: Page): Promise<number> => page.evaluate(() => (window as any).playground.store.getState().step);
const openChapter = (page: Page, title: RegExp) => page.getByRole('navigation', { name: 'Chapters' }).getByRole('link', { name: title }).press('Enter');

test('train, change the schedule in chapter 3, come back: the trained model is still there for the old settings and the page says what the new settings have', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./?chapter=05-training&backend=wasm');
  await expect(modelSource(page)).toHaveAttribute('data-kind', 'pretrained', { timeout: 60_000 });
  const start = Number(await modelSource(page).getAttribute('data-step'));
  // Nothing trained in this session yet: the stats say so instead of "loss –" and "0.0 steps/s".
  const stats = page.getByTestId('training-stats');
  await expect(stats).not.toContainText('loss –');
  await expect(stats).not.toContainText('0.0 steps/s');

  await page.getByRole('button', { name: 'Train' }).press('Enter');
  await expect.poll(() => storeStep(page), { timeout: 90_000 }).toBeGreaterThan(start + 100);
  // The loss curve and Algorithm 1's step-through compute the loss two ways, and say so.
  await expect(page.getByTestId('loss-curve')).toContainText('mean per coordinate');
  await expect(page.getByTestId('algorithm1-loss-note')).toContainText('half');

  // Off to chapter 3 while it trains, and pick another schedule there.
  await openChapter(page, /The forward process/);
  const schedule = page.getByTestId('forward-scrubber').getByLabel('schedule');
  await expect(schedule).toBeVisible({ timeout: 30_000 });
  const trainedTo = await storeStep(page);
  await schedule.selectOption('cosine');
  await expect.poll(() => page.evaluate(() => (window as any).playground.store.getState().config.schedule), { timeout: 30_000 }).toBe('cosine');

  // Back in chapter 5 the page says plainly that cosine has no trained model, and offers both ways on.
  await openChapter(page, /Training/);
  const noModel = page.getByTestId('training-panel').getByTestId('no-model');
  await expect(noModel).toContainText('No trained model for', { timeout: 30_000 });
  await expect(noModel).toContainText('cosine');
  await expect(modelSource(page)).toHaveAttribute('data-step', '0');
  await expect(noModel).toContainText('Press Train');
  const back = noModel.getByRole('button', { name: /Go back to .*linear/ });
  await back.press('Enter');

  // The model trained for linear is back, with every step it had when the schedule changed.
  await expect(noModel).toHaveCount(0, { timeout: 30_000 });
  expect(new URL(page.url()).searchParams.get('schedule')).toBeNull();
  await expect.poll(() => storeStep(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(trainedTo);
  const step = await storeStep(page);
  await expect(modelSource(page)).toContainText(`${step} steps`);
  await expect(modelSource(page)).toContainText('linear');
});

test('with no trained model for the link\'s settings, the reverse animation does not claim samples it cannot show', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('./?chapter=06-sampling&schedule=cosine&backend=wasm');
  const widget = page.getByTestId('reverse-animation');
  await expect(widget.getByTestId('no-model')).toContainText('No trained model for', { timeout: 60_000 });
  await expect(widget.getByTestId('no-model').getByRole('button', { name: /Go back to/ })).toBeVisible();
  await widget.getByRole('button', { name: 'Play' }).press('Enter');
  await expect(widget).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  const status = widget.getByTestId('reverse-status');
  const inView = Number(await status.getAttribute('data-in-view'));
  if (inView < 1000) {
    await expect(status).not.toContainText('done: 1000 samples');
    await expect(status).toContainText(`only ${inView} of 1000 samples are inside the plot`);
  } else {
    await expect(status).toContainText('all inside the plot');
  }
});

test('a drawn dataset and its model come back after a reload', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('./?chapter=07-beyond&backend=wasm');
  const widget = page.getByTestId('draw-dataset');
  const trainOn = widget.getByRole('button', { name: 'Train on these points' });
  await expect(trainOn).toBeEnabled({ timeout: 60_000 });
  await widget.getByRole('button', { name: 'Add a ring' }).press('Enter');
  await widget.getByRole('button', { name: 'Add a blob' }).press('Enter');
  const count = widget.getByTestId('draw-count');
  await expect(count).toHaveAttribute('data-count', '100');
  await trainOn.press('Enter');
  const status = widget.getByTestId('draw-status');
  await expect.poll(async () => Number(await status.getAttribute('data-step')), { timeout: 90_000 }).toBeGreaterThanOrEqual(50);
  await widget.getByRole('button', { name: 'Pause' }).press('Enter');
  await expect(widget.getByRole('button', { name: 'Resume training' })).toBeVisible();
  const trainedTo = Number(await status.getAttribute('data-step'));
  await page.waitForTimeout(1500); // the copy is written on pause

  await page.reload();
  await expect(count).toHaveAttribute('data-count', '100', { timeout: 30_000 });
  await expect(status).toHaveAttribute('data-kept-step', String(trainedTo), { timeout: 60_000 });
  await expect(status).toContainText(`${trainedTo} steps`);
  // Sampling takes the drawn model back into the engine (the one the other chapters used stays kept).
  const sample = widget.getByRole('button', { name: /Sample \d+ points/ });
  await expect(sample).toBeEnabled({ timeout: 60_000 }); // once the engine has started
  await sample.press('Enter');
  await expect(widget.getByRole('img', { name: /Drawing pad/ })).toHaveAttribute('data-samples', '500', { timeout: 60_000 });
  await expect(status).toHaveAttribute('data-step', String(trainedTo));
});
