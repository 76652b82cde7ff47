/**
 * `npm run bench`: runs the bench cases of src/bench/cases.ts under Node (cpu, wasm) and in headless
 * Chromium (webgpu, webgl, wasm, cpu, through the app's own "Benchmark this device" page on a
 * `vite preview` of a fresh build), then the page budget (chapter 1 on a first visit: its time to
 * render and the main-thread JavaScript it fetched; drawing 2000 points, timed by the bench page),
 * prints a table and writes bench-results/bench-<time>.json.
 *
 * The image cases (trainImages, sampleImages, imagesToQuality) read the digits and the classifier
 * from public/data under Node and from the preview site in the browser.
 *
 * Options: --quick (a few seconds per case; what CI runs; the image cases on wasm only), --node-only, --browser-only,
 * --backends=wasm,webgl (a subset), --cases=train,ddim, --port=4314 (preview port; BENCH_PORT too).
 * Exits 1 when a case throws or the browser part cannot run; speed never fails it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { chromium, type Browser } from '@playwright/test';
import { build, preview } from 'vite';
import { findChromium } from '../../e2e/chromium';
import { describeBackend, runCases } from '../../src/bench/cases';
import type { BenchWorkerEvent } from '../../src/bench/protocol';
import { IMAGE_DATA_FILES, type ImageDataLoader } from '../../src/worker/imageData';
import { BENCH_CASES, CASE_LABELS, formatTable, formatValue, median, PAGE_LABELS, type BenchCase, type BenchEnvironment, type BenchEvent, type BenchReport, type CaseResult, type PageResult } from '../../src/bench/report';

const NODE_BACKENDS = ['cpu', 'wasm'] as const;
const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
/** As playwright.config.ts: headless Chromium with WebGPU on SwiftShader where there is no GPU. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];

interface Args {
  quick: boolean;
  node: boolean;
  browser: boolean;
  backends: string[] | null;
  cases: BenchCase[];
  port: number;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const list = value('backends')?.split(',') ?? null;
  const cases = (value('cases')?.split(',') ?? [...BENCH_CASES]).filter((c): c is BenchCase => (BENCH_CASES as readonly string[]).includes(c));
  for (const a of argv) {
    if (!/^--(quick|node-only|browser-only|backends=.+|cases=.+|port=\d+)$/.test(a)) throw new Error(`unknown option ${a} (see scripts/bench/main.ts)`);
  }
  return {
    quick: argv.includes('--quick'),
    node: !argv.includes('--browser-only'),
    browser: !argv.includes('--node-only'),
    backends: list,
    cases: cases.length > 0 ? cases : [...BENCH_CASES],
    port: Number(value('port') ?? process.env.BENCH_PORT ?? 4314),
  };
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** One line per progress event, at most every 2 s per case, so the terminal shows the bench is alive. */
function progressPrinter(where: string): (event: BenchEvent | BenchWorkerEvent) => void {
  let last = 0;
  return (event) => {
    if (event.type === 'backend') log(event.error ? `[${where}] ${event.backend}: skipped (${event.error})` : `[${where}] ${event.backend}${event.info ? ` (${event.info})` : ''}`);
    else if (event.type === 'result') log(`[${where}] ${event.result.backend} ${CASE_LABELS[event.result.case]}: ${formatValue(event.result)} — ${event.result.error ?? event.result.note}`);
    else if (event.type === 'case' && Date.now() - last > 2000) {
      last = Date.now();
      log(`[${where}] ${event.backend} ${event.case}: ${event.text}`);
    } else if (event.type === 'error') log(`[${where}] error: ${event.message}`);
  };
}

