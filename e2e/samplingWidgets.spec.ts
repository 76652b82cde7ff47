/**
 * Chapter 6's sampling widgets against the real worker (WASM backend). Expected values come from
 * the equations: the linear schedule is rebuilt here by hand (β_t = linspace(10⁻⁴, 0.02)·1000/T).
 */
import type { Locator, Page } from '@playwright/test';
import { DEFAULT_SESSION } from '../src/state/sessionDefaults';
import { expect, test } from './fixtures';

/** β_t and ᾱ_t of the linear schedule for T steps, computed independently of the engine. */
function linearSchedule(T: number): { beta: (t: number) => number; alphaBar: (t: number) => number } {
  const s = 1000 / T;
  const beta = (t: number) => 1e-4 * s + ((t - 1) * (0.02 - 1e-4) * s) / (T - 1);
  return { beta, alphaBar: (t) => Array.from({ length: t }, (_, k) => 1 - beta(k + 1)).reduce((a, b) => a * b, 1) };
}

/**
 * Opens chapter 6 with an untrained model of T steps (batch 128, quick to train). T also goes in
 * the link, so the page's own start-up configures the same T; the pretrained default is for
 * T = 1000 only, so nothing replaces the fresh model afterwards.
 */
async function openChapter(page: Page, T: number): Promise<void> {
  await page.goto(`./?chapter=06-sampling&backend=wasm&T=${T}&batch=128`);
  const state = () => page.evaluate(() => (window as any).playground?.store.getState());
  await expect.poll(async () => (await state())?.status, { timeout: 90_000 }).toBe('ready');
  await page.evaluate((config) => (window as any).playground.client.configure(config), { ...DEFAULT_SESSION, T, batchSize: 128 });
  const { config, step } = await state();
  expect([config.T, step]).toEqual([T, 0]);
}

/** The (x, y) pairs shown on line `line` of the stepper (0-indexed). */
async function pairs(stepper: Locator, line: number): Promise<number[][]> {
  const text = (await stepper.locator(`[data-line="${line}"]`).textContent()) ?? '';
  return Array.from(text.matchAll(/\((-?[\d.]+), (-?[\d.]+)\)/g), (m) => [Number(m[1]), Number(m[2])]);
}

// Tall enough that each widget fits on screen: a screenshot of a taller element scrolls while it
// captures, and the chapter's lazily laid-out text (content-visibility) can move it meanwhile.
test.use({ viewport: { width: 1280, height: 1400 } });

const number = async (l: Locator): Promise<number> => Number(await l.textContent());

/**
 * Scrolls a widget into view, lets the chapter settle, then screenshots it. Chapter paragraphs use
 * content-visibility: auto, so scrolling lays out text near the widget and can move it; capturing
 * at once could photograph the spot where the widget used to be.
 */
async function shot(widget: Locator, name: string): Promise<void> {
  await widget.scrollIntoViewIfNeeded();
  await widget.page().waitForTimeout(300);
  await widget.scrollIntoViewIfNeeded();
  await widget.screenshot({ path: `test-results/screenshots/${name}.png` });
}

test('the reverse animation\'s and the comparison\'s knobs are their own, named so: hide= of the shared sampler, η and steps leaves them, controls=hidden hides them', async ({ page }) => {
  const LOAD = { timeout: 60_000 };
  const anim = page.getByTestId('reverse-animation');
  const versus = page.getByTestId('ddpm-vs-ddim');
  const own = () => [
    anim.getByRole('combobox', { name: 'sampler in this animation', exact: true }),
    versus.getByRole('slider', { name: 'DDIM η in this comparison', exact: true }),
    versus.getByRole('combobox', { name: 'DDIM steps in this comparison', exact: true }),
  ];
  await page.goto('./?chapter=06-sampling&backend=wasm');
  for (const knob of own()) await expect(knob).toBeVisible(LOAD);
  // No knob on the page borrows the names of the shared settings' controls (sampler, DDIM η, sampling steps).
  await expect(page.getByRole('combobox', { name: 'sampler', exact: true })).toHaveCount(0);
  await expect(page.getByRole('slider', { name: 'DDIM η', exact: true })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'DDIM steps', exact: true })).toHaveCount(0);
  // The animation's own choice: DDIM with its 50 steps, whatever the shared steps say.
  await page.goto('./?chapter=06-sampling&backend=wasm&hide=sampler,eta,steps&steps=7');
  for (const knob of own()) await expect(knob).toBeVisible(LOAD);
  await own()[0]!.selectOption('ddim');
  await expect(anim.getByTestId('reverse-status')).toHaveText('Press Play to run 50 reverse steps on 1000 points.');
  await page.goto('./?chapter=06-sampling&backend=wasm&controls=hidden');
  await expect(anim.getByTestId('trajectory-canvas')).toBeVisible(LOAD);
  await expect(versus.getByTestId('sampler-ddim')).toBeVisible(LOAD);
  for (const knob of own()) await expect(knob).toBeHidden();
});

