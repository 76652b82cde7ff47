/**
 * Finds a Chromium for Playwright: Debian's /usr/bin/chromium first, then Playwright's own
 * download. Throws at config load when neither is on disk, so the failure says what to do.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export function findChromium(): string {
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    'No Chromium found: install it with `apt-get install -y chromium` (Debian) or `npx playwright install chromium`',
  );
}
