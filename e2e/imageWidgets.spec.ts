/**
 * Chapter 8's image widgets against the real worker (WASM backend), opened by the embed route
 * (?embed=…), which renders any registered widget alone. Expected values come from mathematics:
 * at t = T the cosine schedule leaves √ᾱ_T ≈ 0 of each pixel, so the 1,024 pixel values of the
 * noised grid are draws of N(0, 1) (mean 0 ± 0.03, standard deviation 1 ± 0.02 for one standard
 * error); at t = 0 they are clean digits, mostly background at −1 (eq. 8.1).
 * Screenshots go to test-results/screenshots/ to look at.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { attr, noHorizontalOverflow, shots } from './widgetShots';

const LOAD = { timeout: 90_000 };

test.describe('image-forward', () => {
  for (const width of [1280, 390]) {
    test(`the noised grid follows t, and at t = T its pixels are N(0, 1) (${width} px)`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('./?embed=image-forward&t=0&backend=wasm');
      const widget = page.getByTestId('image-forward');
      const grid = widget.locator('canvas[role="img"]');
      await expect(grid).toHaveAttribute('data-images', '16', LOAD);
      // t = 0: clean digits, background −1 in most pixels, nothing outside [−1, 1].
      expect(await attr(widget, 'data-pixel-mean')).toBeLessThan(-0.2);
      expect(await attr(widget, 'data-pixel-std')).toBeLessThan(0.95);
      const clean = await grid.getAttribute('data-fingerprint');

      await widget.getByLabel('timestep t').fill('300');
      await expect(widget).toHaveAttribute('data-t', '300');
      await expect(grid).not.toHaveAttribute('data-fingerprint', clean!);
      const mid = await grid.getAttribute('data-fingerprint');

      await widget.getByLabel('timestep t').fill('1000');
      await expect(widget).toHaveAttribute('data-t', '1000');
      await expect(grid).not.toHaveAttribute('data-fingerprint', mid!);
      // 1,024 standard normals: mean within 0.1 (3 standard errors), standard deviation within 0.07.
      expect(Math.abs(await attr(widget, 'data-pixel-mean'))).toBeLessThan(0.1);
      expect(Math.abs((await attr(widget, 'data-pixel-std')) - 1)).toBeLessThan(0.07);
      expect(await noHorizontalOverflow(page)).toBe(true);

      await widget.getByLabel('timestep t').fill('150');
      await shots(page, widget, `image-forward-t150-${width}`);
    });
  }
});

test.describe('image-train', () => {
  for (const width of [1280, 390]) {
    test(`Train raises the step count and the same-seed grid refreshes while training (${width} px)`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height: 1000 });
      await page.goto('./?embed=image-train&backend=wasm');
      const widget = page.getByTestId('image-train');
      const grid = widget.locator('canvas[role="img"]');
      // The first grid comes once the worker has loaded the digits; it is scored.
      await expect(grid).toHaveAttribute('data-images', '64', LOAD);
      await expect(widget.getByTestId('image-score')).toBeVisible(LOAD);
      const seed = await widget.getAttribute('data-seed');
      const first = await grid.getAttribute('data-fingerprint');
      const refreshes = await attr(widget, 'data-refreshes');
      const progress = widget.getByTestId('lab-progress-images');
      const step0 = await attr(progress, 'data-step');
      // The Fréchet scale's ends for 64 images: real digits far below noise; the pretrained grid near the real end.
      const real = Number(await widget.getByTestId('frechet-real').textContent());
      const noise = Number(await widget.getByTestId('frechet-noise').textContent());
      const fid = Number(await widget.getByTestId('frechet').textContent());
      expect(real).toBeGreaterThan(0);
      expect(noise).toBeGreaterThan(10 * real);
      expect(fid).toBeLessThan(noise / 5);
      // No loss before training here: the pretrained file keeps no curve, and the widget says so.
      await expect(widget.getByTestId('image-loss-empty')).toBeVisible();

      await widget.getByRole('button', { name: 'Train', exact: true }).click();
      await expect.poll(() => attr(progress, 'data-step'), { timeout: 120_000, intervals: [500] }).toBeGreaterThan(step0);
      // Two refreshes while training: the grid shows a later step, from the same seed.
      await expect.poll(() => attr(widget, 'data-refreshes'), { timeout: 120_000, intervals: [500] }).toBeGreaterThanOrEqual(refreshes + 2);
      expect(await attr(widget, 'data-grid-step')).toBeGreaterThan(step0);
      expect(await widget.getAttribute('data-seed')).toBe(seed);
      expect(await grid.getAttribute('data-fingerprint')).not.toBe(first);
      await widget.getByRole('button', { name: 'Pause' }).click();
      await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
      // The loss curve drew the steps trained here, as a line in its chart.
      const curve = widget.getByTestId('image-loss-curve');
      expect(await attr(curve, 'data-points')).toBeGreaterThanOrEqual(2);
      expect(await curve.locator('path[d^="M"]').count()).toBeGreaterThan(0);
      expect(await noHorizontalOverflow(page)).toBe(true);
      const share = await attr(widget, 'data-confident-share');
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
      await shots(page, widget, `image-train-${width}`);
    });
  }

  test('controls=hidden hides Train and the model buttons, the grid stays', async ({ page }) => {
    await page.goto('./?embed=image-train&controls=hidden&backend=wasm');
    const widget = page.getByTestId('image-train');
    await expect(widget.locator('canvas[role="img"]')).toHaveAttribute('data-images', '64', LOAD);
    await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeHidden();
    for (const name of ['Train from scratch', 'Back to pretrained', 'Download model', 'Load model…']) await expect(widget.getByRole('button', { name })).toBeHidden();
  });
});
