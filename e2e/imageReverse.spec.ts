/**
 * Chapter 8's reverse-process widget against the real worker (WASM backend), opened by the embed
 * route. 20 digits by DDIM in 50 steps from the x_T one seed fixes, every state kept: 51 frames.
 * Expected values come from mathematics, not from the widget:
 * - DDIM's trailing timesteps for 50 steps of T = 1000 are 1000, 980, …, 20, then 0 (step T/50 = 20).
 * - The first frame is x_T ~ N(0, I): 1,280 pixel values with mean 0 (standard error 0.028) and
 *   standard deviation 1 (standard error 0.02), and only Φ(−0.75) ≈ 23% of them at most −0.75.
 * - The last frame (t = 0) is the finished sample: its guess x̂₀ is itself, and after ~1500 training
 *   steps its pixels lie in [−1, 1] with the digits' black background (−1, eq. 8.1) in most of them
 *   (55% of the real digits' pixels are at most −0.75, their mean is −0.39).
 * Screenshots go to test-results/screenshots/ to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { attr, noHorizontalOverflow, shots, withoutPretrainedDigits } from './widgetShots';

const LOAD = { timeout: 90_000 };
const TRAIN_STEPS = 1500;
const FRAMES = 51;

/** Waits for sample number `after + 1` or later and returns the count. */
async function nextSample(widget: Locator, after: number): Promise<void> {
  await expect.poll(() => attr(widget, 'data-samples'), { timeout: 120_000, intervals: [300] }).toBeGreaterThan(after);
}

/** Top and bottom of the two grid panels. */
async function panelBoxes(widget: Locator) {
  const xt = await widget.getByRole('region', { name: /^Noisy images x_t/ }).boundingBox();
  const x0 = await widget.getByRole('region', { name: /^Guessed clean images x̂₀/ }).boundingBox();
  return { xt: xt!, x0: x0! };
}

async function fitsAt390(page: Page, widget: Locator, name: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 1800 });
  await page.waitForTimeout(400); // the embed refits on the next frame
  expect(await noHorizontalOverflow(page)).toBe(true);
  const box = await widget.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  // At a phone width the x̂₀ grid goes under the x_t grid.
  const { xt, x0 } = await panelBoxes(widget);
  expect(x0.y).toBeGreaterThanOrEqual(xt.y + xt.height - 1);
  await shots(page, widget, name);
}

