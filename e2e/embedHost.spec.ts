/**
 * Issue 12, item 6: an embedded widget as a course page drives it. The host page waits for
 * `ready` and sends commands at once, as a host would: nothing it sends may be dropped while the
 * engine starts, it hears `engineReady`, `progress` carries real losses, and `sample` returns
 * samples. A small frame shows the whole widget.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

interface HostEvent {
  type: string;
  [key: string]: unknown;
}

/** Replaces the page with a host page holding one iframe of `src`, recording every event the widget sends. */
async function host(page: Page, baseURL: string, src: string, width: number, height: number): Promise<void> {
  await page.goto(`${baseURL}?chapter=01-overview`); // any same-origin page can host it
  await page.evaluate(
    ({ url, w, h }) => {
      (window as any).events = [];
      window.addEventListener('message', (e) => e.data?.source === 'diffusion-playground' && (window as any).events.push({ ...e.data, points: e.data.points ? e.data.points.length : undefined }));
      document.body.innerHTML = `<iframe id="w" src="${url}" width="${w}" height="${h}" style="border:0"></iframe>`;
    },
    { url: `${baseURL}${src}`, w: width, h: height },
  );
}
const events = (page: Page): Promise<HostEvent[]> => page.evaluate(() => (window as any).events);
const ofType = async (page: Page, type: string): Promise<HostEvent[]> => (await events(page)).filter((e) => e.type === type);
const send = (page: Page, message: Record<string, unknown>) =>
  page.evaluate((m) => (document.getElementById('w') as HTMLIFrameElement).contentWindow!.postMessage({ source: 'diffusion-playground', ...m }, '*'), message);

test.describe('a host page drives an embed', () => {
  test('waits for ready, then train: training starts once the engine is ready; engineReady, progress with real losses, stopTraining, sample', async ({ page, baseURL }) => {
    test.setTimeout(150_000);
    await host(page, baseURL!, '?embed=train-panel&controls=hidden&backend=wasm', 640, 480);
    await expect.poll(async () => (await ofType(page, 'ready')).length).toBe(1);
    // At once, as a host would: the engine is still starting.
    await send(page, { type: 'train' });
    await expect.poll(async () => (await ofType(page, 'notice')).map((e) => e.text)).toContainEqual(expect.stringContaining('"train" will run when it is ready'));

    await expect.poll(async () => (await ofType(page, 'engineReady')).length, { timeout: 90_000 }).toBe(1);
    const [ready] = await ofType(page, 'engineReady');
    expect(ready).toMatchObject({ backend: 'wasm', model: 'pretrained' });
    const start = ready!.step as number;
    expect(start).toBeGreaterThan(0);
    // Training runs: progress beyond the pretrained model's step, every loss a finite number.
    await expect.poll(async () => Math.max(0, ...(await ofType(page, 'progress')).map((e) => e.step as number)), { timeout: 60_000 }).toBeGreaterThan(start + 20);
    for (const e of await ofType(page, 'progress')) {
      expect(Number.isFinite(e.loss), `progress at step ${e.step} has loss ${e.loss}`).toBe(true);
      expect(e.step as number).toBeGreaterThan(start);
    }

    await send(page, { type: 'stopTraining' });
    const settled = async (): Promise<number> => {
      const before = (await ofType(page, 'progress')).length;
      await page.waitForTimeout(600);
      return (await ofType(page, 'progress')).length - before;
    };
    await expect.poll(settled, { timeout: 20_000 }).toBe(0);

    await send(page, { type: 'sample' });
    await expect.poll(async () => (await ofType(page, 'samples')).length, { timeout: 60_000 }).toBe(1);
    const [samples] = await ofType(page, 'samples');
    expect(samples).toMatchObject({ n: 1000, points: 2000 });
  });

  test('loading the pretrained model sends no progress event (it has no loss); engineReady says which model is loaded', async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await host(page, baseURL!, '?embed=train-panel&backend=wasm', 640, 480);
    const frame = page.frameLocator('#w');
    await expect(frame.getByTestId('model-source')).toHaveAttribute('data-kind', 'pretrained', { timeout: 90_000 });
    await page.waitForTimeout(500);
    expect(await ofType(page, 'progress')).toEqual([]);
    await expect.poll(async () => (await ofType(page, 'engineReady')).map((e) => e.model)).toEqual(['pretrained']);
  });

  test('a 360 × 240 frame shows the whole forward-process widget, with the t it shows', async ({ page, baseURL }) => {
    await host(page, baseURL!, '?embed=forward-scrubber&controls=hidden', 360, 240);
    const frame = page.frameLocator('#w');
    await expect(frame.locator('canvas')).toHaveAttribute('data-points', '1500');
    // Laid out and scaled as the widget settles; then the whole card lies inside the frame.
    await expect
      .poll(() =>
        frame.locator('.embed-content').evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5 && (r.width > 0.8 * innerWidth || r.height > 0.7 * innerHeight);
        }),
      )
      .toBe(true);
    await page.locator('#w').screenshot({ path: fileURLToPath(new URL('../test-results/screenshots/embed-360x240.png', import.meta.url)) });

    // The slider is hidden with the controls; the readout says which t the points show.
    const readout = frame.getByTestId('forward-t');
    await expect(readout).toHaveText('t = 500');
    await expect(readout).toBeVisible();
    await expect.poll(async () => (await ofType(page, 'ready')).length).toBe(1);
    await send(page, { type: 'set', settings: { t: 250 } });
    await expect(readout).toHaveText('t = 250');
  });
});
