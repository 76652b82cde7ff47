/**
 * What a reader sees in the figures (issue 12, items 9 and 10): the KL widget's Monte-Carlo
 * estimate stays finite where q's density underflows; the ε̂ field's arrows have heads; the
 * sample plot has light axes with labelled ticks; Algorithm 2's numbers stay on the card at
 * phone and desktop widths; the exported schedule chart sets its wrapped SNR title where the page
 * shows it; a recorded clip has a duration, can be seeked, and shows the t it was recorded at.
 * Each test failed before its fix. Screenshots go to test-results/screenshots/ to look at.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const shot = (name: string) => fileURLToPath(new URL(`../test-results/screenshots/${name}.png`, import.meta.url));
const widget = (page: Page, id: string): Locator => page.locator(`figure.widget[data-widget-id="${id}"]`);
const LOAD = { timeout: 60_000 };
test.describe.configure({ timeout: 120_000 });

test('KL widget: μ₁ = 3, σ₁ = 3, μ₂ = −3, σ₂ = 0.3 gives a finite Monte-Carlo estimate near the closed form 247.197', async ({ page }) => {
  await page.goto('./?chapter=02-prerequisites');
  const kl = page.getByTestId('kl-gaussians');
  await kl.getByLabel('μ₁').fill('3');
  await kl.getByLabel('σ₁').fill('3');
  await kl.getByLabel('μ₂').fill('-3');
  await kl.getByLabel('σ₂').fill('0.3');
  // log(0.3/3) + (9 + 36)/(2 · 0.09) − 1/2
  const exact = Math.log(0.1) + 45 / 0.18 - 0.5;
  await expect(kl.getByTestId('kl-exact')).toHaveText(exact.toFixed(4));
  const readout = (await kl.locator('.widget-readout').textContent()) ?? '';
  expect(readout).not.toMatch(/Infinity|NaN/);
  const [, mean, se] = readout.match(/= ([\d.]+) ± ([\d.]+)/) ?? [];
  expect(Number(se)).toBeGreaterThan(0);
  expect(Math.abs(Number(mean) - exact)).toBeLessThan(5 * Number(se));
  await kl.screenshot({ path: shot('kl-far-apart') });
});

test('the ε̂ field draws its arrows with heads', async ({ page }) => {
  await page.goto('./?chapter=04-reverse-process&backend=wasm');
  const field = page.getByTestId('eps-field');
  await expect(field.locator('line[data-arrow]')).toHaveCount(19 * 19, LOAD);
  // Every arrow longer than 1.5 px has a head; at t = 500 that is nearly all of them.
  expect(await field.locator('path[data-arrow-head]').count()).toBeGreaterThan(300);
  await field.screenshot({ path: shot('eps-field-heads') });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the training panel's sample plot has light axes with tick labels (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    // backend=wasm: the axes are the point here, not the start-up probe of every backend (slow on a busy machine).
    await page.goto('./?chapter=05-training&backend=wasm');
    const canvas = page.locator('[data-widget-id="train-panel"] canvas.point-cloud');
    await expect(canvas).toHaveAttribute('data-ticks', '-2,-1,0,1,2', LOAD);
    // Rows of the left edge strip (the first 6% of the width) with ink in them: ticks and their
    // labels at y = −2 … 2 fill dozens; the plain plot had only the horizontal line y = 0 there.
    const inkedRows = await canvas.evaluate((c: HTMLCanvasElement) => {
      const w = Math.round(c.width * 0.06);
      const px = c.getContext('2d')!.getImageData(0, 0, w, c.height).data;
      let rows = 0;
      for (let y = 0; y < c.height; y++) {
        let ink = false;
        for (let x = 0; x < w && !ink; x++) ink = px[4 * (y * w + x) + 3]! > 0;
        if (ink) rows++;
      }
      return rows / (window.devicePixelRatio || 1);
    });
    expect(inkedRows).toBeGreaterThan(25);
    const sample = page.locator('[data-widget-id="train-panel"]').getByRole('button', { name: /^Sample/ });
    // The pretrained default replaces the session once after start-up, cancelling a sample then running.
    await expect(page.getByTestId('model-source')).toHaveAttribute('data-kind', 'pretrained', LOAD);
    await expect(sample).toBeEnabled(LOAD);
    await sample.press('Enter');
    await expect(canvas).toHaveAttribute('data-points', /\d+/, LOAD);
    await canvas.screenshot({ path: shot(`sample-axes-${scheme}`) });
  });
}

for (const width of [390, 1280]) {
  test(`Algorithm 2's values stay on the card at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('./?chapter=06-sampling&backend=wasm');
    const figure = widget(page, 'algorithm2-stepper');
    const next = figure.getByTestId('algorithm2-next');
    await expect(next).toBeEnabled(LOAD);
    for (let k = 0; k < 6; k++) {
      await next.press('Enter');
      await expect(figure.locator(`.algorithm-value[data-line="${k}"]`)).toBeVisible(LOAD);
    }
    const overflow = await figure.evaluate((f) => {
      const right = f.getBoundingClientRect().right;
      let worst = -Infinity;
      for (const el of f.querySelectorAll('.algorithm-value .pair')) worst = Math.max(worst, el.getBoundingClientRect().right - right);
      return { worst, scroll: f.scrollWidth - f.clientWidth };
    });
    expect(overflow.worst).toBeLessThanOrEqual(0);
    expect(overflow.scroll).toBeLessThanOrEqual(0);
    await figure.screenshot({ path: shot(`algorithm2-values-${width}`) });
  });
}

test('the exported schedule chart sets each piece of the wrapped SNR title where the page shows it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./?chapter=03-forward-process');
  const figure = widget(page, 'schedule-compare');
  await expect(figure.getByTestId('schedule-chart')).toBeVisible(LOAD);
  const caption = figure.locator('figcaption').filter({ hasText: 'SNR(t)' });
  // The title wraps on the page (at this width inside "signal-to-noise").
  expect(await caption.evaluate((el) => el.getClientRects().length > 0 && el.getBoundingClientRect().height)).toBeGreaterThan(30);
  const [file] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Download the chart as SVG' }).click()]);
  const svg = await readFile(await file.path(), 'utf8');
  const misplaced = await caption.evaluate((cap, svgText) => {
    // Page positions of the caption's text, relative to its first glyph.
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(cap, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const glyph = (node: Text, at: number): DOMRect => {
      const r = document.createRange();
      r.setStart(node, at);
      r.setEnd(node, at + 1);
      return r.getBoundingClientRect();
    };
    const origin = glyph(nodes[0]!, nodes[0]!.data.search(/\S/));
    const full = nodes.map((n) => n.data).join('');
    // The exported texts that belong to this caption (pieces of three characters or more).
    const doc = new DOMParser().parseFromString(svgText.replace(/^<\?xml[^>]*>/, ''), 'image/svg+xml');
    const texts = Array.from(doc.querySelectorAll('text')).filter((t) => !t.getAttribute('transform') && (t.textContent ?? '').length >= 3 && full.includes(t.textContent!));
    const first = texts.find((t) => full.trimStart().startsWith(t.textContent!));
    if (!first) return ['no exported text starts the caption'];
    const [x0, y0] = [Number(first.getAttribute('x')), Number(first.getAttribute('y'))];
    const out: string[] = [];
    for (const t of texts) {
      const node = nodes.find((n) => n.data.includes(t.textContent!));
      if (!node) continue;
      const g = glyph(node, node.data.indexOf(t.textContent!));
      const dx = Number(t.getAttribute('x')) - x0 - (g.left - origin.left);
      const dy = Number(t.getAttribute('y')) - y0 - (g.top + g.height / 2 - (origin.top + origin.height / 2));
      if (Math.abs(dx) > 3 || Math.abs(dy) > 3) out.push(`"${t.textContent}" off by (${dx.toFixed(1)}, ${dy.toFixed(1)}) px`);
    }
    if (texts.length < 3) out.push(`only ${texts.length} caption texts exported`);
    return out;
  }, svg);
  expect(misplaced).toEqual([]);
  await page.setContent(`<!doctype html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`);
  await page.locator('body > svg').screenshot({ path: shot('export-schedule-snr-title') });
});

test('a recorded clip has its duration, can be seeked, and shows the t it was recorded at', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./?chapter=03-forward-process');
  const figure = widget(page, 'forward-scrubber');
  await expect(figure.locator('canvas')).toHaveAttribute('data-points', '1500', LOAD);
  const slider = figure.getByRole('slider', { name: 'timestep t' });
  await slider.fill('400');
  await figure.getByRole('button', { name: /Record the canvas/ }).click();
  const stop = figure.getByRole('button', { name: 'Stop recording and save the clip' });
  await expect(stop).toHaveAttribute('aria-pressed', 'true');
  const started = Date.now();
  for (const v of ['300', '200', '400']) {
    await page.waitForTimeout(700);
    await slider.fill(v);
  }
  await page.waitForTimeout(700);
  const [file] = await Promise.all([page.waitForEvent('download'), stop.click()]);
  const seconds = (Date.now() - started) / 1000;
  const bytes = await readFile(await file.path());
  // A blank page to play it in: the site's Content-Security-Policy (default-src 'self') stays with
  // its document through setContent and would block a data: video.
  await page.goto('about:blank');
  await page.setContent(`<video src="data:video/webm;base64,${bytes.toString('base64')}" muted></video>`);
  const video = page.locator('video');
  const result = await video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<{ duration: number; seekedTo: number; target: number; error?: string }>((done) => {
        v.addEventListener('error', () => done({ duration: NaN, seekedTo: NaN, target: NaN, error: `error ${v.error?.code}` }), { once: true });
        const seek = () => {
          const duration = v.duration;
          if (!Number.isFinite(duration)) return done({ duration, seekedTo: NaN, target: NaN });
          const target = duration * 0.9;
          v.addEventListener('seeked', () => done({ duration, seekedTo: v.currentTime, target }), { once: true });
          v.currentTime = target;
        };
        if (v.readyState >= 1) seek();
        else v.addEventListener('loadedmetadata', seek, { once: true });
      }),
  );
  expect(result.error).toBeUndefined();
  // The header's duration is the recording's length (the clip spans start to stop, ~2.8 s).
  expect(Number.isFinite(result.duration)).toBe(true);
  expect(result.duration).toBeGreaterThan(1.5);
  expect(result.duration).toBeLessThan(seconds + 1);
  expect(Math.abs(result.seekedTo - result.target)).toBeLessThan(0.5);

  // The last frame (t = 400): the strip above the charts holds "t = 400" in text colour, where
  // without it the frame's top-left corner is the plot's margin with one small tick label.
  const ink = await video.evaluate((v: HTMLVideoElement) => {
    const c = document.createElement('canvas');
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(v, 0, 0);
    const scale = Math.max(1, Math.min(2, window.devicePixelRatio || 1)); // as recordCanvas scales the frame
    const px = ctx.getImageData(0, 0, Math.round(90 * scale), Math.round(26 * scale)).data;
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! + px[i + 1]! + px[i + 2]! < 250) dark++;
    return dark / (scale * scale);
  });
  expect(ink).toBeGreaterThan(60);
  await video.screenshot({ path: shot('record-frame-with-t') });
});
