/**
 * Issue 16, items 4, 5, 6 and 11: an embed framed by a page of another origin, which floods it,
 * sends it malformed or huge input, or names a malformed origin in the link. The host page is
 * served by the test's own small server on 127.0.0.1 while the widget comes from localhost:
 * another origin and another site. (A page the test fulfils itself, or one on a public name, is
 * refused by Chromium's local network access check before the frame loads; and the preview
 * server's pages are cross-origin isolated, so they cannot frame another site's page.)
 */
import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

let server: Server;
/** The host page's origin, set once its server listens. */
let HOST = '';

test.beforeAll(async () => {
  // The widget's address comes in the host page's #fragment (never sent to this server, so it may be long).
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><title>lesson</title></head><body>
<script>
  window.events = [];
  addEventListener('message', (e) => {
    const d = e.data;
    if (d && d.source === 'diffusion-playground') events.push({ type: d.type, t: d.t, text: d.text, at: performance.now() });
  });
  window.send = (m) => document.getElementById('w').contentWindow.postMessage(Object.assign({ source: 'diffusion-playground' }, m), '*');
  const frame = document.createElement('iframe');
  Object.assign(frame, { id: 'w', width: 640, height: 420, src: decodeURIComponent(location.hash.slice(1)) });
  document.body.append(frame);
</script>
</body></html>`);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  HOST = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
test.afterAll(async () => {
  await new Promise((done) => server.close(done));
});

interface HostEvent {
  type: string;
  t?: number;
  text?: string;
  at: number;
}

/** Opens a host page on HOST holding one iframe of the widget at `query`; it records every event the widget sends. */
let lessons = 0;
async function host(page: Page, baseURL: string, query: string): Promise<void> {
  // A new path each time: the same path with another #fragment would not load a new page.
  await page.goto(`${HOST}/lesson-${++lessons}.html#${encodeURIComponent(`${baseURL}${query}`)}`);
}
const events = (page: Page): Promise<HostEvent[]> => page.evaluate(() => (window as any).events);
const ofType = async (page: Page, type: string): Promise<HostEvent[]> => (await events(page)).filter((e) => e.type === type);
const send = (page: Page, message: Record<string, unknown>) => page.evaluate((m) => (window as any).send(m), message);
/** Sends `step` and resolves with how long the widget took to report t = `expected`, in ms. */
const stepAnswer = (page: Page, expected: number) =>
  page.evaluate(
    (want) =>
      new Promise<number>((done) => {
        const sent = performance.now();
        const seen = (e: MessageEvent) => {
          if (e.data?.source === 'diffusion-playground' && e.data.type === 't' && e.data.t === want) {
            removeEventListener('message', seen);
            done(performance.now() - sent);
          }
        };
        addEventListener('message', seen);
        (window as any).send({ type: 'step' });
        setTimeout(() => done(Infinity), 30_000);
      }),
    expected,
  );

test.describe('an embed under a hostile or careless host page', () => {
  test('item 4: a flood of 1,000 set messages a second for 5 s leaves the widget answering a step within 1 s', async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    await host(page, baseURL!, '?embed=forward-scrubber&controls=hidden');
    await expect.poll(async () => (await ofType(page, 'ready')).length, { timeout: 30_000 }).toBe(1);
    await expect(page.frameLocator('#w').locator('canvas').first()).toHaveAttribute('data-points', '1500');
    // 10 messages every 10 ms for 5 s, t and the schedule changing every time; the last sets t = 400.
    const sent = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const schedules = ['linear', 'cosine', 'quadratic', 'sigmoid'];
          const end = performance.now() + 5000;
          let n = 0;
          const timer = setInterval(() => {
            for (let i = 0; i < 10; i++, n++) (window as any).send({ type: 'set', settings: { t: (n * 37) % 300, schedule: schedules[n % 4] } });
            if (performance.now() >= end) {
              clearInterval(timer);
              (window as any).send({ type: 'set', settings: { t: 400, schedule: 'linear' } });
              done(n + 1);
            }
          }, 10);
        }),
    );
    expect(sent).toBeGreaterThan(4000);
    const ms = await stepAnswer(page, 401);
    expect(ms, `the widget answered the step ${Math.round(ms)} ms after the flood`).toBeLessThan(1000);
    await expect(page.frameLocator('#w').getByTestId('forward-t')).toHaveText('t = 401');
  });

  const badOrigins: Record<string, () => string> = {
    'a trailing slash': () => `${HOST}/`,
    'a path': () => `${HOST}/lesson.html`,
    'no scheme': () => HOST.replace('http://', ''),
    'garbage': () => 'garbage',
    'port 99999': () => 'http://127.0.0.1:99999',
  };
  for (const [what, value] of Object.entries(badOrigins)) {
    test(`items 5 and 6: an origin with ${what} fails closed (no command taken, no event sent) and the frame says why`, async ({ page, baseURL }) => {
      const origin = value();
      await host(page, baseURL!, `?embed=forward-scrubber&controls=hidden&origin=${encodeURIComponent(origin)}`);
      const frame = page.frameLocator('#w');
      await expect(frame.getByTestId('forward-t')).toHaveText('t = 500', { timeout: 30_000 });
      await send(page, { type: 'set', settings: { t: 123 } });
      await send(page, { type: 'step' });
      await page.waitForTimeout(1000);
      await expect(frame.getByTestId('forward-t')).toHaveText('t = 500');
      expect(await events(page)).toEqual([]);
      const notice = frame.getByTestId('settings-notices');
      await expect(notice).toBeVisible();
      await expect(notice).toContainText('takes no commands and sends no events');
    });
  }

  test('item 5: a valid origin that is the host\'s is obeyed; one that is another site\'s hears nothing from it', async ({ page, baseURL }) => {
    await host(page, baseURL!, `?embed=forward-scrubber&controls=hidden&origin=${encodeURIComponent(HOST)}`);
    const frame = page.frameLocator('#w');
    await expect.poll(async () => (await ofType(page, 'ready')).length, { timeout: 30_000 }).toBe(1);
    await send(page, { type: 'set', settings: { t: 123 } });
    await expect(frame.getByTestId('forward-t')).toHaveText('t = 123');
    await expect(frame.getByTestId('settings-notices')).toHaveCount(0);

    await host(page, baseURL!, `?embed=forward-scrubber&controls=hidden&origin=${encodeURIComponent('https://other.example')}`);
    await expect(frame.getByTestId('forward-t')).toHaveText('t = 500', { timeout: 30_000 });
    await send(page, { type: 'set', settings: { t: 123 } });
    await page.waitForTimeout(1000);
    await expect(frame.getByTestId('forward-t')).toHaveText('t = 500');
    expect(await events(page)).toEqual([]);
  });

  test('item 6: a host page whose postMessage throws stops the events, not the widget', async ({ page, baseURL }) => {
    // Same origin, so the frame's parent.postMessage is the host's own (a cross-origin parent's cannot be replaced).
    await page.goto(`${baseURL}?chapter=01-overview`);
    await page.evaluate((url) => {
      window.postMessage = () => {
        throw new Error('this host breaks postMessage');
      };
      document.body.innerHTML = `<iframe id="w" src="${url}" width="640" height="420"></iframe>`;
    }, `${baseURL}?embed=forward-scrubber`);
    const frame = page.frameLocator('#w');
    await expect(frame.getByTestId('forward-t')).toHaveText('t = 500', { timeout: 30_000 });
    await page.waitForTimeout(500);
    await expect(frame.getByTestId('forward-t')).toBeVisible();
    await page.evaluate(() => (document.getElementById('w') as HTMLIFrameElement).contentWindow!.postMessage({ source: 'diffusion-playground', type: 'set', settings: { t: 42 } }, '*'));
    await expect(frame.getByTestId('forward-t')).toHaveText('t = 42');
  });

  test('item 11: ?embed=constructor (or any key of Object.prototype) says there is no such widget', async ({ page }) => {
    for (const id of ['constructor', 'no-such-widget']) {
      await page.goto(`./?embed=${id}`);
      await expect(page.getByRole('alert')).toContainText(`There is no widget “${id}” to embed`);
    }
  });

  test('item 11: set {chapter} from the host adds nothing to the host tab\'s history', async ({ page, baseURL }) => {
    await host(page, baseURL!, '?embed=forward-scrubber&controls=hidden');
    await expect.poll(async () => (await ofType(page, 'ready')).length, { timeout: 30_000 }).toBe(1);
    const before = await page.evaluate(() => history.length);
    for (const chapter of ['02-background', '03-forward-process', '04-reverse-process', '05-training', '06-sampling']) {
      await send(page, { type: 'set', settings: { chapter, t: 200 } });
      await page.waitForTimeout(150);
    }
    await expect(page.frameLocator('#w').getByTestId('forward-t')).toHaveText('t = 200');
    expect(await page.evaluate(() => history.length)).toBe(before);
  });

  test('item 11: a huge value gives a short notice, in the frame and to the host; a million-key message is refused at once', async ({ page, baseURL }) => {
    test.setTimeout(90_000);
    // 8,000 characters: a long link still within what servers take (vite preview refuses requests over 16 KB).
    await host(page, baseURL!, `?embed=forward-scrubber&controls=hidden&dataset=${'x'.repeat(8000)}`);
    const frame = page.frameLocator('#w');
    const notice = frame.getByTestId('settings-notices');
    await expect(notice).toContainText('dataset="xxxx', { timeout: 30_000 });
    expect((await notice.textContent())!.length).toBeLessThan(300);
    await expect.poll(async () => (await ofType(page, 'ready')).length).toBe(1);

    await send(page, { type: 'set', settings: { schedule: 'y'.repeat(1_000_000) } });
    await expect.poll(async () => (await ofType(page, 'notice')).length).toBe(1);
    const [long] = await ofType(page, 'notice');
    expect(long!.text!.length).toBeLessThan(200);
    expect(long!.text).toContain('…');

    // A million keys (t among them): refused whole, with a notice. The browser's own cost of
    // copying such a message across is measured first, with a message of a type the widget ignores.
    const sendMany = (type: string) =>
      page.evaluate((kind) => {
        const many: Record<string, number> = { t: 7 };
        for (let i = 0; i < 1_000_000; i++) many[`k${i}`] = i;
        (window as any).send(kind === 'set' ? { type: 'set', settings: many } : { type: kind, payload: many });
      }, type);
    await sendMany('unknown');
    const copying = await stepAnswer(page, 501);
    await sendMany('set');
    const ms = await stepAnswer(page, 502);
    console.log(`a million keys: ${Math.round(copying)} ms to answer after an ignored message, ${Math.round(ms)} ms after the set`);
    // Before: 5.4 s of work, and t = 7 applied (so t = 502 never came): the step answering 502 is
    // the check that the set was refused whole. How long the browser takes to copy the message is
    // logged, not asserted: a timing on a shared 2-core machine is a benchmark, not a test.
    expect((await ofType(page, 'notice')).map((e) => e.text)).toContainEqual(expect.stringContaining('keys was ignored'));
  });
});
