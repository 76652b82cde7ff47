/**
 * The shapes option of chapter 8's image widgets, against the real worker (WASM backend): picked
 * in image-prompt's data-set select, the shapes model opens from its pretrained file (no training),
 * the grid shows 16×16 images (the size from the model's reply), "ring" draws rings the shape
 * classifier reads in most of the 16 samples, and "hexagon" lists the known shape words with the
 * grid kept. image-train's select switches its grid to the shapes too. Screenshots go to
 * test-results/screenshots/.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { attr, noHorizontalOverflow, shots } from './widgetShots';

const LOAD = { timeout: 90_000 };

test.describe('image widgets on the shapes', () => {
  test('image-prompt: pick shapes, "ring" draws rings from the pretrained model; "hexagon" lists the shape words', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 1100 });
    await page.goto('./?embed=image-prompt&backend=wasm');
    const widget = page.getByTestId('image-prompt');
    const grid = widget.locator('canvas[role="img"]');
    await expect(grid).toHaveAttribute('data-images', '16', LOAD);

    const before = await attr(widget, 'data-draws');
    await widget.getByLabel('data set').selectOption('shapes');
    await expect(widget).toHaveAttribute('data-dataset', 'shapes');
    await expect(widget.getByLabel('prompt', { exact: true })).toHaveValue('ring');
    await expect.poll(() => attr(widget, 'data-draws'), { timeout: 90_000 }).toBeGreaterThan(before);
    await expect(widget.getByTestId('lab-progress-shapes')).toHaveAttribute('data-origin', 'pretrained', LOAD);
    await expect(widget).toHaveAttribute('data-grid-class', '4'); // ring: SHAPE_CLASSES[4]
    // 16 images of 16 × 16 pixels: the canvas is 4 columns of 16 cells (plus gaps), twice the digits' 8.
    const cell = Number(await grid.getAttribute('data-cell'));
    const canvasWidth = await grid.evaluate((c) => (c as HTMLCanvasElement).width);
    expect(canvasWidth).toBeGreaterThanOrEqual(4 * 16 * cell);
    const share = await attr(widget, 'data-asked-share');
    console.log(`pretrained shapes model: "ring" read as a ring in ${share} of 16 at w = 1`);
    expect(share).toBeGreaterThanOrEqual(0.5); // most; chance is 1 in 6
    await expect(widget.getByTestId('prompt-readout')).toContainText('as the shape ring');
    await shots(page, widget, 'image-prompt-shapes-ring');
    const axe = await new AxeBuilder({ page }).include('[data-testid="image-prompt"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    const rings = await grid.getAttribute('data-fingerprint');
    const box = widget.getByLabel('prompt', { exact: true });
    await box.fill('hexagon');
    await box.press('Enter');
    const message = widget.getByTestId('prompt-message');
    await expect(message).toContainText('“hexagon” is not a word this model knows');
    for (const word of ['circle', 'square', 'triangle', 'cross', 'ring', 'bar']) await expect(message).toContainText(word);
    await expect(message).not.toContainText('seven');
    expect(await grid.getAttribute('data-fingerprint')).toBe(rings);

    await page.setViewportSize({ width: 390, height: 1100 });
    expect(await noHorizontalOverflow(page)).toBe(true);
    await shots(page, widget, 'image-prompt-shapes-390');
  });

  test('image-train: the select switches the scored grid to 16×16 shapes from the pretrained model', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 390, height: 1100 });
    await page.goto('./?embed=image-train&backend=wasm');
    const widget = page.getByTestId('image-train');
    await expect(widget.locator('canvas[role="img"]').first()).toHaveAttribute('data-images', '64', LOAD);
    const before = await attr(widget, 'data-refreshes');
    await widget.getByLabel('data set').selectOption('shapes');
    await expect.poll(() => attr(widget, 'data-refreshes'), { timeout: 90_000 }).toBeGreaterThan(before);
    await expect(widget).toHaveAttribute('data-dataset', 'shapes');
    await expect(widget.getByTestId('image-score')).toContainText('of 6 shapes');
    await expect(widget.getByTestId('lab-progress-shapes')).toContainText('shapes DDPM: pretrained');
    expect(await noHorizontalOverflow(page)).toBe(true);
    const axe = await new AxeBuilder({ page }).include('[data-testid="image-train"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Train trains the shapes model (its own id): steps past the pretrained 8000, a loss curve of its own.
    const progress = widget.getByTestId('lab-progress-shapes');
    await widget.getByRole('button', { name: 'Train', exact: true }).click();
    await expect.poll(() => attr(progress, 'data-step'), { timeout: 60_000, intervals: [300] }).toBeGreaterThanOrEqual(8100);
    await widget.getByRole('button', { name: 'Pause' }).click();
    await expect(widget.getByTestId('image-loss-curve')).toBeVisible();
    await expect(progress).toContainText('shapes DDPM: pretrained (8000 steps) +');
    await shots(page, widget, 'image-train-shapes');
  });
});
