/**
 * Chapter 8's "Does it copy?" widget against the real worker (WASM backend), opened by the embed
 * route. After a short training run it shows 16 samples beside their nearest training images. What
 * is checked, independently of the worker's numbers: each distance shown is the L2 distance (eq. 8.4)
 * between the two images the pair's canvas draws (pixels read back from the canvas and from the
 * pair's data attributes, which must agree); pairs come closest first; the held-out yardstick is
 * shown; "Sample again" is reachable by keyboard and draws new samples; the widget fits 390 px.
 * Screenshots go to test-results/screenshots/ to look at.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { attr, noHorizontalOverflow, shots, withoutPretrainedDigits } from './widgetShots';

const LOAD = { timeout: 90_000 };
const N = 16;
/** Training steps first: the digit recipe draws recognisable digits after this many WASM steps. */
const TRAIN_STEPS = 1500;

interface ShownPair {
  shown: number;
  sample: number[];
  nearest: number[];
}

/** Each pair in page order: the distance as printed, and the pixels of its two images. */
async function shownPairs(widget: Locator): Promise<ShownPair[]> {
  return widget.getByTestId('copy-pair').evaluateAll((items) =>
    items.map((li) => ({
      shown: Number(/d = ([0-9.]+)/.exec(li.querySelector('[data-testid="copy-distance"]')!.textContent ?? '')![1]),
      sample: (li as HTMLElement).dataset.samplePixels!.split(',').map(Number),
      nearest: (li as HTMLElement).dataset.nearestPixels!.split(',').map(Number),
    })),
  );
}

/**
 * The largest gap, in colour levels, between what each pair's canvas draws and the pixels on its
 * data attributes, drawn as ImageGrid does: v ∈ [−1, 1] blends the theme's panel colour (−1) to its
 * text colour (+1). Read at the centre of every image pixel, both images of every pair.
 */
async function canvasMismatch(widget: Locator): Promise<number> {
  return widget.getByTestId('copy-pair').evaluateAll((items) => {
    const rgb = (c: string): number[] => {
      const h = c.trim().replace('#', '');
      const full = h.length === 3 ? [...h].map((x) => x + x).join('') : h;
      return [0, 2, 4].map((k) => parseInt(full.slice(k, k + 2), 16));
    };
    let worst = 0;
    for (const li of items) {
      const canvas = li.querySelector('canvas')!;
      const style = getComputedStyle(canvas);
      const ink = rgb(style.getPropertyValue('--fg'));
      const paper = rgb(style.getPropertyValue('--panel'));
      const cell = Number(canvas.dataset.cell);
      const gap = canvas.width - 16 * cell; // two 8-pixel images side by side
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const images = [(li as HTMLElement).dataset.samplePixels!, (li as HTMLElement).dataset.nearestPixels!].map((s) => s.split(',').map(Number));
      images.forEach((px, k) => {
        for (let r = 0; r < 8; r++)
          for (let c = 0; c < 8; c++) {
            const a = Math.min(1, Math.max(0, (px[r * 8 + c]! + 1) / 2));
            const x = k * (8 * cell + gap) + c * cell + (cell >> 1);
            const y = r * cell + (cell >> 1);
            for (let j = 0; j < 3; j++) worst = Math.max(worst, Math.abs(data[4 * (y * canvas.width + x) + j]! - (paper[j]! + a * (ink[j]! - paper[j]!))));
          }
      });
    }
    return worst;
  });
}

const l2 = (a: number[], b: number[]): number => Math.sqrt(a.reduce((s, v, k) => s + (v - b[k]!) ** 2, 0));

/** Presses Tab until the focused element is the button named `name` (at most `limit` presses). */
async function tabTo(page: Page, name: string, limit = 12): Promise<boolean> {
  for (let k = 0; k < limit; k++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
    if (focused === name) return true;
  }
  return false;
}

