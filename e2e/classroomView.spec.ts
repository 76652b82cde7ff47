/**
 * Issue 12, item 7: what a teacher sees with `controls=hidden` and in presentation mode. Keys are
 * pressed as a presenter would; buttons are pressed with the keyboard.
 */
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const shot = (name: string) => fileURLToPath(new URL(`../test-results/screenshots/${name}.png`, import.meta.url));
const widget = (page: Page, id: string): Locator => page.locator(`figure.widget[data-widget-id="${id}"]`);
const LOAD = { timeout: 30_000 };
test.describe.configure({ timeout: 90_000 });

test('controls=hidden: no stepper buttons and no widget toolbars, and the loss curve does not send the reader to a hidden Train button', async ({ page }) => {
  await page.goto('./?chapter=05-training&controls=hidden&backend=wasm');
  const stepper = widget(page, 'algorithm1-stepper');
  await expect(stepper.getByTestId('algorithm1-stepper')).toBeVisible(LOAD);
  await expect(stepper.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Run line/ })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Widget tools' })).toHaveCount(0);
  for (const name of ['Present full screen', 'Embed', 'Download the chart as PNG']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeHidden();
  const loss = widget(page, 'loss-curve');
  await expect(loss).toContainText('fills in while the model trains', LOAD);
  await expect(loss).not.toContainText('Press Train');

  // The same chapter with its controls shows them all.
  await page.goto('./?chapter=05-training&backend=wasm');
  await expect(widget(page, 'algorithm1-stepper').getByRole('button', { name: 'Run line 1' })).toBeVisible(LOAD);
  await expect(widget(page, 'loss-curve').getByRole('group', { name: 'Widget tools' })).toBeVisible();
  await expect(widget(page, 'loss-curve')).toContainText('Press Train in the panel above');
});

test('presentation keys: Shift+arrows and PageUp/PageDown move t by a tenth of T, Home and End to 0 and T', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./?chapter=03-forward-process');
  const figure = widget(page, 'forward-scrubber');
  await expect(figure.locator('canvas')).toBeVisible(LOAD);
  await figure.getByRole('button', { name: 'Present full screen' }).press('Enter');
  await expect(figure).toHaveClass(/is-presenting/);
  const state = page.getByTestId('present-state');
  await expect(state).toHaveAttribute('data-t', '500');
  await expect(page.getByTestId('present-hint')).toContainText('PgDn');
  const t = figure.getByTestId('forward-t');
  for (const [key, expected] of [
    ['Shift+ArrowRight', 600],
    ['Shift+ArrowLeft', 500],
    ['Shift+ArrowLeft', 400],
    ['PageDown', 500],
    ['PageUp', 400],
    ['ArrowRight', 401],
    ['End', 1000],
    ['PageDown', 1000],
    ['Home', 0],
    ['PageUp', 0],
  ] as const) {
    await page.keyboard.press(key);
    await expect(state, `after ${key}`).toHaveAttribute('data-t', String(expected));
    await expect(t).toHaveText(`t = ${expected}`);
  }
  await page.keyboard.press('Escape');
  await expect(figure).not.toHaveClass(/is-presenting/);
});

test('presenting the training panel enlarges its sample canvas to most of the screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./?chapter=05-training&backend=wasm');
  const figure = widget(page, 'train-panel');
  const canvas = figure.locator('canvas').first();
  await expect(canvas).toBeVisible(LOAD);
  const before = (await canvas.boundingBox())!;
  await figure.getByRole('button', { name: 'Present full screen' }).press('Enter');
  await expect(figure).toHaveClass(/is-presenting/);
  // The zoom settles over a few frames; the canvas ends up most of the screen's height, all of it on screen.
  await expect.poll(async () => (await canvas.boundingBox())!.height).toBeGreaterThan(0.65 * 800);
  const after = (await canvas.boundingBox())!;
  expect(after.height).toBeGreaterThan(1.6 * before.height);
  expect(after.x + after.width).toBeLessThanOrEqual(1280);
  expect(after.y + after.height).toBeLessThanOrEqual(800);
  await page.screenshot({ path: shot('present-train-panel') });
  await page.keyboard.press('Escape');
  await expect(figure).not.toHaveClass(/is-presenting/);
});

test('controls=hidden also hides the knobs inside a picture: the schedule chart\'s T and the KL widget\'s redraw', async ({ page }) => {
  await page.goto('./?chapter=03-forward-process&controls=hidden');
  await expect(page.getByTestId('schedule-chart')).toBeVisible(LOAD);
  await expect(page.getByTestId('schedule-chart').getByRole('spinbutton', { name: 'number of timesteps T', exact: true })).toHaveCount(0);
  await expect(page.getByTestId('schedule-chart').getByRole('slider')).toHaveCount(0);
  await page.goto('./?chapter=02-prerequisites&controls=hidden');
  await expect(page.getByTestId('kl-exact')).toBeVisible(LOAD);
  await expect(page.getByRole('button', { name: 'Draw again' })).toBeHidden();
  // With controls shown, both are there.
  await page.goto('./?chapter=03-forward-process');
  await expect(page.getByTestId('schedule-chart').getByRole('spinbutton', { name: 'number of timesteps T', exact: true })).toBeVisible(LOAD);
  await page.goto('./?chapter=02-prerequisites');
  await expect(page.getByRole('button', { name: 'Draw again' })).toBeVisible(LOAD);
});
