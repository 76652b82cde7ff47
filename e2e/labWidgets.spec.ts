/**
 * Chapter 7's lab widgets against the real worker (WASM backend): each is trained briefly through
 * its own buttons, then checked against what the mathematics says of it. Expected values come
 * from the equations (eq. 7.1's amplitude range, E[x_0 | x_T] ≈ E[x_0], guidance sharpening
 * p(c | x)), not from the code under test.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 1400 } });

async function openChapter(page: Page): Promise<void> {
  await page.goto('./?chapter=07-beyond&backend=wasm');
  await expect.poll(() => page.evaluate(() => (window as any).playground?.store.getState().status), { timeout: 90_000 }).toBe('ready');
}

/** Presses the widget's Train button, waits until `model` has taken at least `steps` steps, and pauses. */
/** Trains until `model` (and every model in `alongside`, trained by the same button) has `steps` steps, then pauses. */
async function train(widget: Locator, model: string, steps: number, buttonName = 'Train', alongside: string[] = []): Promise<number> {
  await widget.scrollIntoViewIfNeeded();
  await widget.getByRole('button', { name: buttonName, exact: true }).click();
  const progress = widget.getByTestId(`lab-progress-${model}`);
  const least = async (): Promise<number> => Math.min(...(await Promise.all([model, ...alongside].map(async (m) => Number(await widget.getByTestId(`lab-progress-${m}`).getAttribute('data-step'))))));
  // The loop trains the models in turn, so one can reach `steps` a chunk before the other.
  await expect.poll(least, { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(steps);
  await widget.getByRole('button', { name: 'Pause' }).click();
  await expect(widget.getByRole('button', { name: buttonName, exact: true })).toBeVisible();
  return Number(await progress.getAttribute('data-step'));
}

const numbers = async (widget: Locator, attribute: string): Promise<number[]> =>
  ((await widget.getAttribute(attribute)) ?? '').split(',').filter((s) => s !== '').map(Number);

/** Light and dark screenshots, after letting the chapter's lazily laid-out text settle. */
async function shots(page: Page, widget: Locator, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await widget.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await widget.scrollIntoViewIfNeeded();
    await widget.screenshot({ path: `test-results/screenshots/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** β_t = linspace(10⁻⁴, 0.02)·1000/T, ᾱ_t = Π(1 − β_s): the lab's linear schedule, rebuilt by hand. */
function alphaBar(t: number, T: number): number {
  let ab = 1;
  for (let s = 1; s <= t; s++) ab *= 1 - (1e-4 + ((s - 1) * (0.02 - 1e-4)) / (T - 1)) * (1000 / T);
  return ab;
}

test('sine signals: the forward slider follows √ᾱ_t, and DDPM samples are finite waves in the data amplitude range', async ({ page }) => {
  test.setTimeout(300_000);
  await openChapter(page);
  const widget = page.getByTestId('sine-signals');
  await expect(widget.locator('path[data-series^="data"]')).toHaveCount(4);

  // At t = T the signal keeps a fraction √ᾱ_T of x_0 (≈ 0.006 for T = 200).
  const slider = widget.getByRole('slider', { name: 't' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(widget.getByRole('heading', { name: 'Forward process, t = 200' })).toBeVisible();
  await expect(widget.getByText(`xt = ${Math.sqrt(alphaBar(200, 200)).toFixed(2)}·x₀ + ${Math.sqrt(1 - alphaBar(200, 200)).toFixed(2)}·ε`, { exact: false })).toBeVisible();
  await page.keyboard.press('Home');
  await expect(widget.getByRole('heading', { name: 'Forward process, t = 0' })).toBeVisible();
  await slider.fill('50');

  await train(widget, 'signals', 300);
  await widget.getByRole('button', { name: 'Sample' }).click();
  await expect(widget.locator('path[data-series^="sample"]')).toHaveCount(4, { timeout: 60_000 });
  expect(await widget.getAttribute('data-samples-finite')).toBe('true');
  const amplitudes = await numbers(widget, 'data-sample-amplitudes');
  const [lo = Number.NaN, hi = Number.NaN] = await numbers(widget, 'data-data-amplitude-range');
  // Eq. 7.1: raw A ∈ [0.5, 1.5], divided by the data's σ (≈ 0.74), so A ∈ [≈0.68, ≈2.04].
  expect(lo).toBeGreaterThan(0.6);
  expect(hi).toBeLessThan(2.2);
  amplitudes.sort((a, b) => a - b);
  const median = amplitudes[Math.floor(amplitudes.length / 2)]!;
  expect(median).toBeGreaterThan(0.8 * lo);
  expect(median).toBeLessThan(1.2 * hi);
  // No sample blows up: white noise of the same power would fit to A ≈ 0.3, a diverged sampler to A ≫ 2.
  expect(amplitudes.at(-1)!).toBeLessThan(2 * hi);
  await shots(page, widget, 'lab-sine-signals');
});

test('one-shot vs DDPM: the one-shot outputs from x_T collapse to the mean signal, DDPM samples keep the spread', async ({ page }) => {
  test.setTimeout(300_000);
  await openChapter(page);
  const widget = page.getByTestId('one-shot-vs-ddpm');
  await train(widget, 'oneShot', 300, 'Train both', ['signals']);
  // Training here trained the shared sine DDPM as far.
  expect(Number(await widget.getByTestId('lab-progress-signals').getAttribute('data-step'))).toBeGreaterThanOrEqual(300);
  await widget.getByRole('button', { name: 'Sample from the same x_T' }).click();
  await expect(widget.locator('path[data-series^="one"]')).toHaveCount(6, { timeout: 60_000 });
  const [data = Number.NaN, oneShot = Number.NaN, ddpm = Number.NaN] = await Promise.all(['data-spread-data', 'data-spread-oneshot', 'data-spread-ddpm'].map(async (a) => Number(await widget.getAttribute(a))));
  // Random phases make every position vary fully: spread ≈ E[A²]/2 / σ² = 1 for standardised data.
  expect(data).toBeGreaterThan(0.85);
  expect(data).toBeLessThan(1.15);
  // E[x_0 | x_T] ≈ E[x_0] for every x_T (eq. 7.3): the outputs barely differ from one another.
  expect(oneShot).toBeLessThan(0.1 * data);
  expect(ddpm).toBeGreaterThan(0.3 * data);
  expect(oneShot).toBeLessThan(0.2 * ddpm);
  expect(await widget.getAttribute('data-ddpm-finite')).toBe('true');
  await shots(page, widget, 'lab-one-shot-vs-ddpm');
});

test('guidance: samples of the chosen class; w = 3 puts more of them in its Bayes region than w = 0, and further out', async ({ page }) => {
  test.setTimeout(300_000);
  await openChapter(page);
  const widget = page.getByTestId('guidance');
  await train(widget, 'guided', 300);
  await widget.getByRole('radio', { name: 'lower right' }).check();
  await widget.getByRole('button', { name: 'Sample' }).click();
  await expect(widget).toHaveAttribute('data-sample-class', '2', { timeout: 60_000 });
  await expect(widget).toHaveAttribute('data-sample-w', '0');
  const plain = Number(await widget.getAttribute('data-purity'));
  const plainDistance = Number(await widget.getAttribute('data-mean-distance'));
  // Exact conditional samples fall in their own class's region ≈ 92% of the time (1 − 2Φ(−√3)),
  // far above the 1/3 of unconditional samples.
  expect(plain).toBeGreaterThan(0.6);

  // A new weight samples again by itself.
  await widget.getByRole('slider', { name: 'guidance weight w' }).fill('3');
  await expect(widget).toHaveAttribute('data-sample-w', '3', { timeout: 60_000 });
  const guided = Number(await widget.getAttribute('data-purity'));
  const guidedDistance = Number(await widget.getAttribute('data-mean-distance'));
  // ε̃ follows p(x | c) p(c | x)^w: mass moves out of the overlaps, away from the other classes.
  expect(guided).toBeGreaterThan(0.95);
  expect(guided).toBeGreaterThanOrEqual(plain);
  expect(guidedDistance).toBeGreaterThan(plainDistance);
  await expect(widget.getByRole('table')).toContainText('3.00');
  await shots(page, widget, 'lab-guidance');
});
