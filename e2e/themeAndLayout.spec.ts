/**
 * Layout and theme: widgets beside the text (sticky) on a wide screen and inline on a narrow one,
 * no sideways page scroll from 360 px up, and a real dark theme that follows prefers-color-scheme
 * (page, text, SVG chart panels and canvas charts). Screenshots of chapters 3 and 5 in both themes
 * at 1440 and 390 px go to test-results/screenshots/ for a person to look at.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const CHAPTERS = ['01-overview', '02-prerequisites', '03-forward-process', '04-reverse-process', '05-training', '06-sampling', '07-beyond', '08-images', '09-video-latent-upsampling'];
const screenshot = (name: string) => fileURLToPath(new URL(`../test-results/screenshots/${name}.png`, import.meta.url));

async function openChapter(page: Page, slug: string): Promise<void> {
  await page.goto(`./?chapter=${slug}`);
  await expect(page.locator('article.chapter h1')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.widget').first()).toBeVisible();
  await expect(page.locator('.widget-loading')).toHaveCount(0, { timeout: 20_000 });
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/** Page-coordinate boxes of every widget and of every prose block of the open chapter. */
function chapterBoxes(page: Page): Promise<{ widgets: (Box & { id: string })[]; prose: Box[] }> {
  return page.evaluate(() => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
    };
    // A widget column taller than the window scrolls inside itself: count only its visible part.
    const visible = (w: Element) => {
      const b = box(w);
      const aside = w.closest('.widget-section-aside');
      const a = aside && aside.getBoundingClientRect().height > 0 ? box(aside) : null;
      if (!a) return b;
      const y0 = Math.max(b.y, a.y);
      const y1 = Math.min(b.y + b.height, a.y + a.height);
      return { ...b, y: y0, height: Math.max(0, y1 - y0) };
    };
    const widgets = [...document.querySelectorAll('article.chapter .widget')].map((w) => ({ ...visible(w), id: w.getAttribute('data-widget-id') ?? '' }));
    const prose = [...document.querySelectorAll('article.chapter > :not(.widget-section), .widget-section-prose > *')].map(box);
    return { widgets, prose };
  });
}

