/**
 * axe-core (the standard accessibility rule engine) run over a page for the WCAG 2.0 / 2.1 A and AA
 * rules, and its violations written as lines a person can read in a failing test's output.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Every widget id the registry maps to a component, read from its source so new widgets are checked without editing the spec. */
export function registeredWidgetIds(): string[] {
  const source = readFileSync(new URL('../src/widgets/registry.tsx', import.meta.url), 'utf8');
  const body = source.slice(source.indexOf('export const WIDGETS'));
  return [...body.matchAll(/^\s*'?([a-z0-9-]+)'?\s*:\s*entry\(/gm)].map((m) => m[1]!);
}

/** Makes every `content-visibility: auto` block render now (through the CSSOM, which the page's CSP allows), so all of a chapter is laid out and checked, not only what is near the window. */
export async function renderEverything(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (getComputedStyle(el).contentVisibility === 'auto') el.style.contentVisibility = 'visible';
    }
  });
}

/** The violations of the WCAG A/AA rules on the page, one readable line per element: rule, impact, selector, what is wrong. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => {
      const summary = (n.failureSummary ?? '').replace(/\s+/g, ' ').trim();
      return `${v.id} [${v.impact}] ${n.target.join(' ')} :: ${v.help} :: ${summary}`;
    }),
  );
}
