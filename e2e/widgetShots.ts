/** Helpers the widget specs share: screenshots to look at, and the page's fit at a phone width. */
import type { Locator, Page } from '@playwright/test';

/** The widget in the light and the dark scheme, to test-results/screenshots/<name>-<scheme>.png. */
export async function shots(page: Page, widget: Locator, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    await widget.screenshot({ path: `test-results/screenshots/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** True when nothing on the page reaches past the window's right edge. */
export const noHorizontalOverflow = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** A numeric attribute of an element. */
export const attr = async (el: Locator, name: string): Promise<number> => Number(await el.getAttribute(name));

/**
 * For a spec that watches the digits model learn from nothing: the pretrained default
 * (public/pretrained/digits.bin) is answered unreadable, so the worker starts untrained and says why.
 */
export async function withoutPretrainedDigits(page: Page): Promise<void> {
  await page.context().route('**/pretrained/digits.bin', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: 'not a model' }));
}
