/**
 * Chapter 8's "How likely is this image?" widget against the real worker (WASM backend), opened by
 * the embed route. What is checked: an empty pad says so and sends nothing; after a short training
 * run a held-out digit and a digit drawn with the pointer score fewer bits/dim (eq. 8.8 → 8.5) than
 * a scribble of random grey levels, which lands above most held-out digits on both scores; the
 * keyboard alone can ink a cell and score it; the widget fits 390 px. The measured figures are
 * logged for the chapter text; screenshots go to test-results/screenshots/.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { attr, noHorizontalOverflow, shots, withoutPretrainedDigits } from './widgetShots';

const LOAD = { timeout: 90_000 };
const SCORE = { timeout: 240_000, intervals: [500] };
/** Training steps before scoring, as in imagePrompt.spec.ts: a few seconds of WASM training. */
const TRAIN_STEPS = 1500;

interface Scores {
  what: string;
  bits: number;
  anomaly: number;
  bitsBelow: number;
  anomalyBelow: number;
  step: number;
}

/** Waits for a result newer than `requestsBefore` requests, on an image described as `what`, and reads it. */
async function nextScores(widget: Locator, requestsBefore: number, what: RegExp): Promise<Scores> {
  await expect.poll(() => attr(widget, 'data-requests'), SCORE).toBeGreaterThan(requestsBefore);
  await expect(widget).toHaveAttribute('data-scored', what, SCORE);
  await expect(widget.getByTestId('likelihood-progress')).toBeHidden(SCORE);
  return {
    what: (await widget.getAttribute('data-scored'))!,
    bits: await attr(widget, 'data-bits'),
    anomaly: await attr(widget, 'data-anomaly'),
    bitsBelow: await attr(widget, 'data-bits-below'),
    anomalyBelow: await attr(widget, 'data-anomaly-below'),
    step: await attr(widget, 'data-step'),
  };
}

/** Accessibility rule violations inside the widget (axe-core), as "rule: first target" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  const report = await new AxeBuilder({ page }).include('[data-testid="image-likelihood"]').analyze();
  return report.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

/** Drags the mouse through cell centres (row, col) of the pad, pointer down for the whole stroke. */
async function stroke(page: Page, pad: Locator, cells: [number, number][]): Promise<void> {
  const box = (await pad.boundingBox())!;
  const at = ([r, c]: [number, number]) => [box.x + ((c + 0.5) * box.width) / 8, box.y + ((r + 0.5) * box.height) / 8] as const;
  await page.mouse.move(...at(cells[0]!));
  await page.mouse.down();
  for (const cell of cells.slice(1)) await page.mouse.move(...at(cell), { steps: 4 });
  await page.mouse.up();
}

