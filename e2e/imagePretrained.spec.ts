/**
 * The digits model's pretrained default (public/pretrained/digits.bin) and its model files, against
 * the real worker (WASM): image-train opens on digits that clear the bar without pressing Train, and
 * says "pretrained"; Train from scratch asks first only when steps trained here would be lost;
 * a model file of the wrong kind is refused with a message and the grid kept; a downloaded file
 * loads back; an unreadable default leaves an untrained model that says why.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { attr, noHorizontalOverflow, shots } from './widgetShots';

const LOAD = { timeout: 90_000 };

async function openTrain(page: Page) {
  const t0 = Date.now();
  await page.goto('./?embed=image-train&backend=wasm');
  const widget = page.getByTestId('image-train');
  const grid = widget.locator('canvas[role="img"]');
  await expect(grid).toHaveAttribute('data-images', '64', LOAD);
  await expect(widget.getByTestId('image-score')).toBeVisible(LOAD);
  console.log(`image-train: first scored grid ${((Date.now() - t0) / 1000).toFixed(1)} s after opening (engine start, digits and pretrained file loaded, 64 samples, scored)`);
  return { widget, grid, progress: widget.getByTestId('lab-progress-images') };
}

test.describe('image-train with the pretrained digits model', () => {
  for (const width of [1280, 390]) {
    test(`opens on pretrained digits that pass the bar without training, and says so (${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 1000 });
      const { widget, progress } = await openTrain(page);
      const steps = await attr(progress, 'data-step');
      expect(steps).toBeGreaterThan(0);
      await expect(progress).toHaveAttribute('data-origin', 'pretrained');
      await expect(progress).toContainText(`pretrained, ${steps} steps`);
      expect(await attr(widget, 'data-grid-step')).toBe(steps);
      await expect(widget).toHaveAttribute('data-passes', 'true');
      await expect(widget.getByRole('button', { name: 'Train', exact: true })).toHaveAttribute('aria-pressed', 'false');
      expect(await noHorizontalOverflow(page)).toBe(true);
      const axe = await new AxeBuilder({ page }).include('[data-testid="image-train"]').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await shots(page, widget, `image-train-pretrained-${width}`);
    });
  }

  test('Train from scratch asks first only when steps trained here would be lost; Back to pretrained restores it', async ({ page }) => {
    test.setTimeout(180_000);
    const dialogs: string[] = [];
    let answer = false;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    });
    const { widget, grid, progress } = await openTrain(page);
    const pretrained = await attr(progress, 'data-step');

    // Nothing trained here: no question, fresh weights at step 0, the grid redrawn from them.
    await widget.getByRole('button', { name: 'Train from scratch' }).click();
    await expect(progress).toHaveAttribute('data-origin', 'untrained');
    await expect(progress).toContainText('untrained');
    await expect(widget).toHaveAttribute('data-grid-step', '0', LOAD);
    expect(dialogs).toEqual([]);

    // Back to pretrained, train a little there, pause: now the question names the steps that would go.
    await widget.getByRole('button', { name: 'Back to pretrained' }).click();
    await expect(progress).toHaveAttribute('data-origin', 'pretrained');
    await expect(widget).toHaveAttribute('data-grid-step', String(pretrained), LOAD);
    expect(dialogs).toEqual([]);
    await widget.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => attr(progress, 'data-step'), { timeout: 60_000, intervals: [200] }).toBeGreaterThan(pretrained + 50);
    await widget.getByRole('button', { name: 'Pause' }).click();
    await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
    const step = await attr(progress, 'data-step');
    const here = step - pretrained;
    // The grid is drawn once more when training stops: wait for that one before comparing grids.
    await expect(widget).toHaveAttribute('data-grid-step', String(step), LOAD);
    await expect(progress).toContainText(`pretrained (${pretrained} steps) + ${here} steps trained here`);

    // Dismissed: nothing changes. Accepted: untrained.
    const fingerprint = await grid.getAttribute('data-fingerprint');
    await widget.getByRole('button', { name: 'Train from scratch' }).click();
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toBe(`Train from scratch? The ${here} steps trained here will be lost.`);
    expect(await attr(progress, 'data-step')).toBe(step);
    expect(await grid.getAttribute('data-fingerprint')).toBe(fingerprint);
    answer = true;
    // Keyboard: focus the button and press Enter.
    await widget.getByRole('button', { name: 'Train from scratch' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialogs.length).toBe(2);
    await expect(progress).toHaveAttribute('data-origin', 'untrained');
    await expect(progress).toHaveAttribute('data-step', '0');
  });

  test('a model file of the wrong kind is refused with a message, the model and grid kept; a downloaded file loads back', async ({ page }) => {
    test.setTimeout(120_000);
    const { widget, grid, progress } = await openTrain(page);
    const steps = await attr(progress, 'data-step');
    const fingerprint = await grid.getAttribute('data-fingerprint');
    const input = widget.getByTestId('load-image-model');

    await input.setInputFiles({ name: 'twoMoons.bin', mimeType: 'application/octet-stream', buffer: readFileSync(resolve('public/pretrained/twoMoons.bin')) });
    const message = widget.getByTestId('image-model-message');
    await expect(message).toContainText('Could not load twoMoons.bin: This is a 2D-points model (the twoMoons dataset');
    await expect(message).toContainText('the digits model needs an image model for 8×8 images (64 pixels)');
    await expect(message).toContainText('The current model is unchanged.');
    await expect(message).toHaveAttribute('role', 'alert');
    await expect(progress).toHaveAttribute('data-origin', 'pretrained');
    expect(await attr(progress, 'data-step')).toBe(steps);
    expect(await grid.getAttribute('data-fingerprint')).toBe(fingerprint);
    await shots(page, widget, 'image-train-wrong-file-1280');

    // Download, go to scratch, load the download: the pretrained model again, now "loaded from" the file.
    const [download] = await Promise.all([page.waitForEvent('download'), widget.getByRole('button', { name: 'Download model' }).click()]);
    expect(download.suggestedFilename()).toBe(`diffusion-playground-digits-step${steps}.dpmodel`);
    const path = await download.path();
    await widget.getByRole('button', { name: 'Train from scratch' }).click();
    await expect(progress).toHaveAttribute('data-origin', 'untrained');
    await input.setInputFiles({ name: 'mine.dpmodel', mimeType: 'application/octet-stream', buffer: readFileSync(path) });
    await expect(progress).toHaveAttribute('data-origin', 'file');
    await expect(progress).toContainText(`loaded from mine.dpmodel (${steps} steps)`);
    await expect(widget).toHaveAttribute('data-grid-step', String(steps), LOAD);
    await expect(widget).toHaveAttribute('data-passes', 'true');
  });

  test('an unreadable pretrained file leaves an untrained model that says why, not a crash', async ({ page }) => {
    await page.context().route('**/pretrained/digits.bin', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: 'not a model' }));
    await page.goto('./?embed=image-train&backend=wasm');
    const widget = page.getByTestId('image-train');
    await expect(widget.locator('canvas[role="img"]')).toHaveAttribute('data-images', '64', LOAD);
    const progress = widget.getByTestId('lab-progress-images');
    await expect(progress).toHaveAttribute('data-origin', 'untrained', LOAD);
    await expect(progress).toContainText('untrained');
    await expect(widget.getByTestId('image-model-note')).toContainText('The pretrained digits model could not be loaded');
    await expect(widget.getByTestId('image-model-note')).toContainText('starts untrained: press Train');
    await expect(widget).toHaveAttribute('data-passes', 'false', LOAD);
  });
});
