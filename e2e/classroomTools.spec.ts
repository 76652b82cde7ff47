/**
 * Classroom tools: PNG / SVG export of a widget's charts, WebM recording of a canvas widget,
 * presentation mode (full screen or its CSS fallback, keys driving the shared t), and the site
 * working offline after one visit (service worker precache).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const CHAPTER3 = './?chapter=03-forward-process';
const shot = (name: string) => fileURLToPath(new URL(`../test-results/screenshots/${name}.png`, import.meta.url));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3]; // every WebM (Matroska) file starts with this

const widget = (page: Page, id: string): Locator => page.locator(`figure.widget[data-widget-id="${id}"]`);
/** Widgets load lazily; on a busy machine that can take a while. */
const LOAD = { timeout: 30_000 };
test.describe.configure({ timeout: 90_000 });

async function download(page: Page, click: () => Promise<void>): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { file, bytes: await readFile(path) };
}

/**
 * A blank page beside the app's, for looking at what it exported: the app's Content-Security-Policy
 * (rightly) refuses to fetch or play data: URLs, and a document written over the app's keeps it.
 */
async function scratchPage(page: Page): Promise<Page> {
  const scratch = await page.context().newPage();
  await scratch.goto('about:blank');
  return scratch;
}

/** Decodes a PNG in a blank page; returns its size and how many pixels are clearly blue (the palette's #0072B2 family). */
async function inspectPng(page: Page, bytes: Buffer): Promise<{ width: number; height: number; blue: number; colours: number }> {
  const scratch = await scratchPage(page);
  return scratch.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let blue = 0;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, bl] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (bl > r + 60 && bl > g + 20) blue++;
      colours.add((r >> 4) * 256 + (g >> 4) * 16 + (bl >> 4));
    }
    return { width: bitmap.width, height: bitmap.height, blue, colours: colours.size };
  }, bytes.toString('base64')).finally(() => scratch.close());
}

