import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const screenshot = (name: string) => fileURLToPath(new URL(`../test-results/screenshots/${name}.png`, import.meta.url));

test('the footer links to "Benchmark this device", which times drawing on the page, runs quick cases in a worker and gives a copyable result', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  // Followed with the keyboard: in a full run a click on the footer link, while the chapter above it
  // was still laying out its widgets, once left the page where it was.
  await page.getByRole('link', { name: 'Benchmark this device' }).press('Enter');
  const bench = page.getByTestId('bench-page');
  await expect(bench.getByRole('heading', { name: 'Benchmark this device' })).toBeVisible({ timeout: 30_000 });

  // Pick one backend and two cases, quick, and run.
  for (const b of ['webgpu', 'webgl', 'cpu']) await bench.getByRole('checkbox', { name: b, exact: true }).uncheck();
  for (const c of ['DDPM 1000 steps × 2000 points', 'time to quality (two moons, ratio ≤ 0.25)', 'chapter 7 sine DDPM', 'chapter 7 one-shot', 'chapter 7 guided', '8×8 digit model', '64 digit images', 'time to quality (8×8 digits', 'video joint model', 'clips from each video model', 'time to the bar (joint video', 'latent DDPM on digit codes', 'latent codes, decoded', 'upsampler from 4×4 to 8×8', 'upsampler from scratch: condition error', 'completions of one 4×4 image']) await bench.getByRole('checkbox', { name: c }).uncheck();
  await bench.getByRole('checkbox', { name: /^quick/ }).check();
  await bench.getByRole('button', { name: 'Run the benchmark' }).click();
  await expect(bench.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await expect(page.getByTestId('bench-progress')).toContainText('wasm');

  await expect(page.getByTestId('bench-text')).toBeVisible({ timeout: 90_000 });
  const rows = page.getByTestId('bench-results').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(/training.*\d+(\.\d)? steps\/s/);
  await expect(rows.nth(1)).toContainText(/DDIM.*\d+\.\d+ s/);

  // The JSON holds the same two results, with positive figures from this browser.
  const report = JSON.parse((await page.getByTestId('bench-json').textContent()) ?? '{}');
  expect(report.quick).toBe(true);
  expect(report.environments[0].agent).toContain('Chrome');
  expect(report.results.map((r: { backend: string; case: string }) => `${r.backend}/${r.case}`)).toEqual(['wasm/train', 'wasm/ddim']);
  for (const r of report.results) {
    expect(r.error).toBeUndefined();
    expect(r.value).toBeGreaterThan(0);
  }
  // Before the worker, the page timed drawing 2000 points on its own main thread.
  await expect(page.getByTestId('bench-page-results')).toContainText(/drawing 2000 points in a frame\s*\d+(\.\d)? ms/);
  expect(report.page).toHaveLength(1);
  expect(report.page[0]).toMatchObject({ case: 'draw', unit: 'ms' });
  expect(report.page[0].value).toBeGreaterThan(0);
  expect(report.page[0].detail.frames).toBe(30);
  expect(await page.getByTestId('bench-text').inputValue()).toContain('training, default model, batch 256');
  expect(await page.getByTestId('bench-text').inputValue()).toContain('Page budget (main thread)');

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await bench.getByRole('button', { name: 'Copy as JSON' }).click();
  await expect(bench.getByText('Copied the result as JSON.')).toBeVisible();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())).results).toHaveLength(2);
  await page.screenshot({ path: screenshot('bench-page'), fullPage: true });
});