test.describe('image-copy', () => {
  for (const width of [1280, 390]) {
    test(`after training, 16 samples sit beside their nearest training images at the L2 distances shown, closest first, against the held-out yardstick (${width} px)`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width, height: 1100 });
      await withoutPretrainedDigits(page); // this test watches an untrained model learn
      await page.goto('./?embed=image-copy&backend=wasm');
      const widget = page.getByTestId('image-copy');
      const pairs = widget.getByTestId('copy-pair');
      await expect(pairs).toHaveCount(N, LOAD);
      await expect(widget.getByTestId('copy-untrained')).toBeVisible();
      await expect(widget.getByTestId('copy-verdict')).toContainText('untrained');
      if (width === 390) await shots(page, widget, 'image-copy-untrained-390');

      // Train, then pause: the widget draws again with the trained network.
      const progress = widget.getByTestId('lab-progress-images');
      await widget.getByRole('button', { name: 'Train', exact: true }).click();
      await expect.poll(() => attr(progress, 'data-step'), { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(TRAIN_STEPS);
      await widget.getByRole('button', { name: 'Pause' }).click();
      await expect.poll(() => attr(widget, 'data-step'), { timeout: 120_000, intervals: [300] }).toBeGreaterThanOrEqual(TRAIN_STEPS);
      await expect(widget.getByTestId('copy-untrained')).toBeHidden();
      await expect(pairs).toHaveCount(N);

      // Each printed d is the L2 distance of the two images the pair holds (printed to 2 decimals) ...
      const shown = await shownPairs(widget);
      const recomputed = shown.map((p) => l2(p.sample, p.nearest));
      shown.forEach((p, k) => {
        expect(p.sample).toHaveLength(64);
        expect(p.nearest).toHaveLength(64);
        expect(Math.abs(p.shown - recomputed[k]!)).toBeLessThanOrEqual(0.005 + 1e-9);
      });
      // ... those pixels are what the canvas draws ...
      expect(await canvasMismatch(widget)).toBeLessThanOrEqual(1);
      // ... and the pairs come closest first.
      for (let k = 1; k < N; k++) expect(recomputed[k]!).toBeGreaterThanOrEqual(recomputed[k - 1]! - 1e-9);
      const closest = Number(await widget.getByTestId('copy-closest').textContent());
      expect(Math.abs(closest - recomputed[0]!)).toBeLessThanOrEqual(0.005 + 1e-9);

      // The yardstick: the held-out median, printed in the figures and on the strip plot.
      const median = await attr(widget, 'data-held-out-median');
      expect(median).toBeGreaterThan(0);
      await expect(widget.getByTestId('copy-yardstick')).toHaveText(median.toFixed(2));
      await expect(widget.locator('svg text', { hasText: `held-out median ${median.toFixed(2)}` })).toBeVisible();
      // The verdict says what the printed numbers say: no sample below the closest held-out digit, or how many are.
      const heldOutClosest = Number(await widget.getByTestId('copy-held-out-closest').textContent());
      const belowAll = recomputed.filter((d) => d < heldOutClosest).length;
      const verdict = widget.getByTestId('copy-verdict');
      if (belowAll === 0) await expect(verdict).toContainText('No sample is closer to a training image than the closest held-out digit');
      else await expect(verdict).toContainText(`${belowAll} sample`);
      const belowMedian = recomputed.filter((d) => d < median).length;
      await expect(verdict).toContainText(`${belowMedian} of ${N} ${belowMedian === 1 ? 'is' : 'are'} closer than the held-out median`);
      console.log(`step ${await attr(widget, 'data-step')}: sample distances ${recomputed.map((d) => d.toFixed(2)).join(' ')}; held-out median ${median.toFixed(3)}`);
      console.log(`verdict: ${await widget.getByTestId('copy-verdict').textContent()}`);
      expect(await noHorizontalOverflow(page)).toBe(true);
      await shots(page, widget, `image-copy-trained-${width}`);
      const axe = await new AxeBuilder({ page }).include('[data-testid="image-copy"]').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help}`)).toEqual([]);

      // "Sample again" by keyboard: a new seed, new samples, still 16 pairs.
      const draws = await attr(widget, 'data-draws');
      const seed = await attr(widget, 'data-seed');
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      expect(await tabTo(page, 'Sample again')).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => attr(widget, 'data-draws'), { timeout: 120_000, intervals: [300] }).toBeGreaterThan(draws);
      expect(await attr(widget, 'data-seed')).toBe(seed + 1);
      await expect(pairs).toHaveCount(N);
      const next = await shownPairs(widget);
      expect(next.map((p) => p.sample.join())).not.toEqual(shown.map((p) => p.sample.join()));
      next.forEach((p) => expect(Math.abs(p.shown - l2(p.sample, p.nearest))).toBeLessThanOrEqual(0.005 + 1e-9));
      expect(await noHorizontalOverflow(page)).toBe(true);
    });
  }
});
