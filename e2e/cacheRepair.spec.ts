/**
 * A broken copy of a chunk in the service worker's cache must not keep a chapter broken until the
 * next deployment: the chapter says it could not load, and its "reload the page" drops the cached
 * code first, so the reload fetches it afresh.
 */
import { expect, test } from './fixtures';

test.use({ serviceWorkers: 'allow' }); // blocked for every other test (playwright.config.ts)

test('a corrupted cached chunk: the chapter says so, and its reload fetches the code afresh and opens it', async ({ page, problems }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Corrupt chapter 3's cached chunk, as a disk error or an interrupted write would.
  const corrupted = await page.evaluate(async () => {
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (/\/assets\/03-forward-process-[\w-]+\.js$/.test(new URL(request.url).pathname)) {
          await cache.put(request, new Response('export default (', { headers: { 'content-type': 'text/javascript' } }));
          return request.url;
        }
      }
    }
    return null;
  });
  expect(corrupted, 'chapter 3 is precached').not.toBeNull();

  await page.goto('./?chapter=03-forward-process');
  const failure = page.locator('main').getByRole('alert');
  await expect(failure).toContainText('Could not load this chapter', { timeout: 30_000 });
  await failure.getByRole('button', { name: 'reload the page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('The forward process', { timeout: 30_000 });
  await expect(page.locator('.chapter .katex').first()).toBeVisible();
  // The errors the broken chunk caused are the ones this test provoked.
  const provoked = problems.filter((p) => /SyntaxError|Unexpected end of input|03-forward-process|dynamically imported module|LoadFailure|ErrorBoundary/.test(p));
  expect(provoked.length).toBeGreaterThan(0);
  problems.splice(0, problems.length, ...problems.filter((p) => !provoked.includes(p)));
});
