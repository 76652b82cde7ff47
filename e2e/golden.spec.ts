/**
 * Golden screenshots of views that should only change on purpose: one numbered display equation
 * per chapter (light, and one in dark), the noise-schedule chart, and the forward process's
 * fixed-seed scatter. Compared with a small tolerance; a failing comparison writes the expected,
 * actual and diff images to the test's artifacts. After a deliberate change:
 * `npm run test:update-goldens`, then look at every changed image before committing it.
 *
 * The math is drawn in KaTeX's own bundled fonts. Chart labels use the system's sans-serif, which
 * differs between machines, so for the charts the page's text is switched to a bundled font
 * (KaTeX_Main) first: the comparison is of the drawing, not of whichever fonts a machine has.
 */
import { expect, test } from './fixtures';

const BUNDLED_FONT = '* { font-family: KaTeX_Main, serif !important; }';
// Two identical frames in a row are waited for; on a busy machine the chapter can take a while to settle.
const options = { maxDiffPixelRatio: 0.01, timeout: 20_000 };

// The test injects a style (the bundled font); the page's Content-Security-Policy rightly refuses
// inline styles, so this test's browser context alone bypasses it.
test.use({ viewport: { width: 1280, height: 800 }, bypassCSP: true });

const equations: Array<[slug: string, tag: string]> = [
  ['02-prerequisites', '(2.1)'],
  ['03-forward-process', '(3.4)'],
  ['04-reverse-process', '(4.7)'],
  ['05-training', '(5.9)'],
  ['06-sampling', '(6.3)'],
  ['07-beyond', '(7.1)'],
  ['08-images', '(8.7)'],
];

async function display(page: import('@playwright/test').Page, slug: string, tag: string) {
  await page.goto(`./?chapter=${slug}`);
  await page.evaluate(() => document.fonts.ready);
  // Widgets still loading change the layout around the equation: let them arrive first.
  for (const widget of await page.locator('figure.widget[data-widget-state="live"]').all()) await expect(widget.locator('.widget-loading')).toHaveCount(0, { timeout: 30_000 });
  const eq = page.locator('.chapter .katex-display').filter({ has: page.locator('.tag', { hasText: tag }) });
  await eq.scrollIntoViewIfNeeded({ timeout: 20_000 });
  // The display is pinned to the viewport's top-left corner. In place, text
  // and widgets around it (a chapter added to the navigation, a widget settling) moved it by
  // fractions of a pixel, which changes the glyphs' antialiasing though the equation did not change:
  // chapter 9's button failed six goldens so, and snapping its corner left two states of (8.7). It
  // stays inside the chapter, so the chapter's styles, KaTeX's stylesheet and fonts all still apply.
  await eq.evaluate((el) => {
    const e = el as HTMLElement;
    // Its own width, unchanged (a new width re-runs the page's overflow checks and can change its
    // height); a ring of the background covers the page beneath the screenshot's rounded edges.
    const width = e.getBoundingClientRect().width;
    Object.assign(e.style, { position: 'fixed', top: '0px', left: '0px', width: `${width}px`, margin: '0', zIndex: '10000', background: 'var(--bg)', boxShadow: '0 0 0 4px var(--bg)' });
  });
  await eq.scrollIntoViewIfNeeded();
  return eq;
}

for (const [slug, tag] of equations) {
  test(`equation ${tag} looks as it did`, async ({ page }) => {
    const eq = await display(page, slug, tag);
    await expect(eq).toHaveScreenshot(`equation-${tag.replace(/[()]/g, '')}.png`, options);
  });
}

test('equation (5.9), dark theme, looks as it did', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const eq = await display(page, '05-training', '(5.9)');
  await expect(eq).toHaveScreenshot('equation-5.9-dark.png', options);
});

test('the noise-schedule chart looks as it did', async ({ page }) => {
  await page.goto('./?chapter=03-forward-process');
  await page.addStyleTag({ content: BUNDLED_FONT });
  const chart = page.getByTestId('schedule-chart').locator('.chart-panels');
  await chart.scrollIntoViewIfNeeded({ timeout: 20_000 });
  await page.evaluate(() => document.fonts.ready);
  await expect(chart).toHaveScreenshot('schedule-chart.png', options);
});

test('the forward process at t = 500 (fixed seed) looks as it did', async ({ page }) => {
  await page.goto('./?chapter=03-forward-process&t=500');
  await page.addStyleTag({ content: BUNDLED_FONT });
  const scatter = page.locator('figure.widget[data-widget-id="forward-scrubber"] canvas').first();
  await scatter.scrollIntoViewIfNeeded({ timeout: 20_000 });
  await expect(scatter).toHaveScreenshot('forward-scatter-t500.png', options);
});
