/**
 * Chapter 9's latent diffusion widget against the real worker (WASM backend), by the embed route,
 * at a phone's width. Checked from what the page shows: the autoencoder's reconstruction error is
 * stated and below half the best constant image's (0.29 on the held-out digits, src/engine/latent/
 * latentDigits.test.ts); the codes' scatter is drawn in several colours (one per digit); the Train
 * button works from the keyboard; after training, the decoded samples' confident share clears the
 * digit bar (80% of the held-out digits' share, both read from the page's text, with all ten
 * digits) and, 300 steps on, their FID is below 4: under the 6.7 that codes drawn from N(0, I) and decoded
 * score with no DDPM at all (d = 8, src/engine/latent/latentRecipe.ts), so the DDPM has learned the cloud,
 * and under a twentieth of the noise end shown beside it; the table
 * gives the steps and seconds to the bar; nothing overflows 390 px.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { noHorizontalOverflow } from './widgetShots';

/** Half the per-pixel error of the best constant image (each pixel's mean) on the held-out digits. */
const HALF_CONSTANT_IMAGE_MSE = 0.29 / 2;
/**
 * Codes drawn from N(0, I) and decoded at d = 8 score FID 6.71 (latentRecipe.ts); a DDPM that has
 * learned the cloud scores 1.6–2.4 from 180 steps on. 4 sits between, clear of both.
 */
const FID_BAR = 4;
/** Steps before the FID is read. */
const MIN_STEPS = 300;

/** Distinct hues (20° buckets, at least 30 pixels each) among the canvas's coloured pixels. */
async function hueCount(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const buckets = new Map<number, number>();
    for (let p = 0; p < data.length; p += 4) {
      const [r, g, b] = [data[p]!, data[p + 1]!, data[p + 2]!];
      const max = Math.max(r, g, b);
      const min = Math.min(r, g, b);
      if (max - min < 25) continue; // grey: background, ink, frame
      const h = max === r ? ((g - b) / (max - min) + 6) % 6 : max === g ? (b - r) / (max - min) + 2 : (r - g) / (max - min) + 4;
      const k = Math.floor((h * 60) / 20);
      buckets.set(k, (buckets.get(k) ?? 0) + 1);
    }
    return [...buckets.values()].filter((v) => v >= 30).length;
  });
}

test('latent diffusion: reconstruction error stated, codes in colour, latent samples past the digit bar with a low FID (390 px)', async ({ page }) => {
  test.setTimeout(45_000);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto('./?embed=latent-space&backend=wasm');
  const widget = page.getByTestId('latent-space');
  const recon = widget.getByTestId('latent-reconstruction');
  await expect(recon).toContainText('reconstruction error', { timeout: 20_000 });
  // The widget opens on d = 2, where even undiffused codes pass the bar; the check runs on d = 8.
  await widget.getByRole('radio', { name: /^8/ }).check();
  await expect(widget.getByText(/decoded from their 8-number codes/)).toBeVisible({ timeout: 20_000 });
  const mse = Number(/error (\d+\.\d+) per pixel/.exec((await recon.textContent()) ?? '')![1]);
  expect(mse).toBeGreaterThan(0);
  expect(mse).toBeLessThan(HALF_CONSTANT_IMAGE_MSE);

  const scatter = widget.getByRole('img', { name: /training digits' codes/ });
  expect(await hueCount(scatter)).toBeGreaterThanOrEqual(5);

  const train = widget.getByRole('button', { name: 'Train latent model' });
  await expect(train).toBeEnabled();
  await train.focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('button', { name: 'Pause' })).toBeVisible();

  await expect(widget).toHaveAttribute('data-passes', 'true', { timeout: 30_000 });
  // The FID is read a few hundred steps on, not at the first pass: at d = 8 the bar can be met after
  // ~40 steps, while the cloud is still being learned (the recipe measured FID 2.4 at 180 steps).
  await expect.poll(async () => Number(await widget.getAttribute('data-checks-step')), { timeout: 30_000 }).toBeGreaterThanOrEqual(MIN_STEPS);
  await expect(widget).toHaveAttribute('data-passes', 'true');
  const score = (await widget.getByTestId('latent-score').textContent()) ?? '';
  const [, confident, heldOut, classes] = /: (\d+\.\d+)% confident \(bar \d+\.\d+%, 80% of held-out digits' (\d+\.\d+)%\), (\d+) of 10 digits/.exec(score)!;
  expect(Number(confident)).toBeGreaterThanOrEqual(0.8 * Number(heldOut));
  expect(Number(classes)).toBe(10);
  const [, fid, real, noise] = /FID (\d+\.\d+); for \d+ images, real digits score (\d+\.\d+) and noise (\d+\.\d+)/.exec(score)!;
  expect(Number(fid)).toBeLessThan(0.05 * Number(noise));
  expect(Number(fid)).toBeLessThan(FID_BAR);

  await widget.getByRole('button', { name: 'Pause' }).click();
  const steps = Number(((await widget.getByTestId('latent-steps-to-bar').textContent()) ?? '').replace(/,/g, ''));
  const seconds = Number(await widget.getByTestId('latent-seconds-to-bar').textContent());
  expect(steps).toBeGreaterThan(0);
  expect(seconds).toBeGreaterThan(0);
  await expect(widget.getByTestId('latent-status')).toContainText(`Past the digit bar at step ${steps}`);
  console.log(`latent d = 8 in Chromium: bar first met at step ${steps}, ${seconds} s of training; at step ${await widget.getAttribute('data-checks-step')}: ${confident}% confident (held-out ${heldOut}%), FID ${fid} (real ${real}, noise ${noise}); reconstruction MSE ${mse}`);
  expect(await noHorizontalOverflow(page)).toBe(true);
});
