/**
 * Chapter 8's prompt widget against the real worker (WASM backend), opened by the embed route.
 * A prompt is looked up to a digit and 16 samples of it are drawn from fixed noise with guidance
 * (eq. 7.4). What is checked: after a short training run the classifier reads the prompted digit
 * in far more of the samples than chance (1 in 10), a prompt the table does not know keeps the
 * grid and lists the known words, and the widget fits 390 px. Screenshots go to
 * test-results/screenshots/ to look at.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { attr, noHorizontalOverflow, shots, withoutPretrainedDigits } from './widgetShots';

const LOAD = { timeout: 90_000 };
/** Training steps before prompting: the digit recipe clears its bar in a few seconds of WASM training. */
const TRAIN_STEPS = 1500;

/** Types `text` into the prompt box and presses Enter (or clicks Draw). */
async function prompt(widget: Locator, text: string, how: 'enter' | 'button'): Promise<void> {
  const box = widget.getByLabel('prompt', { exact: true });
  await box.fill(text);
  if (how === 'enter') await box.press('Enter');
  else await widget.getByRole('button', { name: 'Draw' }).click();
}

/** Waits for a draw after `before` draws and returns the share the classifier reads as the asked digit. */
async function nextShare(widget: Locator, before: number): Promise<number> {
  await expect.poll(() => attr(widget, 'data-draws'), { timeout: 120_000, intervals: [300] }).toBeGreaterThan(before);
  return attr(widget, 'data-asked-share');
}

test.describe('image-prompt', () => {
  for (const width of [1280, 390]) {
    test(`after training, "seven" draws sevens well above chance; "seventy" lists the known words and keeps the grid (${width} px)`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width, height: 1100 });
      await withoutPretrainedDigits(page); // this test watches an untrained model learn
      await page.goto('./?embed=image-prompt&backend=wasm');
      const widget = page.getByTestId('image-prompt');
      const grid = widget.locator('canvas[role="img"]');
      await expect(grid).toHaveAttribute('data-images', '16', LOAD);
      await expect(widget.getByTestId('prompt-untrained')).toBeVisible();
      if (width === 390) await shots(page, widget, 'image-prompt-untrained-390');

      // Train briefly, then pause: the widget redraws with the trained network.
      const progress = widget.getByTestId('lab-progress-images');
      await widget.getByRole('button', { name: 'Train', exact: true }).click();
      await expect.poll(() => attr(progress, 'data-step'), { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(TRAIN_STEPS);
      let draws = await attr(widget, 'data-draws');
      await widget.getByRole('button', { name: 'Pause' }).click();
      await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
      await nextShare(widget, draws);
      await expect(widget.getByTestId('prompt-untrained')).toBeHidden();
      const trainedStep = await attr(widget, 'data-grid-step');
      expect(trainedStep).toBeGreaterThanOrEqual(TRAIN_STEPS);

      // "seven" at w = 0 (plain conditional sampling) and at w = 2.
      const slider = widget.getByLabel('guidance weight w');
      await slider.fill('0');
      draws = await attr(widget, 'data-draws');
      await prompt(widget, 'seven', 'enter');
      let share0 = await nextShare(widget, draws);
      // The slider's redraw may land after Enter's: wait until the grid is the w = 0 one.
      await expect(widget).toHaveAttribute('data-grid-w', '0');
      share0 = await attr(widget, 'data-asked-share');
      await expect(widget).toHaveAttribute('data-grid-class', '7');
      draws = await attr(widget, 'data-draws');
      await slider.fill('2');
      await expect(widget).toHaveAttribute('data-grid-w', '2', { timeout: 120_000 });
      const share2 = await attr(widget, 'data-asked-share');
      console.log(`step ${trainedStep}: "seven" read as 7 in ${share0} (w = 0) and ${share2} (w = 2) of 16`);
      // Chance is 1 in 10; a trained digit model with guidance draws mostly sevens.
      expect(share2).toBeGreaterThanOrEqual(0.5);
      expect(share2).toBeGreaterThanOrEqual(share0 - 1 / 16); // guidance does not lose sevens (one sample of slack)
      await expect(widget.getByTestId('prompt-readout')).toContainText('as the digit 7');

      // An unknown word: the known words are listed, the grid of sevens stays.
      const sevens = await grid.getAttribute('data-fingerprint');
      draws = await attr(widget, 'data-draws');
      await prompt(widget, 'seventy', 'button');
      const message = widget.getByTestId('prompt-message');
      await expect(message).toHaveAttribute('role', 'alert');
      await expect(message).toContainText('“seventy” is not a word this model knows');
      await expect(message).toContainText('0 or zero');
      await expect(message).toContainText('9 or nine');
      await page.waitForTimeout(500);
      expect(await attr(widget, 'data-draws')).toBe(draws);
      expect(await grid.getAttribute('data-fingerprint')).toBe(sevens);
      await expect(widget).toHaveAttribute('data-grid-class', '7');
      expect(await noHorizontalOverflow(page)).toBe(true);
      await shots(page, widget, `image-prompt-seventy-${width}`);

      // A known word in another form clears the message and draws that digit.
      await prompt(widget, ' The Three ', 'enter');
      await expect(message).toBeHidden();
      await expect(widget).toHaveAttribute('data-grid-class', '3', { timeout: 120_000 });
      expect(await noHorizontalOverflow(page)).toBe(true);
      await shots(page, widget, `image-prompt-three-${width}`);
    });
  }

  test('controls=hidden hides the prompt box, the slider and Train; the grid stays', async ({ page }) => {
    await page.goto('./?embed=image-prompt&controls=hidden&backend=wasm');
    const widget = page.getByTestId('image-prompt');
    await expect(widget.locator('canvas[role="img"]')).toHaveAttribute('data-images', '16', LOAD);
    await expect(widget.getByLabel('prompt', { exact: true })).toBeHidden();
    await expect(widget.getByLabel('guidance weight w')).toBeHidden();
    await expect(widget.getByRole('button', { name: 'Draw' })).toBeHidden();
    await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeHidden();
  });
});