/** WCAG relative luminance of a computed `rgb(…)` colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const s = Number(v) / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test.describe('wide screen (1440 px): widgets beside the text', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('each widget sits right of the text column of its section and overlaps nothing, in every chapter', async ({ page }) => {
    test.setTimeout(120_000);
    for (const slug of CHAPTERS) {
      await openChapter(page, slug);
      const { widgets, prose } = await chapterBoxes(page);
      expect(widgets.length, slug).toBeGreaterThan(0);
      const textRight = Math.max(...prose.map((p) => p.x + p.width));
      for (const w of widgets) {
        expect(w.x, `${slug}: ${w.id} right of the text`).toBeGreaterThanOrEqual(textRight);
        expect(w.x + w.width, `${slug}: ${w.id} inside the window`).toBeLessThanOrEqual(1440);
        for (const p of prose) expect(overlaps(w, p), `${slug}: ${w.id} over the text`).toBe(false);
        for (const v of widgets) if (v !== w) expect(overlaps(w, v), `${slug}: ${w.id} over ${v.id}`).toBe(false);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth), slug).toBeLessThanOrEqual(0);
    }
  });

  test('a widget stays in view (sticky) while its section scrolls by, and leaves with it', async ({ page }) => {
    test.setTimeout(150_000); // it scrolls every section into view and waits for each to render
    // The first chapter with a section whose text runs well past its widgets.
    let pick = { k: -1, top: 0, height: 0, slack: 0 };
    for (const slug of ['03-forward-process', '05-training', '04-reverse-process', '06-sampling']) {
      await openChapter(page, slug);
      // The section whose text is longest beside its widgets, so there is room to scroll within it,
      // (Each is scrolled to first: prose off screen has only a placeholder height until it renders.)
      pick = await page.evaluate(async () => {
        const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        let best = { k: -1, top: 0, height: 0, slack: 0 };
        for (const [k, s] of [...document.querySelectorAll('.widget-section')].entries()) {
          s.scrollIntoView();
          await frame();
          const r = s.getBoundingClientRect();
          const slack = r.height - s.querySelector('.widget-section-aside')!.getBoundingClientRect().height;
          // …and with a window's height of page below it, to scroll it away.
          const room = document.documentElement.scrollHeight - (r.bottom + scrollY);
          if (slack > best.slack && room > innerHeight) best = { k, top: r.top + scrollY, height: r.height, slack };
        }
        return best;
      });
      if (pick.slack > 200) break;
    }
    expect(pick.slack).toBeGreaterThan(200);
    const widget = page.locator('.widget-section').nth(pick.k).locator('.widget').first();

    await page.evaluate((y) => window.scrollTo(0, y), pick.top + 120);
    await expect.poll(async () => (await widget.boundingBox())!.y).toBeLessThan(40);
    const stuck = (await widget.boundingBox())!;
    // Without sticky its top would be about 100 px above the window's top edge by now.
    expect(stuck.y).toBeGreaterThanOrEqual(0);
    expect(stuck.y + Math.min(stuck.height, 300)).toBeLessThanOrEqual(900);

    await page.evaluate((y) => window.scrollTo(0, y), pick.top + pick.slack - 40);
    await expect.poll(async () => Math.round((await widget.boundingBox())!.y)).toBe(Math.round(stuck.y));

    // Past the end of its section it scrolls away with the section.
    await page.evaluate((y) => window.scrollTo(0, y), pick.top + pick.height + 50);
    await expect.poll(async () => (await widget.boundingBox())!.y + (await widget.boundingBox())!.height).toBeLessThan(0);
  });
});

for (const width of [390, 360]) {
  test.describe(`narrow screen (${width} px)`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('no chapter scrolls sideways; widgets are inline at full column width; the nav sits above', async ({ page }) => {
      test.setTimeout(120_000);
      for (const slug of CHAPTERS) {
        await openChapter(page, slug);
        const m = await page.evaluate(() => {
          const article = document.querySelector('article.chapter')!.getBoundingClientRect();
          return {
            overflow: document.documentElement.scrollWidth - innerWidth,
            article: { left: article.left, width: article.width },
            widgets: [...document.querySelectorAll('article.chapter .widget')].map((w) => {
              const r = w.getBoundingClientRect();
              return { left: r.left, width: r.width };
            }),
            navBottom: document.querySelector('.chapter-nav')!.getBoundingClientRect().bottom,
            articleTop: article.top,
          };
        });
        expect(m.overflow, slug).toBeLessThanOrEqual(0);
        expect(m.navBottom, slug).toBeLessThanOrEqual(m.articleTop);
        for (const w of m.widgets) {
          expect(Math.abs(w.left - m.article.left), slug).toBeLessThan(1);
          expect(Math.abs(w.width - m.article.width), slug).toBeLessThan(1);
        }
      }
    });
  });
}

test.describe('dark theme', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('follows prefers-color-scheme: dark page, light text, dark chart panels', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openChapter(page, '04-reverse-process');
    const colours = () =>
      page.evaluate(() => {
        const panel = document.querySelector('[data-widget-id="posterior-ellipse"] svg rect')!;
        return {
          page: getComputedStyle(document.documentElement).backgroundColor,
          text: getComputedStyle(document.querySelector('article.chapter p')!).color,
          widget: getComputedStyle(document.querySelector('.widget')!).backgroundColor,
          svgPanel: getComputedStyle(panel).fill,
          katex: getComputedStyle(document.querySelector('article.chapter .katex')!).color,
        };
      });
    const dark = await colours();
    expect(luminance(dark.page)).toBeLessThan(0.2);
    expect(luminance(dark.text)).toBeGreaterThan(0.7);
    expect(luminance(dark.katex)).toBeGreaterThan(0.7);
    expect(luminance(dark.widget)).toBeLessThan(0.2);
    expect(luminance(dark.svgPanel)).toBeLessThan(0.2);

    // The same page switches back when the reader's system does.
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await colours();
    expect(luminance(light.page)).toBeGreaterThan(0.8);
    expect(luminance(light.text)).toBeLessThan(0.1);
    expect(luminance(light.svgPanel)).toBeGreaterThan(0.9);
  });

  test('a canvas chart redraws in the new colours when the scheme changes', async ({ page }) => {
    await openChapter(page, '05-training');
    const canvas = page.locator('[data-widget-id="train-panel"] canvas.point-cloud');
    await expect(canvas).toBeVisible();
    // The luminance of the cloud's axis line (the vertical line through x = 0, at the top edge).
    const axisLuminance = () =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const px = c.getContext('2d')!.getImageData(c.width / 2 - 3, 2, 6, 1).data;
        let best = 0;
        for (let i = 4; i < px.length; i += 4) if (px[i + 3]! > px[best + 3]!) best = i;
        const lin = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return px[best + 3]! === 0 ? -1 : 0.2126 * lin(px[best]!) + 0.7152 * lin(px[best + 1]!) + 0.0722 * lin(px[best + 2]!);
      });
    await expect.poll(axisLuminance).toBeGreaterThan(0.5);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(axisLuminance).toBeLessThan(0.15);
    await expect.poll(axisLuminance).toBeGreaterThanOrEqual(0);
  });
});

test.describe('screenshots for a person to look at', () => {
  // These pictures inject a style (all prose laid out); the page's CSP refuses inline styles.
  test.use({ bypassCSP: true });
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [1440, 390]) {
      test(`chapters 3 and 5, ${scheme}, ${width} px`, async ({ page }) => {
        test.setTimeout(90_000);
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        for (const slug of ['03-forward-process', '05-training']) {
          await openChapter(page, slug);
          // Off-screen prose is skipped by content-visibility: render it all for the full-page picture.
          await page.addStyleTag({ content: '.chapter * { content-visibility: visible !important; }' });
          await page.screenshot({ path: screenshot(`layout-${slug}-${scheme}-${width}`), fullPage: true });
        }
      });
    }
  }
});