test('Algorithm 2 steps by keyboard; μ and x_{t−1} follow eq. 4.9 and 6.1, and the last step adds no noise', async ({ page }) => {
  test.setTimeout(180_000);
  // T = 500: β_t = linspace(2·10⁻⁴, 0.04), and a shorter run down to t = 1.
  const T = 500;
  await openChapter(page, T);
  const { beta, alphaBar } = linearSchedule(T);
  const stepper = page.getByTestId('algorithm2-stepper');
  const next = stepper.getByTestId('algorithm2-next');
  await expect(next).toBeEnabled({ timeout: 30_000 });
  await expect(stepper.getByTestId('untrained-note')).toBeVisible();
  const current = stepper.locator('li[aria-current="step"]');
  const expectedLines = ['x_T ~ N(0, I)', 'for t = T', 'z ~ N(0, I)', 'ε_θ(xₜ, t)', 'μ = ', 'xₜ₋₁ = μ + σₜ z'];
  for (const text of expectedLines) {
    await next.press('Enter');
    await expect(current).toContainText(text);
  }
  // The first pass, at t = T with σ²_t = β_t.
  const [x, z, eps, mu, out] = [await pairs(stepper, 1), await pairs(stepper, 2), await pairs(stepper, 3), await pairs(stepper, 4), await pairs(stepper, 5)];
  expect(await pairs(stepper, 0)).toEqual(x); // x_T is where the loop starts
  const b = beta(T);
  const c = b / Math.sqrt(1 - alphaBar(T));
  expect(await number(stepper.getByTestId('sigma'))).toBeCloseTo(Math.sqrt(b), 4);
  for (let p = 0; p < 4; p++) {
    for (let k = 0; k < 2; k++) {
      // Values are shown to ±0.0005; these bounds allow for that rounding in every input.
      expect(Math.abs(mu[p]![k]! - (x[p]![k]! - c * eps[p]![k]!) / Math.sqrt(1 - b))).toBeLessThan(0.002);
      expect(Math.abs(out[p]![k]! - (mu[p]![k]! + Math.sqrt(b) * z[p]![k]!))).toBeLessThan(0.002);
    }
  }
  await next.press('Enter');
  await expect(stepper.getByTestId('current-t')).toHaveText(String(T - 1));
  expect(await pairs(stepper, 1)).toEqual(out); // x_{t−1} becomes the next x_t

  await stepper.getByRole('button', { name: 'Run to t = 1' }).click();
  await expect(stepper).toHaveAttribute('data-t', '1', { timeout: 120_000 });
  await expect(next).toBeEnabled();
  for (let k = 0; k < 5; k++) await next.press('Enter');
  await expect(current).toContainText('return x₀');
  await expect(stepper.locator('[data-line="2"]')).toHaveText('z = 0: the last step adds no noise');
  await expect(stepper.locator('[data-line="3"]')).toContainText('with t = 1');
  const [x1, eps1, mu1, x0] = [await pairs(stepper, 1), await pairs(stepper, 3), await pairs(stepper, 4), await pairs(stepper, 6)];
  expect(x0).toEqual(mu1); // x_0 = μ_θ(x_1, 1): nothing added
  expect(await pairs(stepper, 5)).toEqual(mu1);
  // At t = 1, ᾱ_1 = α_1 = 1 − β_1, so β_1/√(1 − ᾱ_1) = √β_1.
  const b1 = beta(1);
  for (let p = 0; p < 4; p++) {
    for (let k = 0; k < 2; k++) expect(Math.abs(x0[p]![k]! - (x1[p]![k]! - Math.sqrt(b1) * eps1[p]![k]!) / Math.sqrt(1 - b1))).toBeLessThan(0.0015);
  }
  await shot(stepper, 'algorithm2-stepper');
});

