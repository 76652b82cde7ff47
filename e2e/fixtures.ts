/**
 * Playwright's `test`, with every page watched: a console error or an uncaught page error
 * anywhere in a test fails that test (checked after the test body).
 */
import { test as base, expect } from '@playwright/test';

export interface PageProblems {
  /** Console errors and page errors seen so far, as "console: …" / "pageerror: …". */
  problems: string[];
}

export const test = base.extend<PageProblems>({
  problems: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, problems }, use) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const { url, lineNumber } = msg.location();
        problems.push(`console: ${msg.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.stack ?? err.message}`));
    await use(page);
    expect(problems, 'the page logged console errors or threw').toEqual([]);
  },
});

export { expect };
