/**
 * `npm run soak`: a long training run in headless Chromium, to see that nothing grows or slows.
 * Builds the site, serves it with `vite preview`, opens the training chapter, presses Train and,
 * once a minute, samples 500 points with the page's default sampler and reads: steps trained and
 * steps/s over the minute, the page's and the engine worker's JavaScript heap
 * (performance.measureUserAgentSpecificMemory, which the cross-origin isolated page may call; it
 * resolves after a garbage collection, so each row's heap is from the minute before), DOM
 * nodes and live tensors. Prints one row a minute, then a verdict (src/bench/soakVerdict.ts).
 *
 * Options: --minutes=N (default 30), --port=N (default 4315), --backend=wasm|webgl|webgpu|cpu
 * (default: the page's own choice). Not part of CI: it runs for half an hour.
 */
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { findChromium } from '../../e2e/chromium';
import { judgeFlatness, type SoakMinute } from '../../src/bench/soakVerdict';
import { DEFAULT_SAMPLING } from '../../src/state/sessionDefaults';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan',
  // measureUserAgentSpecificMemory otherwise waits up to 20 s for the next garbage collection.
  '--enable-blink-features=ForceEagerMeasureMemory'];

function parseArgs(argv: string[]): { minutes: number; port: number; backend: string | null } {
  for (const a of argv) if (!/^--(minutes=\d+(\.\d+)?|port=\d+|backend=(wasm|webgl|webgpu|cpu))$/.test(a)) throw new Error(`unknown option ${a} (see scripts/soak/main.ts)`);
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return { minutes: Number(value('minutes') ?? 30), port: Number(value('port') ?? 4315), backend: value('backend') ?? null };
}

const row = (m: SoakMinute): string =>
  [m.minute, m.step, m.stepsPerSecond.toFixed(0), m.pageHeapMB.toFixed(1), m.workerHeapMB === null ? '–' : m.workerHeapMB.toFixed(1), m.domNodes, m.tensors, m.sampleSeconds.toFixed(2)]
    .map((c) => String(c).padStart(9)).join(' |');

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  process.env.NODE_ENV = 'production'; // as in the bench: Vite's module runner set development
  const outDir = '.dist-soak';
  await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { port: args.port, strictPort: true, open: false } });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (err) => console.log(`[page error] ${err.message}`));
    page.on('console', (msg) => msg.type() === 'error' && console.log(`[console error] ${msg.text()}`));
    const query = `?chapter=05-training${args.backend ? `&backend=${args.backend}` : ''}`;
    await page.goto(`http://localhost:${args.port}/${query}`);
    // Train once the pretrained default has loaded: a model change in flight holds Train back.
    await page.locator('[data-testid="model-source"][data-kind="pretrained"]').waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => (window as any).playground?.store.getState().status === 'ready', null, { timeout: 120_000 });
    const train = page.getByRole('button', { name: 'Train' });
    await train.waitFor();
    await page.waitForFunction(() => !(document.querySelector('[data-testid="training-panel"] button') as HTMLButtonElement | null)?.disabled, null, { timeout: 60_000 });
    const backend = await page.evaluate(() => (window as any).playground.store.getState().backend?.name as string);
    const before = await page.evaluate(() => (window as any).playground.store.getState().step as number);
    await train.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((from) => (window as any).playground.store.getState().step > from + 10, before, { timeout: 60_000 });
    console.log(`soak: ${args.minutes} min of training on ${backend}, sampling 500 points a minute\n`);
    console.log(['minute', 'step', 'steps/s', 'page MB', 'worker MB', 'DOM nodes', 'tensors', 'sample s'].map((c) => c.padStart(9)).join(' |'));

    const minutes: SoakMinute[] = [];
    let lastStep = await page.evaluate(() => (window as any).playground.store.getState().step as number);
    for (let k = 1; k <= args.minutes; k++) {
      const started = Date.now();
      await page.waitForTimeout(60_000 - 5_000);
      const reading = await page.evaluate(async (options) => {
        const pg = (window as any).playground;
        const t0 = performance.now();
        await pg.client.sample(options);
        const sampleSeconds = (performance.now() - t0) / 1000;
        let pageBytes = (performance as any).memory?.usedJSHeapSize ?? 0;
        let workerBytes: number | null = null;
        if ('measureUserAgentSpecificMemory' in performance) {
          // A measurement resolves only after a garbage collection (tens of seconds): each minute
          // collects the one started the minute before and starts the next.
          const w = window as any;
          const m = await (w.__soakMemory ?? (performance as any).measureUserAgentSpecificMemory());
          w.__soakMemory = (performance as any).measureUserAgentSpecificMemory();
          pageBytes = 0;
          workerBytes = 0;
          for (const b of m.breakdown) {
            const scopes: string[] = b.attribution.map((a: any) => a.scope);
            if (scopes.includes('DedicatedWorkerGlobalScope')) workerBytes! += b.bytes;
            else if (scopes.includes('Window')) pageBytes += b.bytes;
          }
        }
        const s = pg.store.getState();
        return { step: s.step as number, tensors: s.numTensors as number, domNodes: document.getElementsByTagName('*').length, pageBytes, workerBytes, sampleSeconds };
      }, { ...DEFAULT_SAMPLING, n: 500, seed: 7, trace: [], traceEvery: 1 });
      const seconds = (Date.now() - started) / 1000;
      const m: SoakMinute = {
        minute: k, step: reading.step, stepsPerSecond: (reading.step - lastStep) / seconds, pageHeapMB: reading.pageBytes / 2 ** 20,
        workerHeapMB: reading.workerBytes === null ? null : reading.workerBytes / 2 ** 20, domNodes: reading.domNodes, tensors: reading.tensors, sampleSeconds: reading.sampleSeconds,
      };
      lastStep = reading.step;
      minutes.push(m);
      console.log(row(m));
      const rest = 60_000 - (Date.now() - started);
      if (rest > 0) await page.waitForTimeout(rest);
    }
    const verdict = judgeFlatness(minutes);
    console.log(`\nverdict: ${verdict.flat ? 'flat' : 'NOT flat'}${verdict.findings.length ? ` (${verdict.findings.join('; ')})` : ''}`);
    return verdict.flat ? 0 : 1;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