test('trained: streamed reverse run, both variances, DDPM vs DDIM, and the wrong last step', async ({ page }) => {
  test.setTimeout(540_000); // four full DDPM runs and 300 training steps on a shared 2-core machine
  // T = 200 keeps every full DDPM run short; β_1 = 5·10⁻⁴ then makes the wrong last step's shrink √β_1 ≈ 2.2%.
  const T = 200;
  await openChapter(page, T);
  await page.evaluate(() => (window as any).playground.client.step(300));
  await expect(page.getByTestId('variance-choice')).toContainText('Model after 300 training steps');

  // The reverse animation: frames of decreasing t, ending at t = 0, drawn on a non-blank canvas.
  const anim = page.getByTestId('reverse-animation');
  await page.evaluate(() => {
    const pg = (window as any).playground;
    (window as any).ts = [];
    pg.store.subscribe((s: any, prev: any) => s.traceFrame && s.traceFrame !== prev.traceFrame && (window as any).ts.push(s.traceFrame.t));
  });
  await anim.getByRole('button', { name: 'Play' }).click();
  await expect(anim).toHaveAttribute('data-phase', 'done', { timeout: 120_000 });
  const ts: number[] = await page.evaluate(() => (window as any).ts);
  expect(ts.length).toBeGreaterThan(3);
  expect(ts[0]).toBeLessThanOrEqual(T);
  for (let k = 1; k < ts.length; k++) expect(ts[k]).toBeLessThan(ts[k - 1]!);
  expect(ts.at(-1)).toBe(0);
  const canvas = anim.getByTestId('trajectory-canvas');
  await expect(canvas).toHaveAttribute('data-t', '0');
  await expect(canvas).toHaveAttribute('data-points', '1000');
  const inked = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let k = 3; k < d.length; k += 4) if (d[k]! > 0) n++;
    return n;
  });
  expect(inked).toBeGreaterThan(2000); // 1000 dots of 2.5 px and the paths
  await expect(anim).toContainText(`after ${T} steps`);

  // σ²_t = β_t and σ̃²_t: two clouds from the same seed, each with a finite ratio below noise's 1.
  const variance = page.getByTestId('variance-choice');
  await variance.getByRole('button', { name: 'Sample with both variances' }).click();
  await expect(variance.getByTestId('ed-ratio')).toHaveCount(2, { timeout: 120_000 });
  for (const id of ['variance-beta', 'variance-posterior']) {
    await expect(variance.getByTestId(id).locator('canvas')).toHaveAttribute('data-points', '1000');
    const ratio = await number(variance.getByTestId(id).getByTestId('ed-ratio'));
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(1);
  }

  // DDPM (T evaluations) beside DDIM with 20 steps and η = 0.5 (set with the keyboard).
  const versus = page.getByTestId('ddpm-vs-ddim');
  await versus.getByLabel('DDIM steps in this comparison').selectOption('20');
  const eta = versus.getByLabel('DDIM η in this comparison');
  for (let k = 0; k < 5; k++) await eta.press('ArrowRight');
  await expect(versus.getByText('0.5', { exact: true })).toBeVisible();
  await versus.getByRole('button', { name: 'Sample both' }).click();
  await expect(versus.getByTestId('ed-ratio')).toHaveCount(2, { timeout: 120_000 });
  const ddpm = versus.getByTestId('sampler-ddpm');
  const ddim = versus.getByTestId('sampler-ddim');
  await expect(ddpm.getByTestId('evaluations')).toHaveText(String(T));
  await expect(ddim.getByTestId('evaluations')).toHaveText('20');
  await expect(ddim).toContainText('η = 0.5');
  for (const panel of [ddpm, ddim]) {
    const ratio = await number(panel.getByTestId('ed-ratio'));
    expect(ratio).toBeGreaterThan(0);
    expect(ratio).toBeLessThan(1);
  }
  expect(await number(ddim.getByTestId('seconds'))).toBeLessThan(await number(ddpm.getByTestId('seconds')));

  // The last step from one x_1 with ε_θ(x_1, 1) and with ε_θ(x_1, T). At t = T the trained network
  // returns ε̂ ≈ √(1 − ᾱ_T)·x ≈ x, so x_0 ≈ (1 − √β_1)/√(1 − β_1)·x_1: a shrink by about √β_1.
  const wrong = page.getByTestId('wrong-last-step');
  await wrong.getByRole('button', { name: /Sample x₁/ }).click();
  await expect(wrong.getByTestId('mean-move')).toBeVisible({ timeout: 120_000 });
  const b1 = linearSchedule(T).beta(1);
  const scaleFor = (c: number) => (1 - c * Math.sqrt(b1)) / Math.sqrt(1 - b1);
  const scaleCorrect = await number(wrong.getByTestId('ending-correct').getByTestId('scale'));
  const scaleWrong = await number(wrong.getByTestId('ending-wrong').getByTestId('scale'));
  expect(scaleWrong).toBeGreaterThan(scaleFor(1.5)); // ε̂ ≈ c·x with c between 0.5 and 1.5
  expect(scaleWrong).toBeLessThan(scaleFor(0.5));
  expect(scaleCorrect).toBeGreaterThan(scaleWrong);
  const ratioCorrect = await number(wrong.getByTestId('ending-correct').getByTestId('ed-ratio'));
  const ratioWrong = await number(wrong.getByTestId('ending-wrong').getByTestId('ed-ratio'));
  expect(ratioCorrect).toBeLessThan(ratioWrong);
  const moveAtT = await number(wrong.getByTestId('mean-move'));
  await expect(wrong.locator('line[data-move]').first()).toBeVisible();
  // t = 2 is nearly right: the network's answer barely changes between t = 1 and t = 2.
  await wrong.getByLabel('wrong timestep fed to the network at the last step').selectOption('2');
  await expect(wrong.getByTestId('ending-wrong')).toContainText('ε_θ(x₁, 2)');
  await expect.poll(async () => number(wrong.getByTestId('mean-move')), { timeout: 10_000 }).toBeLessThan(moveAtT / 3);
  await wrong.getByLabel('wrong timestep fed to the network at the last step').selectOption(String(T));

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const id of ['reverse-animation', 'variance-choice', 'ddpm-vs-ddim', 'wrong-last-step']) {
      await shot(page.getByTestId(id), `${id}${scheme === 'dark' ? '-dark' : ''}`);
    }
  }
});