test.describe('image-reverse', () => {
  test('after training, t runs from T (noise) to 0 (the sample, x̂₀ = x_t); the slider steps frames by keyboard; fits 390 px', async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1280, height: 1100 });
    await withoutPretrainedDigits(page); // this test watches an untrained model learn
    await page.goto('./?embed=image-reverse&backend=wasm');
    const widget = page.getByTestId('image-reverse');
    const slider = widget.getByRole('slider', { name: 'frame of the reverse process' });

    // Untrained: frames arrive anyway (noise in, noise out) and the widget says why, with Train here.
    await nextSample(widget, 0);
    await expect(widget).toHaveAttribute('data-frames', String(FRAMES));
    await expect(widget).toHaveAttribute('data-seed', '1');
    await expect(widget.getByTestId('reverse-untrained')).toContainText('The model is untrained (step 0)');
    await expect(widget.locator('canvas[role="img"]')).toHaveCount(2);
    await slider.fill('10');
    await expect(widget).toHaveAttribute('data-t', '800');
    await shots(page, widget, 'image-reverse-untrained-1280');
    await fitsAt390(page, widget, 'image-reverse-untrained-390');
    await page.setViewportSize({ width: 1280, height: 1100 });

    // Train ~1500 steps, pause: the same seed is sampled again by the newer network.
    const progress = widget.getByTestId('lab-progress-images');
    await widget.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(widget.getByText('Training: the frames below are from step')).toBeVisible();
    await expect.poll(() => attr(progress, 'data-step'), { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(TRAIN_STEPS);
    const before = await attr(widget, 'data-samples');
    await widget.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
    await expect(widget.getByTestId('reverse-status')).toContainText(/Sampling 20 digits from seed 1|Seed 1:/);
    await nextSample(widget, before);
    expect(await attr(widget, 'data-run-step')).toBeGreaterThanOrEqual(TRAIN_STEPS);
    await expect(widget).toHaveAttribute('data-seed', '1');
    await expect(widget.getByTestId('reverse-untrained')).toBeHidden();

    // A new sample plays by itself from t = T and stops on the last frame, t = 0.
    await expect.poll(() => attr(widget, 'data-frame'), { timeout: 20_000, intervals: [100] }).toBeGreaterThan(0);
    await expect(widget).toHaveAttribute('data-frame', String(FRAMES - 1), { timeout: 30_000 });
    await expect(widget).toHaveAttribute('data-playing', 'false');
    await expect(widget).toHaveAttribute('data-t', '0');
    // The finished sample: its x̂₀ is itself, pixels in [−1, 1], mostly background.
    expect(await attr(widget, 'data-x0-gap')).toBeLessThanOrEqual(1e-6);
    expect(await attr(widget, 'data-xt-min')).toBeGreaterThanOrEqual(-1);
    expect(await attr(widget, 'data-xt-max')).toBeLessThanOrEqual(1);
    const background = await attr(widget, 'data-xt-background');
    const mean = await attr(widget, 'data-xt-mean');
    console.log(`step ${await attr(widget, 'data-run-step')}: last frame background share ${background}, mean ${mean}`);
    expect(background).toBeGreaterThanOrEqual(0.33); // noise: 0.23 ± 0.012; real digits: 0.55
    expect(mean).toBeLessThan(-0.15); // noise: 0; real digits: −0.39
    await expect(slider).toHaveAttribute('aria-valuetext', 't = 0: the finished sample');
    await shots(page, widget, 'image-reverse-trained-t0-1280');

    // Keyboard: Home is x_T, pure noise; each → is one DDIM step of 20; End is t = 0 again.
    await slider.focus();
    await page.keyboard.press('Home');
    await expect(widget).toHaveAttribute('data-frame', '0');
    await expect(widget).toHaveAttribute('data-t', '1000');
    await expect(slider).toHaveAttribute('aria-valuetext', 't = 1000: pure noise');
    await expect(widget.locator('.slider output')).toHaveText('t = 1000: pure noise');
    await expect(widget.getByRole('heading', { name: 'Noisy images x_t at t = 1000' })).toBeVisible();
    expect(Math.abs(await attr(widget, 'data-xt-mean'))).toBeLessThan(0.1); // 3.5 standard errors
    expect(Math.abs((await attr(widget, 'data-xt-std')) - 1)).toBeLessThan(0.07);
    expect(await attr(widget, 'data-xt-background')).toBeLessThan(0.3);
    // At t = T the guess is not the noise (ᾱ_T ≈ 0: x̂₀ is the network's average digit).
    expect(await attr(widget, 'data-x0-gap')).toBeGreaterThan(0.5);
    for (const t of [980, 960, 940]) {
      await page.keyboard.press('ArrowRight');
      await expect(widget).toHaveAttribute('data-t', String(t));
      await expect(slider).toHaveAttribute('aria-valuetext', `t = ${t}`);
      await expect(widget.locator('[data-record-readout]')).toHaveText(`t = ${t}`);
    }
    await page.keyboard.press('ArrowLeft');
    await expect(widget).toHaveAttribute('data-t', '960');
    // Halfway: frame 25 is t = 1000 − 25·20 = 500.
    await slider.fill('25');
    await expect(widget).toHaveAttribute('data-t', '500');
    await shots(page, widget, 'image-reverse-trained-t500-1280');
    await page.keyboard.press('End');
    await expect(widget).toHaveAttribute('data-t', '0');

    // Side by side at 1280 px: the two grids start at the same height.
    const wide = await panelBoxes(widget);
    expect(Math.abs(wide.x0.y - wide.xt.y)).toBeLessThan(2);
    expect(wide.x0.x).toBeGreaterThan(wide.xt.x + wide.xt.width - 1);

    // Play from the last frame starts again at t = T; Pause holds the frame.
    await widget.getByRole('button', { name: 'Play the frames' }).click();
    await expect(widget).toHaveAttribute('data-playing', 'true');
    await expect.poll(() => attr(widget, 'data-frame'), { timeout: 10_000, intervals: [50] }).toBeGreaterThan(2);
    await widget.getByRole('button', { name: 'Pause the frames' }).click();
    const held = await attr(widget, 'data-frame');
    expect(held).toBeLessThan(FRAMES - 1);
    await page.waitForTimeout(500);
    expect(await attr(widget, 'data-frame')).toBe(held);

    // Sample again: a new seed, new starting noise, and the frames play again.
    const grid = widget.locator('canvas[role="img"]').first();
    await slider.fill('0');
    const oldNoise = await grid.getAttribute('data-fingerprint');
    const samples = await attr(widget, 'data-samples');
    await widget.getByRole('button', { name: 'Sample again (seed 2)' }).click();
    await nextSample(widget, samples);
    await expect(widget).toHaveAttribute('data-seed', '2');
    await expect(widget.getByTestId('reverse-status')).toContainText('Seed 2:');
    await slider.fill('0');
    await expect(grid).not.toHaveAttribute('data-fingerprint', oldNoise!);
    await slider.fill('50');
    await expect(widget).toHaveAttribute('data-t', '0');

    await fitsAt390(page, widget, 'image-reverse-trained-t0-390');
    await slider.fill('30');
    await expect(widget).toHaveAttribute('data-t', '400');
    await shots(page, widget, 'image-reverse-trained-t400-390');
  });

  test('axe finds no violations; the grids are what the toolbar exports (canvases, titles, the t readout)', async ({ page }) => {
    await page.goto('./?embed=image-reverse&backend=wasm');
    const widget = page.getByTestId('image-reverse');
    await nextSample(widget, 0);
    await widget.getByRole('slider', { name: 'frame of the reverse process' }).fill('5');
    await expect(widget).toHaveAttribute('data-t', '900');
    const axe = await new AxeBuilder({ page }).include('[data-testid="image-reverse"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // The chapter's widget toolbar (src/app/exportChart.ts, recordCanvas.ts) composes a figure's shown
    // canvases with its [class*="title"] texts, and a clip's strip shows [data-record-readout]: the
    // embed route has no toolbar, so check what it reads. Each canvas gives a PNG (nothing taints it).
    const pngs = await widget.locator('canvas[role="img"]').evaluateAll((canvases) =>
      canvases.map((c) => ({ width: c.getBoundingClientRect().width, png: (c as HTMLCanvasElement).toDataURL('image/png').length })),
    );
    expect(pngs).toHaveLength(2);
    for (const p of pngs) {
      expect(p.width).toBeGreaterThan(100);
      expect(p.png).toBeGreaterThan(500);
    }
    await expect(widget.locator('[class*="title"]')).toHaveText(['Noisy images x_t at t = 900', 'Guessed clean images x̂₀']);
    await expect(widget.locator('[data-record-readout]')).toHaveText('t = 900');
  });

  test('controls=hidden hides Play, Sample again, the slider and Train; the animation still runs', async ({ page }) => {
    await page.goto('./?embed=image-reverse&controls=hidden&backend=wasm');
    const widget = page.getByTestId('image-reverse');
    await nextSample(widget, 0);
    await expect(widget.locator('canvas[role="img"]')).toHaveCount(2);
    await expect(widget.getByRole('slider')).toBeHidden();
    await expect(widget.getByRole('button', { name: 'Play the frames' })).toBeHidden();
    await expect(widget.getByRole('button', { name: /Sample again/ })).toBeHidden();
    await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeHidden();
    await expect(widget).toHaveAttribute('data-t', '0', { timeout: 30_000 });
  });
});
