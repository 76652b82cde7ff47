import { defineConfig } from '@playwright/test';
import { findChromium } from './e2e/chromium';

// E2E_PORT lets several runs share a machine: each gets its own port, build folder and results.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const ISOLATED = process.env.E2E_PORT !== undefined;
const DIST = ISOLATED ? `.dist-${PORT}` : 'dist';
const RESULTS = ISOLATED ? `test-results/e2e-${PORT}` : 'test-results/e2e';
// Every e2e test runs against the production build served under a subpath, as a course site
// would host it: the relative base has to work from any folder.
const SUBPATH = '/course/diffusion/';
const BASE_URL = `http://localhost:${PORT}${SUBPATH}`;

export default defineConfig({
  testDir: 'e2e',
  // Not the default 'test-results': Playwright empties its outputDir at start, which would
  // delete Vitest's test-results/unit.json and the screenshots.
  outputDir: `${RESULTS}-artifacts`,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: `${RESULTS}.json` }]],
  webServer: {
    // `npm run test:e2e` builds first; this only serves dist/.
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST} --base ${SUBPATH}`,
    url: BASE_URL,
    // Never a server left on the port by something else: strictPort makes a busy port fail the run, saying so.
    reuseExistingServer: false,
    timeout: 60_000,
  },
  use: {
    baseURL: BASE_URL,
    // The offline test allows service workers for itself; elsewhere precaching 7 MB per test is load for nothing.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: findChromium(),
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--enable-unsafe-webgpu',
            '--use-webgpu-adapter=swiftshader',
            '--enable-features=Vulkan',
          ],
        },
      },
    },
  ],
});