/** Shows an exported SVG file on its own in a blank page and screenshots it, to look at. */
async function renderSvg(page: Page, svg: string, name: string): Promise<void> {
  const scratch = await scratchPage(page);
  await scratch.setContent(`<!doctype html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
  await scratch.locator('body > svg').screenshot({ path: shot(name) });
  await scratch.close();
}

test.describe('chart export', () => {
  test('the schedule chart (SVG) exports as PNG and as a styled SVG', async ({ page }) => {
    await page.goto(CHAPTER3);
    const figure = widget(page, 'schedule-compare');
    await expect(figure.getByTestId('schedule-chart')).toBeVisible(LOAD);
    await figure.screenshot({ path: shot('toolbar-schedule') });

    const png = await download(page, () => figure.getByRole('button', { name: 'Download the chart as PNG' }).click());
    expect(png.file.suggestedFilename()).toMatch(/^schedule-compare-\d{4}-\d\d-\d\d-\d{4}\.png$/);
    expect(png.bytes.length).toBeGreaterThan(1000);
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const img = await inspectPng(page, png.bytes);
    // Two panels side by side at 2× scale, and the coloured schedule lines, not a blank image.
    expect(img.width).toBeGreaterThan(600);
    expect(img.colours).toBeGreaterThan(20);
    await expect(figure.getByText(/^Saved schedule-compare-.*\.png$/)).toBeVisible();

    const svg = await download(page, () => figure.getByRole('button', { name: 'Download the chart as SVG' }).click());
    expect(svg.file.suggestedFilename()).toMatch(/^schedule-compare-\d{4}-\d\d-\d\d-\d{4}\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toMatch(/^<\?xml[^>]*>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // Both panels' four schedule lines, each with its 1000 points, and their titles and legend.
    for (const kind of ['linear', 'quadratic', 'cosine', 'sigmoid']) expect(text.split(`data-kind="${kind}"`).length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain('>β_t<');
    expect(text).toContain('>cosine<');
    // The T control and its note are the page's, not the chart's: left out.
    expect(text).not.toContain('number of timesteps T');
    expect(text).not.toContain('an integer in [10, 1000]');
    // Computed styles are inlined (the file has no stylesheet): the tick labels' font comes along.
    expect(text).toMatch(/style="[^"]*font-family:/);
    expect(text).not.toMatch(/<(link|script|style)\b/);
    expect(text).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing remote
    await png.file.saveAs(shot('export-schedule'));
    await renderSvg(page, text, 'export-schedule-svg');
  });

  test('the forward scrubber (canvas) exports its points in the PNG and as an embedded image in the SVG', async ({ page }) => {
    await page.goto(CHAPTER3);
    const figure = widget(page, 'forward-scrubber');
    await expect(figure.locator('canvas')).toHaveAttribute('data-points', '1500', LOAD);

    const png = await download(page, () => figure.getByRole('button', { name: 'Download the chart as PNG' }).click());
    expect(png.file.suggestedFilename()).toMatch(/^forward-scrubber-.*\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const img = await inspectPng(page, png.bytes);
    // 1500 blue points of 2.5 px at 2× scale: thousands of blue pixels (axes and histograms are grey/outlined).
    expect(img.blue).toBeGreaterThan(3000);

    const svg = await download(page, () => figure.getByRole('button', { name: 'Download the chart as SVG' }).click());
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // The canvas is a raster: an embedded PNG image; the axes overlay and two histograms stay vector.
    expect(text).toMatch(/<image [^>]*href="data:image\/png;base64,[A-Za-z0-9+/]{1000,}/);
    expect(text.split('<svg').length - 1).toBeGreaterThanOrEqual(4);
    await png.file.saveAs(shot('export-forward'));
    await renderSvg(page, text, 'export-forward-svg');
  });

  test("chapter 8's reverse animation exports both grids as PNG and records its run as WebM", async ({ page }) => {
    await page.goto('./?chapter=08-images&backend=wasm');
    const figure = widget(page, 'image-reverse');
    await figure.scrollIntoViewIfNeeded();
    const body = figure.getByTestId('image-reverse');
    await expect(body).toHaveAttribute('data-frames', '51', { timeout: 60_000 });
    const png = await download(page, () => figure.getByRole('button', { name: 'Download the chart as PNG' }).click());
    expect(png.file.suggestedFilename()).toMatch(/^image-reverse-.*\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const img = await inspectPng(page, png.bytes);
    // Two grids of 20 digits side by side: wider than tall, and many grey levels (17 per pixel value).
    expect(img.width).toBeGreaterThan(img.height);
    expect(img.colours).toBeGreaterThan(17);
    await png.file.saveAs(shot('export-image-reverse'));

    await figure.getByRole('button', { name: /Record the canvas/ }).click();
    await figure.getByRole('button', { name: 'Play' }).click();
    await expect(body).toHaveAttribute('data-playing', 'false', { timeout: 30_000 });
    const clip = await download(page, () => figure.getByRole('button', { name: 'Stop recording and save the clip' }).click());
    expect(clip.file.suggestedFilename()).toMatch(/^image-reverse-.*\.webm$/);
    expect([...clip.bytes.subarray(0, 4)]).toEqual(EBML_MAGIC);
    expect(clip.bytes.length).toBeGreaterThan(2000);
  });

  test('Record saves a WebM clip of a canvas widget; an SVG-only widget has no Record button', async ({ page }) => {
    await page.goto(CHAPTER3);
    await expect(widget(page, 'schedule-compare').getByRole('button', { name: /Record/ })).toHaveCount(0);
    const figure = widget(page, 'forward-scrubber');
    await expect(figure.locator('canvas')).toHaveAttribute('data-points', '1500', LOAD);
    const record = figure.getByRole('button', { name: /Record the canvas/ });
    await record.click();
    const stop = figure.getByRole('button', { name: 'Stop recording and save the clip' });
    await expect(stop).toHaveAttribute('aria-pressed', 'true');
    // Move t while recording so the clip has motion.
    const slider = figure.getByRole('slider', { name: 'timestep t' });
    for (const v of ['100', '250', '400']) {
      await slider.fill(v);
      await page.waitForTimeout(300);
    }
    const clip = await download(page, () => stop.click());
    await expect(figure.getByRole('button', { name: /Record the canvas/ })).toBeVisible();
    expect(clip.file.suggestedFilename()).toMatch(/^forward-scrubber-.*\.webm$/);
    expect([...clip.bytes.subarray(0, 4)]).toEqual(EBML_MAGIC);
    expect(clip.bytes.toString('latin1')).toContain('webm'); // the EBML DocType
    expect(clip.bytes.length).toBeGreaterThan(2000);
    // The clip's last frame, to look at: the points at t = 400 with their axes and histograms.
    const scratch = await scratchPage(page);
    await scratch.setContent(`<video src="data:video/webm;base64,${clip.bytes.toString('base64')}" muted></video>`);
    const decoded = await scratch.locator('video').evaluate(
      (v: HTMLVideoElement) =>
        new Promise<string>((done) => {
          v.addEventListener('error', () => done(`error ${v.error?.code}`), { once: true });
          // A MediaRecorder clip has no duration until one seeks past its end; then show its last frame.
          const onSeeked = () => {
            if (Number.isFinite(v.duration) && v.currentTime > v.duration - 0.2) return done(`${v.videoWidth}x${v.videoHeight}`);
            v.currentTime = Number.isFinite(v.duration) ? Math.max(0, v.duration - 0.1) : 1e9;
          };
          v.addEventListener('seeked', onSeeked);
          const seek = () => (v.currentTime = 1e9);
          if (v.readyState >= 2) seek();
          else v.addEventListener('loadeddata', seek, { once: true });
        }),
    );
    // The clip decodes, at least as large as the 300 px scatter plot it shows.
    expect(decoded).toMatch(/^\d+x\d+$/);
    const [w, h] = decoded.split('x').map(Number);
    expect(Math.min(w!, h!)).toBeGreaterThanOrEqual(300);
    await scratch.locator('video').screenshot({ path: shot('record-frame') });
    await scratch.close();
  });

  test('the toolbar fits a 360 px wide screen', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(CHAPTER3);
    const figure = widget(page, 'forward-scrubber');
    await expect(figure.locator('canvas')).toBeVisible(LOAD);
    const box = (await figure.boundingBox())!;
    for (const button of await figure.locator('.widget-toolbar button').all()) {
      const b = (await button.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(box.x);
      expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width);
    }
    await figure.locator('.widget-toolbar').screenshot({ path: shot('toolbar-360') });
  });
});

test.describe('presentation mode', () => {
  const state = (page: Page) => page.getByTestId('present-state');

  for (const scheme of ['light', 'dark'] as const) {
    test(`Present goes full screen with large type, and the keys drive t (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(CHAPTER3);
      const figure = widget(page, 'forward-scrubber');
      await expect(figure.locator('canvas')).toBeVisible(LOAD);
      const fontBefore = await figure.locator('.widget-readout').evaluate((el) => el.getBoundingClientRect().height);

      await figure.getByRole('button', { name: 'Present full screen' }).click();
      await expect(figure).toHaveClass(/is-presenting/);
      const mode = await figure.evaluate((el) => (document.fullscreenElement === el ? 'fullscreen' : el.classList.contains('is-presenting-fallback') ? 'fallback' : 'none'));
      expect(mode).not.toBe('none');
      const hint = page.getByTestId('present-hint');
      await expect(hint).toBeVisible();
      await expect(hint).toContainText('step t');
      await expect(hint).toContainText('Space');
      await expect(hint).toContainText('reset');
      await expect(hint).toContainText('Esc');
      // Scaled up: the figure fills the screen and the content is zoomed.
      const fig = (await figure.boundingBox())!;
      expect(fig.width).toBeGreaterThan(1200);
      await expect.poll(() => figure.evaluate((el) => Number(getComputedStyle(el).getPropertyValue('--present-zoom') || 1))).toBeGreaterThan(1.1);
      const fontAfter = await figure.locator('.widget-readout').evaluate((el) => el.getBoundingClientRect().height);
      expect(fontAfter).toBeGreaterThan(fontBefore);

      // The shared t starts at its default, 500.
      await expect(state(page)).toHaveAttribute('data-t', '500');
      await page.keyboard.press('ArrowRight');
      await expect(state(page)).toHaveAttribute('data-t', '501');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await expect(state(page)).toHaveAttribute('data-t', '499');
      await page.screenshot({ path: shot(`present-${scheme}`) });

      // Space plays (t moves on by itself), Space again pauses (t holds still).
      await page.keyboard.press('Space');
      await expect(state(page)).toHaveAttribute('data-playing', 'true');
      await expect.poll(async () => Number(await state(page).getAttribute('data-t'))).toBeGreaterThan(505);
      await page.keyboard.press('Space');
      await expect(state(page)).toHaveAttribute('data-playing', 'false');
      const held = await state(page).getAttribute('data-t');
      await page.waitForTimeout(300);
      await expect(state(page)).toHaveAttribute('data-t', held!);

      // R resets to the default t.
      await page.keyboard.press('r');
      await expect(state(page)).toHaveAttribute('data-t', '500');

      // The widget's own t slider shows the shared t.
      const slider = figure.getByRole('slider', { name: 'timestep t' });
      await expect(slider).toHaveValue('500');
      // An arrow on the focused slider belongs to the slider: t moves by its one step, not two.
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await expect(state(page)).toHaveAttribute('data-t', '501');
      await expect(slider).toHaveValue('501');
      await figure.evaluate((el) => el.focus());
      await page.keyboard.press('ArrowRight');
      await expect(slider).toHaveValue('502');

      await page.keyboard.press('Escape');
      await expect(figure).not.toHaveClass(/is-presenting/);
      await expect(hint).toHaveCount(0);
      expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
      await expect(figure.getByRole('button', { name: 'Present full screen' })).toBeFocused();
    });
  }

  test('without the Fullscreen API (a plain iframe) it covers the page instead; Esc and Leave exit', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false });
    });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(CHAPTER3);
    const figure = widget(page, 'schedule-compare');
    await expect(figure.getByTestId('schedule-chart')).toBeVisible(LOAD);
    await figure.getByRole('button', { name: 'Present full screen' }).click();
    await expect(figure).toHaveClass(/is-presenting-fallback/);
    const box = (await figure.boundingBox())!;
    expect(box).toEqual({ x: 0, y: 0, width: 1024, height: 700 });
    await expect(page.getByTestId('present-hint')).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('present-state')).toHaveAttribute('data-t', '501');
    // The chart's T entry is a text input: an arrow there does not step t.
    await figure.getByRole('spinbutton', { name: 'number of timesteps T', exact: true }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('present-state')).toHaveAttribute('data-t', '501');
    await page.screenshot({ path: shot('present-fallback') });

    await page.keyboard.press('Escape');
    await expect(figure).not.toHaveClass(/is-presenting/);
    await figure.getByRole('button', { name: 'Present full screen' }).click();
    await expect(figure).toHaveClass(/is-presenting-fallback/);
    await figure.getByRole('button', { name: 'Leave presentation mode' }).click();
    await expect(figure).not.toHaveClass(/is-presenting/);
  });
});

