/**
 * The widget column on a 1280 × 800 screen: no widget scrolls inside its own box (a column
 * taller than the window scrolls with the page and sticks by its bottom edge), and comparisons
 * stand side by side, so DDPM and DDIM, or the two variances, are seen at once.
 */
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1280, height: 800 } });

for (const slug of ['03-forward-process', '06-sampling']) {
  test(`${slug}: no widget column is a scroll box; each column's last control can be scrolled into the window`, async ({ page }) => {
    await page.goto(`./?chapter=${slug}`);
    await expect(page.locator('.widget-section-aside').first()).toBeVisible({ timeout: 20_000 });
    for (const aside of await page.locator('.widget-section-aside').all()) {
      const box = await aside.evaluate((el) => ({ overflowY: getComputedStyle(el).overflowY, inner: el.scrollHeight - el.clientHeight }));
      expect(box.overflowY === 'visible' || box.inner <= 1, `a column scrolls inside itself (${JSON.stringify(box)})`).toBe(true);
      // The column's bottom edge, scrolled to with the page, lies inside the window.
      await aside.locator('figure.widget').last().evaluate((el) => el.scrollIntoView({ block: 'end' }));
      const bottom = await aside.evaluate((el) => el.getBoundingClientRect().bottom);
      expect(bottom).toBeLessThanOrEqual(801); // subpixel layout
    }
  });
}

test('06-sampling: DDPM beside DDIM, and β_t beside σ̃²_t, on one row', async ({ page }) => {
  await page.goto('./?chapter=06-sampling');
  for (const [a, b] of [['sampler-ddpm', 'sampler-ddim'], ['variance-beta', 'variance-posterior']] as const) {
    const first = page.getByTestId(a);
    await first.scrollIntoViewIfNeeded({ timeout: 20_000 });
    const [ra, rb] = [await first.boundingBox(), await page.getByTestId(b).boundingBox()];
    expect(ra && rb).toBeTruthy();
    expect(Math.abs(ra!.y - rb!.y), `${a} and ${b} are on the same row`).toBeLessThan(2);
    expect(rb!.x).toBeGreaterThan(ra!.x + ra!.width - 1);
  }
});