/** The image model's data under Node: the files the site serves, from public/. */
const readImageData: ImageDataLoader = async (file) => {
  const bytes = readFileSync(resolve('public', IMAGE_DATA_FILES[file]));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

async function runNode(args: Args): Promise<{ environment: BenchEnvironment; results: CaseResult[] }> {
  const environment: BenchEnvironment = { agent: `node ${process.version} (${process.platform} ${process.arch})`, cores: availableParallelism(), tfjs: tf.version.tfjs, backends: {} };
  const results: CaseResult[] = [];
  const print = progressPrinter('node');
  for (const backend of NODE_BACKENDS) {
    if (args.backends && !args.backends.includes(backend)) continue;
    const ok = await tf.setBackend(backend).catch(() => false);
    if (!ok) {
      environment.backends[backend] = 'unavailable';
      print({ type: 'backend', where: 'node', backend, error: 'failed to initialise' });
      continue;
    }
    await tf.ready();
    environment.backends[backend] = (await describeBackend(backend)) || 'available';
    print({ type: 'backend', where: 'node', backend, info: environment.backends[backend] });
    results.push(...(await runCases({ where: 'node', backend, quick: args.quick, cases: args.cases, onEvent: print, loadImageData: readImageData })));
  }
  return { environment, results };
}

/** Worker entry chunks: not the main thread's JavaScript. */
const WORKER_CHUNK = /\.worker-[\w-]+\.js$/;

/**
 * Opens chapter 1 in a fresh browser profile (nothing cached: a first visit), `runs` times, and
 * times it from navigation start until the chapter's text is shown and every widget on screen has
 * loaded; also sums the gzipped main-thread JavaScript the page fetched on the way.
 */
async function measureChapterOne(browser: Browser, port: number, runs: number): Promise<PageResult[]> {
  const times: number[] = [];
  let scriptBytes = 0;
  let files: Record<string, number> = {};
  for (let k = 0; k < runs; k++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const sizes = new Map<string, number>();
    page.on('response', (response) => {
      const url = response.url();
      // Not the workers' chunks, nor what the service worker precaches for offline use after the first render.
      if (url.endsWith('.js') && !WORKER_CHUNK.test(url) && !response.request().serviceWorker()) void response.body().then((b) => sizes.set(url, gzipSync(b).length), () => {});
    });
    await page.goto(`http://localhost:${port}/?chapter=01-overview`, { waitUntil: 'commit' });
    const ms = await page.waitForFunction(
      () => {
        const article = document.querySelector('article.chapter');
        if (!article?.querySelector('p')) return false; // the chapter's text (chapter 1 has no math)
        const onScreen = [...article.querySelectorAll('figure.widget')].filter((f) => f.getBoundingClientRect().top < window.innerHeight);
        return onScreen.some((f) => f.querySelector('.widget-loading')) ? false : performance.now();
      },
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    times.push((await ms.jsonValue()) as number);
    await page.waitForLoadState('networkidle');
    files = Object.fromEntries([...sizes].map(([url, bytes]) => [url.split('/').pop()!, bytes]));
    scriptBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
    await context.close();
  }
  return [
    { case: 'script', value: scriptBytes / 1024, unit: 'KB', note: `${Object.keys(files).length} files, gzipped here at level 6 (workers and the service worker's precache not counted)`, detail: { gzippedBytes: files } },
    { case: 'chapter', value: median(times), unit: 'ms', note: `median of ${runs} first visits (${times.map((t) => t.toFixed(0)).join(', ')} ms), navigation start to the text and the widgets on screen shown`, detail: { runsMs: times } },
  ];
}

async function runBrowser(args: Args): Promise<{ environment: BenchEnvironment; results: CaseResult[]; page: PageResult[] }> {
  const backends = BROWSER_BACKENDS.filter((b) => !args.backends || args.backends.includes(b));
  const outDir = `.dist-bench-${args.port}`;
  log(`[browser] building the app into ${outDir}`);
  // Vite's module runner, which loaded this file, set NODE_ENV to development, and build() keeps a
  // NODE_ENV it finds: without this the bench would measure React's development build.
  process.env.NODE_ENV = 'production';
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: args.port, strictPort: true, open: false } });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const print = progressPrinter('browser');
    await page.exposeFunction('__benchEvent', (event: BenchWorkerEvent) => print(event));
    page.on('console', (msg) => msg.type() === 'error' && log(`[browser] console error: ${msg.text()}`));
    page.on('pageerror', (err) => log(`[browser] page error: ${err.message}`));
    const query = new URLSearchParams({ page: 'bench', run: '1', backends: backends.join(','), cases: args.cases.join(',') });
    if (args.quick) query.set('quick', '1');
    await page.goto(`http://localhost:${args.port}/?${query.toString()}`);
    const failed = page.getByRole('alert');
    // Wait for the report (or an error shown on the page); a full run takes minutes per backend.
    await page.waitForFunction(() => (window as { __benchReport?: unknown }).__benchReport !== undefined || document.querySelector('.notice-error') !== null, undefined, { timeout: (args.quick ? 10 : 60) * 60_000, polling: 1000 });
    if (await failed.count()) throw new Error(`the bench page failed: ${await failed.first().textContent()}`);
    const report = (await page.evaluate(() => (window as { __benchReport?: unknown }).__benchReport)) as BenchReport;
    await page.close();
    const chapter = await measureChapterOne(browser, args.port, args.quick ? 1 : 5);
    const pageResults = [...chapter, ...(report.page ?? [])];
    for (const r of pageResults) log(`[browser] ${PAGE_LABELS[r.case]}: ${formatValue(r)} — ${r.error ?? r.note}`);
    return { environment: report.environments[0]!, results: report.results, page: pageResults };
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const report: BenchReport = { version: 1, quick: args.quick, startedAt: new Date().toISOString(), environments: [], results: [] };
  let crashed: string | null = null;
  if (args.node) {
    const node = await runNode(args);
    report.environments.push(node.environment);
    report.results.push(...node.results);
  }
  if (args.browser) {
    try {
      const browser = await runBrowser(args);
      report.environments.push(browser.environment);
      report.results.push(...browser.results);
      report.page = browser.page;
    } catch (e) {
      crashed = e instanceof Error ? e.message : String(e);
    }
  }
  const dir = resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `bench-${report.startedAt.replace(/[:.]/g, '-')}${args.quick ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(resolve(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${formatTable(report)}\n\nwritten to ${file}\n`);
  const errors = [...report.results, ...(report.page ?? [])].filter((r) => r.error);
  if (crashed) log(`bench failed: ${crashed}`);
  if (errors.length > 0) log(`bench failed: ${errors.length} case(s) threw: ${errors.map((r) => `${'where' in r ? `${r.where}/${r.backend}/` : 'page/'}${r.case}: ${r.error}`).join('; ')}`);
  return crashed || errors.length > 0 ? 1 : 0;
}
