/**
 * The two themes' colours (read from app.css, so the test follows the stylesheet) meet WCAG 2
 * contrast: body text at least 7 : 1 (AAA), secondary text 4.5 : 1 (AA), and every data colour of
 * the Okabe–Ito palette at least 3 : 1 (graphics, WCAG 1.4.11) on the dark theme's chart panels.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PALETTE } from './palette';
import { contrastRatio, LIGHT_THEME, relativeLuminance } from './themeColors';

const css = readFileSync(new URL('../app/app.css', import.meta.url), 'utf8');
const darkAt = css.indexOf('@media (prefers-color-scheme: dark)');

/** The value of `--name` in the light :root block, or in the dark one. */
function themeVar(name: string, dark: boolean): string {
  const block = dark ? css.slice(darkAt) : css.slice(0, darkAt);
  const m = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(block);
  if (!m) throw new Error(`--${name} not found in the ${dark ? 'dark' : 'light'} theme`);
  return m[1]!;
}

describe('contrastRatio (WCAG 2 formula)', () => {
  it('gives the known reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 6);
    // #767676 on white is the classic "just passes AA" grey: 4.54 : 1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 3);
  });
});

describe.each([false, true])('theme (dark = %s)', (dark) => {
  const bg = themeVar('bg', dark);
  const card = themeVar('card', dark);

  it('is the scheme it claims: a light or a dark page', () => {
    expect(relativeLuminance(bg) < 0.2).toBe(dark);
    expect(relativeLuminance(themeVar('fg', dark)) > 0.5).toBe(dark);
  });

  it('has readable text on the page and on cards', () => {
    for (const surface of [bg, card]) {
      expect(contrastRatio(themeVar('fg', dark), surface)).toBeGreaterThanOrEqual(7);
      expect(contrastRatio(themeVar('muted', dark), surface)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(themeVar('link', dark), surface)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps axes and faint background data visible on a chart panel', () => {
    expect(contrastRatio(themeVar('axis', dark), card)).toBeGreaterThanOrEqual(2.5);
    expect(contrastRatio(themeVar('data-faint', dark), card)).toBeGreaterThanOrEqual(1.5);
  });
});

it('the dark theme keeps every palette colour at 3 : 1 or more on its chart panels', () => {
  const card = themeVar('card', true);
  for (const [name, color] of Object.entries(PALETTE)) {
    expect(contrastRatio(color, card), name).toBeGreaterThanOrEqual(3);
  }
});

it('the canvas fallback colours are the light theme of app.css', () => {
  expect(LIGHT_THEME.fg).toBe(themeVar('fg', false));
  expect(LIGHT_THEME.muted).toBe(themeVar('muted', false));
  expect(LIGHT_THEME.border).toBe(themeVar('border', false));
  expect(LIGHT_THEME.grid).toBe(themeVar('grid', false));
  expect(LIGHT_THEME.axis).toBe(themeVar('axis', false));
  expect(LIGHT_THEME.dataFaint).toBe(themeVar('data-faint', false));
});
