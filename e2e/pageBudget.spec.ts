/**
 * The page budget of the performance issue that a build can be held to exactly (timings are the
 * bench's: `npm run bench`): opening any chapter costs the main thread at most 200 KB of gzipped
 * JavaScript, and tfjs is in the workers' chunks only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures';

const BUDGET_BYTES = 200 * 1024;
/** A string of tfjs-core's (the query parameter it reads flags from): present in any build that bundles tfjs. */
const TFJS_MARKER = 'tfjsflags';
const WORKER_CHUNK = /\.worker-[\w-]+\.js$/;

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const slugs = readdirSync(contentDir).filter((f) => /^\d\d-.+\.md$/.test(f)).map((f) => f.replace(/\.md$/, ''));
const assetsDir = fileURLToPath(new URL(`../${process.env.E2E_PORT ? `.dist-${process.env.E2E_PORT}` : 'dist'}/assets`, import.meta.url));

test('tfjs is bundled into the worker chunks only, never into the page\'s own JavaScript', () => {
  const js = readdirSync(assetsDir).filter((f) => f.endsWith('.js'));
  const withTfjs = js.filter((f) => readFileSync(`${assetsDir}/${f}`, 'utf8').includes(TFJS_MARKER));
  expect(withTfjs.length).toBeGreaterThan(0); // the marker does find tfjs (the engine worker has it)
  expect(withTfjs.filter((f) => !WORKER_CHUNK.test(f))).toEqual([]);
});

for (const slug of slugs) {
  test(`opening ${slug} loads at most 200 KB of gzipped JavaScript on the main thread`, async ({ page }) => {
    test.setTimeout(90_000);
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      const url = response.url();
      if (!url.endsWith('.js') || WORKER_CHUNK.test(url)) return;
      const body = await response.body().catch(() => null);
      if (body) scripts.set(url, gzipSync(body).length);
    });
    await page.goto(`./?chapter=${slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Every widget of the chapter, not only those on screen.
    for (const widget of await page.locator('figure.widget[data-widget-state="live"]').all()) {
      await widget.scrollIntoViewIfNeeded();
      await expect(widget.locator('.widget-loading')).toHaveCount(0, { timeout: 20_000 });
    }
    await page.waitForLoadState('networkidle');
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    console.log(`${slug}: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(scripts.size).toBeGreaterThan(1);
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });
}
