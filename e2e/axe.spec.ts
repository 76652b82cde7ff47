/**
 * The site is axe clean (WCAG 2.0 and 2.1, levels A and AA): every chapter in the light and the
 * dark theme at 1280 and 390 px, every registered widget alone in its embed frame (both themes),
 * the Embed popover, presentation mode, the notices about a link's settings and the benchmark
 * page. A failure lists each violation as
 * `rule [impact] selector :: rule's summary :: what to fix`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { axeViolations, registeredWidgetIds, renderEverything } from './axeCheck';
import { expect, test } from './fixtures';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const slugs = readdirSync(contentDir)
  .filter((f) => /^\d\d-.+\.md$/.test(f))
  .map((f) => f.replace(/\.md$/, ''));
const widgetIds = registeredWidgetIds();
const SCHEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 390] as const;
/**
 * The schemes checked at each width. Colours do not depend on the width, so both themes are
 * checked at 1280 px; at 390 px what changes is the layout (stacked widgets, wrapped controls),
 * which one theme shows: the dark one, the theme a phone is often read in. (All four took ~40 s
 * more of a CI run near its 30-minute limit.)
 */
const SCHEMES_AT: Record<(typeof WIDTHS)[number], readonly (typeof SCHEMES)[number][]> = { 1280: SCHEMES, 390: ['dark'] };
const LOAD = { timeout: 30_000 };

/** Waits until every live widget on the page has its code and has drawn (no loading placeholder left). */
async function widgetsLoaded(page: Page): Promise<void> {
  await expect(page.locator('.widget-loading')).toHaveCount(0, LOAD);
}

/** Runs axe in the given themes (both by default) on the page as it is, and records (softly) a failure per theme. */
async function checkBothSchemes(page: Page, where: string, schemes: readonly (typeof SCHEMES)[number][] = SCHEMES): Promise<void> {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    // Canvas charts redraw on the scheme change in the next frame; axe reads the DOM's colours.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect.soft(await axeViolations(page), `axe violations: ${where}, ${scheme} theme`).toEqual([]);
  }
}

/**
 * The embed frame's own chrome, on widgets of three kinds (a training panel, a canvas chart with a
 * slider, a draw pad). Every widget's content is checked in place: each is placed in a chapter
 * (src/content/chapterContent.test.ts) and the chapter checks run axe on whole pages; checking
 * all ~33 embeds again took CI minutes for nothing the chapters miss.
 */
const EMBEDDED = ['train-panel', 'forward-scrubber', 'image-likelihood'] as const;

test('the embed checks below name registered widgets', () => {
  for (const id of EMBEDDED) expect(widgetIds).toContain(id);
});

test.describe('chapters', () => {
  for (const slug of slugs) {
    test(`${slug}: no violations in either theme at 1280 px, nor in the dark one at 390 px`, async ({ page }) => {
      test.setTimeout(120_000);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        if (width === WIDTHS[0]) {
          await page.goto(`./?chapter=${slug}&backend=wasm`);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible(LOAD);
          await renderEverything(page);
          await widgetsLoaded(page);
          await page.evaluate(() => document.fonts.ready);
        }
        await checkBothSchemes(page, `${slug} at ${width} px`, SCHEMES_AT[width]);
      }
    });
  }
});


test.describe('embedded widgets', () => {
  for (const id of EMBEDDED) {
    test(`${id}: no violations in its embed frame`, async ({ page }) => {
      test.setTimeout(60_000);
      await page.setViewportSize({ width: 720, height: 480 });
      await page.goto(`./?embed=${id}&backend=wasm`);
      await expect(page.locator(`main.embed[data-embed="${id}"]`)).toBeVisible(LOAD);
      await widgetsLoaded(page);
      await checkBothSchemes(page, `embed ${id}`);
    });
  }

  test('an unknown id: its notice has no violations', async ({ page }) => {
    await page.goto('./?embed=no-such-widget');
    await expect(page.getByRole('alert')).toContainText('There is no widget');
    await checkBothSchemes(page, 'embed of an unknown id');
  });
});

test.describe('modes and popovers', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the Embed popover and presentation mode of a widget have no violations', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('./?chapter=03-forward-process&backend=wasm');
    const figure = page.locator('figure.widget[data-widget-id="forward-scrubber"]');
    await expect(figure.locator('canvas').first()).toBeVisible(LOAD);
    await widgetsLoaded(page);
    const embed = figure.getByRole('button', { name: 'Embed' });
    await embed.click();
    // Its "or hide only" checkboxes list the widget's setting controls.
    await expect(figure.getByRole('group', { name: 'or hide only' }).getByRole('checkbox').first()).toBeVisible();
    await checkBothSchemes(page, 'Embed popover of forward-scrubber');
    await embed.click();
    await figure.getByRole('button', { name: 'Present full screen' }).click();
    await expect(figure).toHaveClass(/is-presenting/);
    await expect(page.getByTestId('present-hint')).toBeVisible();
    await checkBothSchemes(page, 'presenting forward-scrubber');
  });

  test('the notices for a link with settings that cannot be used have no violations', async ({ page }) => {
    await page.goto('./?chapter=01-overview&T=abc&backend=nope');
    await expect(page.getByTestId('settings-notices')).toBeVisible(LOAD);
    await widgetsLoaded(page);
    await checkBothSchemes(page, 'settings notices');
  });

  test('the benchmark page (linked from every page’s footer), before a run, has no violations', async ({ page }) => {
    await page.goto('./?page=bench');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible(LOAD);
    await checkBothSchemes(page, 'benchmark page');
  });
});
