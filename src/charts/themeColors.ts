/**
 * The page theme's colours for canvas drawing. SVG and HTML take them straight from CSS
 * (`fill="var(--panel)"`), but a canvas needs concrete colour strings: read them from the
 * element's computed custom properties (defined in src/app/app.css for the light theme and for
 * prefers-color-scheme: dark), and redraw when the scheme changes (useColorScheme).
 */
import { useSyncExternalStore } from 'react';

export interface ThemeColors {
  /** Text. */
  fg: string;
  /** Secondary text: tick labels. */
  muted: string;
  /** A chart's background. */
  panel: string;
  /** Frames and axis lines drawn light. */
  border: string;
  /** Grid lines. */
  grid: string;
  /** Axis lines drawn strong. */
  axis: string;
  /** Background data points drawn behind a chart's own marks. */
  dataFaint: string;
  dark: boolean;
}

/** The light theme's values, used where the custom properties are missing (tests, old browsers). */
export const LIGHT_THEME: ThemeColors = {
  fg: '#1b1f24',
  muted: '#57606a',
  panel: '#ffffff',
  border: '#d0d7de',
  grid: '#eaeef2',
  axis: '#8c959f',
  dataFaint: '#c2cad3',
  dark: false,
};

const VARS: Record<Exclude<keyof ThemeColors, 'dark'>, string> = {
  fg: '--fg',
  muted: '--muted',
  panel: '--panel',
  border: '--border',
  grid: '--grid',
  axis: '--axis',
  dataFaint: '--data-faint',
};

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The theme colours in effect at `el` (a canvas, or anything inside the page). */
export function readThemeColors(el: Element): ThemeColors {
  const style = getComputedStyle(el);
  const out = { ...LIGHT_THEME };
  for (const key of Object.keys(VARS) as (keyof typeof VARS)[]) {
    const value = style.getPropertyValue(VARS[key]).trim();
    if (value) out[key] = value;
  }
  out.dark = typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
  return out;
}

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const query = matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const getScheme = (): 'light' | 'dark' => (typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light');

/**
 * 'light' or 'dark', following prefers-color-scheme. A canvas chart puts it in its drawing
 * effect's dependencies, so a change of scheme redraws it in the new colours.
 */
export function useColorScheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, getScheme, () => 'light');
}

/** WCAG 2 relative luminance of a `#rrggbb` colour (0 for black, 1 for white). */
export function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
