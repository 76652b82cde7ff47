import { fileURLToPath } from 'node:url';
import { SCHEDULE_KINDS } from '../src/engine/schedule';
import { expect, test } from './fixtures';

/** The schedule chart lives in the forward-process chapter. */
const SCHEDULES = './?chapter=03-forward-process';
const screenshot = (name: string) => fileURLToPath(new URL(`../test-results/screenshots/${name}.png`, import.meta.url));

test.describe('app shell and schedule chart', () => {
  test('loads with its heading and the four schedules at T = 1000', async ({ page }) => {
    await page.goto(SCHEDULES);
    await expect(page.locator('.app-name')).toHaveText('Diffusion Playground');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/forward process/i);

    const chart = page.getByTestId('schedule-chart');
    await expect(chart).toBeVisible();
    await expect(chart.getByRole('img')).toHaveCount(3);

    for (const kind of SCHEDULE_KINDS) {
      const paths = chart.locator(`path[data-kind="${kind}"]`);
      await expect(paths).toHaveCount(3); // one each in the β, ᾱ and SNR panels
      for (const p of await paths.all()) {
        await expect(p).toHaveAttribute('data-points', '1000');
        expect((await p.getAttribute('d'))?.length ?? 0).toBeGreaterThan(100);
      }
    }
    await expect(chart.locator('path[data-kind]')).toHaveCount(3 * SCHEDULE_KINDS.length);
    await expect(chart.getByText('β_t', { exact: true })).toBeVisible();
    await expect(chart.getByText('ᾱ_t', { exact: true })).toBeVisible();
    await expect(chart.getByText('SNR(t)', { exact: true })).toBeVisible();
    await page.screenshot({ path: screenshot('schedule'), fullPage: true });
  });

  test('changing T redraws every line with T points', async ({ page }) => {
    await page.goto(SCHEDULES);
    const chart = page.getByTestId('schedule-chart');
    const before = await chart.locator('path[data-kind="linear"]').first().getAttribute('d');

    const entry = chart.getByRole('spinbutton', { name: 'number of timesteps T', exact: true });
    await entry.fill('100');
    await entry.press('Enter');
    for (const p of await chart.locator('path[data-kind]').all()) {
      await expect(p).toHaveAttribute('data-points', '100');
    }
    expect(await chart.locator('path[data-kind="linear"]').first().getAttribute('d')).not.toBe(before);

    // An out-of-range value is flagged and leaves the chart as it was.
    await entry.fill('5');
    await entry.press('Enter');
    await expect(entry).toHaveAttribute('aria-invalid', 'true');
    await expect(chart.locator('path[data-kind="cosine"]').first()).toHaveAttribute('data-points', '100');
  });

  test('hovering a legend entry highlights that schedule', async ({ page }) => {
    await page.goto(SCHEDULES);
    const chart = page.getByTestId('schedule-chart');
    await chart.getByRole('button', { name: 'cosine' }).hover();
    await expect(chart.locator('path[data-kind="cosine"]').first()).toHaveAttribute('stroke-opacity', '1');
    await expect(chart.locator('path[data-kind="linear"]').first()).toHaveAttribute('stroke-opacity', '0.2');
  });

  test('stacks the panels on a narrow screen without overflow', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(SCHEDULES);
    await expect(page.getByTestId('schedule-chart').getByRole('img')).toHaveCount(3);
    const boxes = await Promise.all((await page.getByTestId('schedule-chart').getByRole('img').all()).map((p) => p.boundingBox()));
    // β, ᾱ and SNR panels one under another.
    for (let k = 1; k < boxes.length; k++) expect(boxes[k]!.y).toBeGreaterThan(boxes[k - 1]!.y + boxes[k - 1]!.height - 1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screenshot('schedule-narrow'), fullPage: true });
  });

  test('makes no request to any origin other than localhost (fonts, WASM and chapters included)', async ({ page }) => {
    const foreign: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.protocol === 'data:' || url.protocol === 'blob:') return;
      if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') foreign.push(req.url());
    });
    await page.goto(SCHEDULES);
    const entry = page.getByTestId('schedule-chart').getByRole('spinbutton', { name: 'number of timesteps T', exact: true });
    await entry.fill('250');
    await entry.press('Enter');
    await page.waitForLoadState('networkidle');
    expect(foreign).toEqual([]);
  });
});
