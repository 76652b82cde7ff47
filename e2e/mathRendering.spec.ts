/**
 * The chapters' math as a reader sees it, measured in the browser at a desktop and a phone width:
 * scripts smaller than their base, equation numbers at the right edge, no displayed equation
 * wider than its column on a desktop, no inline formula reaching into another line. These fail on
 * a page whose KaTeX stylesheet does not match the KaTeX that typeset it, or whose text column is
 * too narrow for its equations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { measureMathGeometry } from './mathGeometry';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const slugs = readdirSync(contentDir)
  .filter((f) => /^\d\d-.+\.md$/.test(f) && readFileSync(`${contentDir}/${f}`, 'utf8').includes('$'))
  .map((f) => f.replace(/\.md$/, ''));

/** Chapters whose every displayed equation is set to fit a 390-px column (long ones on two lines), not to scroll. */
const FIT_A_PHONE = ['08-images', '09-video-latent-upsampling'];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

for (const width of [1280, 390]) {
  test.describe(`math at ${width} px`, () => {
    // The test injects a style to lay out skipped prose; the page's CSP refuses inline styles, so
    // this context bypasses it (e2e/contentSecurityPolicy.spec.ts checks the policy itself).
    test.use({ viewport: { width, height: 800 }, bypassCSP: true });
    for (const slug of slugs) {
      test(`${slug}: scripts, tags, widths and line boxes`, async ({ page }) => {
        await page.goto(`./?chapter=${slug}`);
        await expect(page.locator('.chapter .katex').first()).toBeVisible({ timeout: 20_000 });
        await page.evaluate(() => document.fonts.ready);
        // Prose off screen is skipped (content-visibility: auto); lay all of it out to measure it.
        await page.addStyleTag({ content: '.chapter * { content-visibility: visible !important; }' });
        const m = await page.evaluate(measureMathGeometry);
        test.info().annotations.push({ type: 'math', description: JSON.stringify({ ...m, scriptRatios: median(m.scriptRatios) }) });
        // KaTeX sets first-level scripts at 0.7 of the base (0.5 for second level); full-size scripts read as "xt".
        expect.soft(m.scriptRatios.length).toBeGreaterThan(0);
        expect.soft(median(m.scriptRatios), 'median script/base size').toBeLessThan(0.85);
        expect.soft(m.misplacedTags, 'equation numbers not at the right edge').toEqual([]);
        expect.soft(m.overlappingInline, 'inline formulas reaching into another line').toEqual([]);
        expect.soft(m.orphanMarks, 'punctuation pushed to the line after its formula').toEqual([]);
        if (width >= 1280 || FIT_A_PHONE.includes(slug)) expect.soft(m.overflowing, 'displayed equations wider than the column').toEqual([]);
        // On a phone a long equation may scroll sideways, but only with a cue that it does.
        expect.soft(m.uncued, 'displays that scroll with no cue').toEqual([]);
      });
    }
  });
}

test.describe('math at 390 px, by keyboard', () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test('a displayed equation wider than the column takes focus and scrolls with the arrow keys; one that fits is no tab stop', async ({ page }) => {
    await page.goto('./?chapter=05-training');
    await expect(page.locator('.chapter .katex').first()).toBeVisible({ timeout: 20_000 });
    await page.evaluate(() => document.fonts.ready);
    // As a reader would: scrolled through, content-visibility rendering each part as it comes.
    for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 700);
    const displays = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.chapter .katex-display')].map((d) => ({ scrolls: d.scrollWidth > d.clientWidth, tabbable: d.tabIndex === 0 })),
    );
    expect(displays.filter((d) => d.scrolls).length, 'chapter 5 has formulas wider than a phone').toBeGreaterThan(0);
    expect(displays.filter((d) => d.scrolls !== d.tabbable)).toEqual([]);
    const wide = page.locator('.chapter .katex-display[tabindex="0"]').first();
    await wide.focus();
    await expect(wide).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => wide.evaluate((d) => d.scrollLeft)).toBeGreaterThan(0);
  });
});
