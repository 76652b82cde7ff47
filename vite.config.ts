import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { ISOLATION_HEADERS } from './src/app/isolationHeaders.ts';
import { chapterModules } from './src/content/chapterModules.ts';
import { contentSecurityPolicyMeta } from './src/app/contentSecurityPolicy.ts';

/**
 * Offline after the first visit: a Workbox service worker (vite-plugin-pwa) precaches the whole
 * build, the engine worker chunk and the WASM binaries included, and answers every navigation
 * with the cached index.html (so `?chapter=…` deep links open offline too). The worker's few lines
 * are in src/app/sw.ts (injectManifest: Vite bundles them in about a second, where generateSW's
 * own Babel + Terser pass added ~25 s to every build). It is registered by
 * src/app/registerServiceWorker.ts in production builds only (not by `npm run dev`). Scope and
 * start_url are relative like `base`, so it works under any folder of any host.
 */
const pwa = VitePWA({
  strategies: 'injectManifest',
  srcDir: 'src/app',
  filename: 'sw.ts',
  registerType: 'prompt',
  injectRegister: false,
  injectManifest: {
    // The engine worker chunk is ~2.3 MB and the WASM binaries ~0.4 MB each; the default cap is 2 MiB.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    // KaTeX ships woff2, woff and ttf; every browser that runs this app reads woff2, so only those.
    // .bin/.json: pretrained weights under public/. The README's screenshot.png is not the app's.
    globPatterns: ['**/*.{html,js,css,wasm,woff2,svg,webmanifest,json,bin,md}'],
    // The benchmark page's worker (2.3 MB) is for the curious, not the lecture: not precached.
    globIgnores: ['**/node_modules/**', 'screenshot.png', '**/bench.worker-*.js'],
  },
  manifest: {
    name: 'Diffusion Playground',
    short_name: 'Diffusion',
    description: 'An interactive, in-browser teaching playground for denoising diffusion probabilistic models (DDPM).',
    start_url: './',
    scope: './',
    display: 'standalone',
    theme_color: '#0072B2',
    background_color: '#f6f7f9',
    // Drawn in public/, served from the app's own folder: nothing is fetched from elsewhere.
    icons: [{ src: 'pwa-icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
  },
});

export default defineConfig({
  // Relative asset URLs: the built site works copied under any folder of a static host.
  base: './',
  // No SPA fallback in dev or preview: a static host has no rewrite rules, so neither do we.
  appType: 'mpa',
  // chapterModules: chapters compiled to HTML trees (KaTeX included) at build time.
  // contentSecurityPolicyMeta: the Content-Security-Policy as a <meta> tag in the built index.html.
  plugins: [chapterModules(), react(), pwa, contentSecurityPolicyMeta()],
  worker: { format: 'es' },
  // Cross-origin isolation, so the engine's kernels get a second thread (src/app/isolationHeaders.ts).
  server: { headers: ISOLATION_HEADERS },
  preview: { port: 4173, strictPort: true, headers: ISOLATION_HEADERS },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/unit.json' },
  },
});
