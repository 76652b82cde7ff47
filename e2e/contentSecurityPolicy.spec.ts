/**
 * Issue 16, item 12: the site runs whole under its Content-Security-Policy. The built index.html
 * carries it as a <meta> tag; in the first test every response also carries it (and the other
 * headers of public/_headers) as a header, as Netlify or Cloudflare Pages would send it, so the
 * workers run under it too. Every chapter opens, the denoiser trains and samples, a chart exports,
 * and not one `securitypolicyviolation` event fires. With the <meta> tag alone, an inline script
 * and an inline handler the test injects are blocked and reported, so the policy is in force.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, HARDENING_HEADERS } from '../src/app/contentSecurityPolicy';
import { expect, test } from './fixtures';

const slugs = readdirSync(fileURLToPath(new URL('../content', import.meta.url)))
  .filter((f) => /^\d\d-.+\.md$/.test(f))
  .map((f) => f.replace(/\.md$/, ''));

/** Every URL served with the policy header in the current test. */
const routed: string[] = [];

/** Every violation the page's documents report, as "directive blocked-uri (source:line)". */
const violations = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).cspViolations);

test.describe('Content-Security-Policy', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      (window as any).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as any).cspViolations.push(`${e.effectiveDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
    });
  });

  test('every chapter, training, sampling and a chart export run with no violation; the workers run under it too', async ({ page }) => {
    test.setTimeout(400_000);
    // As Netlify or Cloudflare Pages would serve public/_headers: the policy on every response, workers' included.
    routed.length = 0;
    await page.route('**/*', async (route) => {
      routed.push(route.request().url());
      // The preview server now and then drops a kept-alive connection under load: try again.
      const response = await route.fetch().catch(() => route.fetch()).catch(() => route.fetch());
      await route.fulfill({ response, headers: { ...response.headers(), ...HARDENING_HEADERS } });
    });
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    const seen: string[] = [];
    for (const slug of slugs) {
      await page.goto(`./?chapter=${slug}&backend=wasm`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
      for (const widget of await page.locator('figure.widget[data-widget-state="live"]').all()) await expect(widget.locator('.widget-loading')).toHaveCount(0, { timeout: 60_000 });

      if (slug.startsWith('03-')) {
        // Export: computed styles on an SVG clone, its overlay drawn from a data: URL.
        const figure = page.locator('figure[data-widget-id="schedule-compare"]');
        const [download] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Download the chart as PNG' }).click()]);
        expect(download.suggestedFilename()).toMatch(/\.png$/);
      }
      if (slug.startsWith('05-')) {
        // Train a little on WASM: the engine worker fetches and compiles its WebAssembly under the policy.
        await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 90_000 });
        const stats = page.getByTestId('training-stats');
        const start = Number(await stats.getAttribute('data-step'));
        await page.getByRole('button', { name: 'Train' }).press('Enter');
        await expect.poll(async () => Number(await stats.getAttribute('data-step')), { timeout: 90_000 }).toBeGreaterThan(start + 20);
        await page.getByRole('button', { name: 'Pause' }).press('Enter');
        await expect(page.getByRole('button', { name: 'Train' })).toBeVisible();
      }
      if (slug.startsWith('06-')) {
        const versus = page.getByTestId('ddpm-vs-ddim');
        await versus.getByRole('button', { name: 'Sample both' }).click();
        await expect(versus.getByTestId('ed-ratio')).toHaveCount(2, { timeout: 180_000 });
      }
      for (const v of await violations(page)) seen.push(`${slug}: ${v}`);
    }
    expect(seen).toEqual([]);
    expect(workers.some((url) => /engine\.worker/.test(url)), `workers seen: ${workers.join(', ')}`).toBe(true);
    // The engine worker's script and its WebAssembly came with the header, so the worker ran under the policy.
    expect(routed.filter((url) => /engine\.worker-[\w-]+\.js$|\.wasm$/.test(url)).length, 'worker script and .wasm served with the header').toBeGreaterThan(1);
  });

  test('the policy is in force: an injected inline script and an inline event handler are blocked, and reported', async ({ page, problems }) => {
    // No header here: the build's <meta> tag alone, as on a host that cannot send headers.
    await page.goto('./?chapter=01-overview');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = '(window).inlineRan = true;';
      document.head.append(s);
      const div = document.createElement('div');
      div.innerHTML = '<img src="data:," onerror="window.handlerRan = true">';
      document.body.append(div);
      await new Promise((done) => setTimeout(done, 300));
      return { inline: (window as any).inlineRan === true, handler: (window as any).handlerRan === true };
    });
    expect(ran).toEqual({ inline: false, handler: false });
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
    const seen = await violations(page);
    expect(seen.some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
    expect(seen.some((v) => v.startsWith('script-src-attr inline'))).toBe(true);
    // The browser logs the blocks as console errors; they are this test's doing.
    problems.splice(0, problems.length, ...problems.filter((p) => !/Content Security Policy/.test(p)));
  });
});