test.describe('offline', () => {
  test.use({ serviceWorkers: 'allow' }); // blocked for every other test (playwright.config.ts)

  test('offline: after one visit the site, its engine worker and the WASM backend load with no network', async ({ page, context }) => {
    test.setTimeout(180_000);
    const url = './?chapter=05-training&backend=wasm';
    await page.goto(url);
    await expect(page.getByTestId('backend-name')).toHaveText('wasm', { timeout: 90_000 });
    // The service worker has installed (precache complete) and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
      return urls;
    });
    expect(cached.some((u) => /\/assets\/engine\.worker-[\w-]+\.js$/.test(u))).toBe(true);
    expect(cached.filter((u) => u.endsWith('.wasm')).length).toBe(3);
    expect(cached.some((u) => u.endsWith('/index.html'))).toBe(true);

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('.katex').first()).toBeVisible();
    await expect(page.getByTestId('backend-name')).toHaveText('wasm', { timeout: 90_000 });
    // The copy served from the cache is cross-origin isolated too (the service worker adds the
    // headers where a host does not send them), so the engine keeps its second thread offline.
    expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);

    // Another chapter, by a deep link, also opens offline.
    const other = await page.goto(CHAPTER3);
    expect(other?.fromServiceWorker()).toBe(true);
    await expect(widget(page, 'schedule-compare').getByTestId('schedule-chart')).toBeVisible(LOAD);
    await context.setOffline(false);
  });
});