test('image-likelihood: digits score fewer bits/dim than a scribble; empty says so; keyboard alone scores; fits 390 px', async ({ page }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 390, height: 1400 });
  await withoutPretrainedDigits(page); // this test watches an untrained model learn
  await page.goto('./?embed=image-likelihood&backend=wasm');
  const widget = page.getByTestId('image-likelihood');
  const pad = widget.getByRole('grid', { name: 'drawing pad, 8 by 8 cells' });
  const scoreButton = widget.getByRole('button', { name: 'Score', exact: true });
  await expect(scoreButton).toBeEnabled(LOAD);
  await expect(widget.getByTestId('likelihood-untrained')).toBeVisible();

  // An empty pad: the message, and Score sends nothing.
  const empty = widget.getByTestId('likelihood-empty');
  await expect(empty).toContainText('Draw something first');
  await scoreButton.click();
  await expect(empty).toHaveAttribute('role', 'alert');
  await page.waitForTimeout(1500);
  expect(await attr(widget, 'data-requests')).toBe(0);
  await shots(page, widget, 'image-likelihood-empty-390');
  expect(await axeViolations(page)).toEqual([]);

  // Train briefly, then pause.
  const progress = widget.getByTestId('lab-progress-images');
  await widget.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => attr(progress, 'data-step'), { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(TRAIN_STEPS);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  await expect(widget.getByTestId('likelihood-untrained')).toBeHidden();

  // A held-out digit (scored by itself once loaded).
  let sent = await attr(widget, 'data-requests');
  await widget.getByRole('button', { name: 'Load a held-out digit' }).click();
  const digit = await nextScores(widget, sent, /held-out digit 1 of/);
  expect(digit.step).toBeGreaterThanOrEqual(TRAIN_STEPS);
  const refN = await attr(widget, 'data-reference-n');
  expect(refN).toBeGreaterThanOrEqual(90);
  const refBits = (await widget.getAttribute('data-ref-bits'))!.split(',').map(Number);
  const refAnomaly = (await widget.getAttribute('data-ref-anomaly'))!.split(',').map(Number);
  await expect(widget.getByTestId('likelihood-bits')).toHaveText(digit.bits.toFixed(2).replace(/^-/, '−'));
  await expect(widget.getByTestId('likelihood-bits-strip').locator('circle')).toHaveCount(refN);
  expect(await noHorizontalOverflow(page)).toBe(true);
  await shots(page, widget, 'image-likelihood-digit-390');
  expect(await axeViolations(page)).toEqual([]);

  // A scribble of random grey levels: above most held-out digits on both scores, and above the digit.
  sent = await attr(widget, 'data-requests');
  await widget.getByRole('button', { name: 'Load a scribble' }).click();
  const noise = await nextScores(widget, sent, /scribble/);
  expect(noise.bits).toBeGreaterThan(digit.bits);
  expect(noise.anomaly).toBeGreaterThan(digit.anomaly);
  expect(noise.bitsBelow).toBeGreaterThanOrEqual(0.9 * refN);
  expect(noise.anomalyBelow).toBeGreaterThanOrEqual(0.9 * refN);
  await expect(widget.getByTestId('likelihood-bits-sentence')).toContainText(/Higher than (all|\d+ of) \d+ held-out digits: by this bound the model finds it less likely than/);
  expect(await noHorizontalOverflow(page)).toBe(true);
  await shots(page, widget, 'image-likelihood-scribble-390');

  // Clear: the message again, nothing sent; the last scores stay, labelled with what they scored.
  await widget.getByRole('button', { name: 'Clear' }).click();
  await expect(empty).toBeVisible();
  sent = await attr(widget, 'data-requests');
  await scoreButton.click();
  await page.waitForTimeout(1500);
  expect(await attr(widget, 'data-requests')).toBe(sent);

  // A 1 drawn with the pointer (soft pen): one slanted stroke from the top edge to the bottom edge.
  await stroke(page, pad, [[0, 4], [7, 3]]);
  const ink = (await pad.getAttribute('data-ink'))!.split(',').map(Number);
  expect(ink[0 * 8 + 4]).toBe(16);
  expect(ink[7 * 8 + 3]).toBe(16);
  expect(ink[0 * 8 + 5]).toBe(8); // the soft pen's half-ink edge
  expect(ink.filter((v) => v === 16)).toHaveLength(8); // one full-ink cell per row: no gaps in the stroke
  const drawn = await nextScores(widget, sent, /your drawing/);
  expect(drawn.bits).toBeLessThan(noise.bits);
  expect(drawn.anomaly).toBeLessThan(noise.anomaly);
  expect(drawn.bitsBelow).toBeLessThan(refN); // among the held-out digits: some score higher
  expect(await pad.getAttribute('data-ink')).toBe(ink.join(',')); // the drawing is kept through scoring
  await shots(page, widget, 'image-likelihood-drawn-390');

  // Keyboard alone: clear, then a nearly empty pad (one grey corner cell) inked and scored from the keyboard.
  await widget.getByRole('button', { name: 'Clear' }).focus();
  await page.keyboard.press('Enter');
  await expect(empty).toBeVisible();
  await pad.focus();
  for (const key of [...new Array(8).fill('ArrowUp'), 'Home']) await page.keyboard.press(key); // past the top edge: the cursor stops there
  await expect(pad).toHaveAttribute('data-cursor', '0,0');
  await page.keyboard.press('Space');
  await expect(pad).toHaveAttribute('data-ink', ['8', ...new Array(63).fill('0')].join(','));
  await expect(pad.locator('.digit-pad-cell.cursor')).toHaveCount(1); // the keyboard's cursor is drawn
  await expect(pad).toHaveAttribute('aria-activedescendant', /r0c0$/);
  await shots(page, widget, 'image-likelihood-keyboard-390');
  sent = await attr(widget, 'data-requests');
  await page.keyboard.press('Tab');
  await expect(scoreButton).toBeFocused();
  await page.keyboard.press('Enter');
  const corner = await nextScores(widget, sent, /your drawing/);
  await expect(empty).toBeHidden();

  console.log(JSON.stringify({
    step: digit.step,
    heldOut: { n: refN, bitsMinMedianMax: refBits, anomalyMinMedianMax: refAnomaly },
    heldOutDigit: digit,
    scribble: noise,
    drawnOne: drawn,
    oneGreyCorner: corner,
  }, null, 1));

  await page.setViewportSize({ width: 1280, height: 1100 });
  sent = await attr(widget, 'data-requests');
  await widget.getByRole('button', { name: 'Load a scribble' }).click(); // the second scribble, at full width
  await nextScores(widget, sent, /seed 2\)/);
  expect(await noHorizontalOverflow(page)).toBe(true);
  await shots(page, widget, 'image-likelihood-scribble-1280');
});
