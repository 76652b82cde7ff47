/**
 * "Never freeze the page": while the worker trains and streams a full DDPM trajectory of 2000
 * points × 1000 steps to the training panel's canvas, the main thread runs no task over 50 ms.
 * The whole measurement runs inside one page.evaluate, so Playwright's own script evaluations
 * (locator polling) do not land on the page's main thread while the observer listens.
 *
 * What counts is the page's own work, attributed with the Long Animation Frames API: in each
 * frame, the time its scripts from the app's own files ran (forced style and layout included)
 * plus the frame's own style, layout and paint. On a machine busy with other work a frame can
 * last long while the page's thread waits for a CPU; that waiting is not the page's, and once
 * failed this test in a full CI run. The budget for the page's own work stays 50 ms a frame.
 */
import { DEFAULT_SAMPLING } from '../src/state/sessionDefaults';
import { expect, test } from './fixtures';

test('the main thread has no long task while training and streaming a 1000-step trajectory of 2000 points', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('./?chapter=05-training&backend=wasm');
  await expect(page.getByTestId('backend')).toContainText('wasm', { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  // The pretrained default replaces the session once after start-up (cancelling any sample then
  // running): let it land first.
  await expect(page.getByTestId('model-source')).toHaveAttribute('data-kind', 'pretrained', { timeout: 60_000 });
  const run = await page.evaluate(async (options) => {
    const pg = (window as any).playground;
    const longTasks: Array<{ start: number; ms: number }> = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: Math.round(e.startTime), ms: Math.round(e.duration) });
    });
    observer.observe({ type: 'longtask' });
    // The page's own work in each long animation frame (see the file comment).
    const appBase = new URL('.', document.baseURI).href;
    const frames50: Array<{ start: number; ms: number; ownMs: number; scripts: string[] }> = [];
    const loaf = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as any[]) {
        const own = (e.scripts as any[]).filter((sc) => sc.sourceURL === '' || sc.sourceURL.startsWith(appBase));
        const scriptMs = own.reduce((sum, sc) => sum + sc.duration, 0);
        const renderMs = e.renderStart > 0 ? e.startTime + e.duration - e.renderStart : 0;
        frames50.push({ start: Math.round(e.startTime), ms: Math.round(e.duration), ownMs: Math.round(scriptMs + renderMs), scripts: own.map((sc: any) => `${sc.invoker} ${Math.round(sc.duration)} ms`) });
      }
    });
    loaf.observe({ type: 'long-animation-frame' });
    // The instrument is checked first: a deliberate 80-ms task must show up as the page's own work.
    const probeStart = performance.now();
    setTimeout(() => {
      const t0 = performance.now();
      while (performance.now() - t0 < 80);
    }, 0);
    await new Promise((r) => setTimeout(r, 300));
    const probeEnd = performance.now();
    (document.querySelector('[data-testid="training-panel"] button') as HTMLButtonElement).click(); // Train
    await new Promise<void>((resolve) => {
      const from = pg.store.getState().step;
      const unsubscribe = pg.store.subscribe((s: any) => s.step > from + 20 && (unsubscribe(), resolve()));
    });
    const stepBefore = pg.store.getState().step;
    let frames = 0;
    let lastT = -1;
    const unsubscribe = pg.store.subscribe((s: any, prev: any) => {
      if (s.traceFrame && s.traceFrame !== prev.traceFrame) {
        frames++;
        lastT = s.traceFrame.t;
      }
    });
    const start = performance.now();
    const points: Float32Array | null = await pg.client.sample(options);
    const seconds = (performance.now() - start) / 1000;
    unsubscribe();
    // Training resumed after the sample; let it run a moment longer while still observing.
    await new Promise((r) => setTimeout(r, 1000));
    const stepAfter = pg.store.getState().step;
    await pg.client.pause();
    observer.disconnect();
    loaf.disconnect();
    const loafSupported = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
    const inProbe = (f: { start: number }) => f.start >= probeStart - 1 && f.start <= probeEnd;
    const probeSeen = frames50.some((f) => inProbe(f) && f.ownMs >= 75);
    const longFrames = frames50.filter((f) => !inProbe(f));
    return { frames, lastT, n: points ? points.length / 2 : 0, seconds, stepBefore, stepAfter, longTasks, longFrames, loafSupported, probeSeen };
  }, { ...DEFAULT_SAMPLING, method: 'ddpm', n: 2000, trace: Array.from({ length: 2000 }, (_, k) => k), traceEvery: 1 });
  console.log(`trajectory: ${run.frames} frames in ${run.seconds.toFixed(1)} s; long tasks: ${JSON.stringify(run.longTasks)}; long frames: ${JSON.stringify(run.longFrames)}`);
  expect(run.loafSupported, 'this Chromium reports long animation frames').toBe(true);
  expect(run.probeSeen, 'a deliberate 80-ms task was seen as the page\'s own work').toBe(true);
  expect(run.n).toBe(2000);
  expect(run.lastT).toBe(0); // the last frame drawn is the finished samples
  expect(run.frames).toBeGreaterThan(10); // it streamed, rather than arriving at the end
  expect(run.stepAfter).toBeGreaterThan(run.stepBefore); // training went on around the sample
  expect(run.longFrames.filter((f) => f.ownMs > 50)).toEqual([]);
});
