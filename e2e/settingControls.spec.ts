/**
 * Issue 13, items 2 and 3: a control for every setting, what the engine runs after a change made
 * on the page (read back from the worker with `describe`, not from the page's store), hiding
 * chosen controls from a link, and a link's settings shown in the controls.
 */
import type { Locator, Page } from '@playwright/test';
import { CONTROL_KEYS, DEFAULT_SETTINGS, SETTINGS_TABLE, type SettingKey } from '../src/state/settingsTable';
import { BAR_KEYS } from '../src/widgets/controls/settingGroups';
import { expect, test } from './fixtures';

const LOAD = { timeout: 60_000 };
test.describe.configure({ timeout: 180_000 });

type AnyRow = { kind: string; label: string; min?: number; max?: number; default: number | string; options?: readonly string[] };
const rowOf = (key: SettingKey): AnyRow => SETTINGS_TABLE[key] as AnyRow;
const isSeed = (key: SettingKey): boolean => key === 'seed' || rowOf(key).kind === 'seed';

/** The control(s) a setting's row calls for, found by role and the row's label. */
function controlsOf(scope: Page | Locator, key: SettingKey): Locator[] {
  const row = rowOf(key);
  const name = { name: row.label, exact: true };
  if (isSeed(key)) return [scope.getByRole('spinbutton', name)];
  if (row.kind === 'enum') return [scope.getByRole('combobox', name)];
  return [scope.getByRole('slider', name), scope.getByRole('spinbutton', name)];
}

const panel = (page: Page): Locator => page.locator('figure.widget[data-widget-id="train-panel"]');

/** The worker's own account of what it runs. */
const describeEngine = (page: Page) => page.evaluate(() => (window as any).playground.client.describe());

async function openTraining(page: Page, query = ''): Promise<void> {
  await page.goto(`./?chapter=05-training&backend=wasm${query}`);
  await expect(panel(page).getByTestId('settings-bar')).toBeVisible(LOAD);
  await expect.poll(() => page.evaluate(() => {
    const s = (window as any).playground?.store.getState();
    return s?.status === 'ready' && !s.modelLoading;
  }), LOAD).toBe(true);
}

/** Types a value into a setting's entry and presses Enter. */
async function typeInto(page: Page, key: SettingKey, value: string): Promise<void> {
  const entry = panel(page).getByRole('spinbutton', { name: rowOf(key).label, exact: true });
  await entry.fill(value);
  await entry.press('Enter');
}

test('every setting that has a control has one, named by its row\'s label', async ({ page }) => {
  await openTraining(page);
  const elsewhere = CONTROL_KEYS.filter((k) => !BAR_KEYS.includes(k));
  for (const key of BAR_KEYS) {
    for (const control of controlsOf(panel(page), key)) await expect(control, key).toBeVisible();
  }
  for (const key of BAR_KEYS.filter(isSeed)) await expect(panel(page).getByRole('button', { name: 'New seed' })).toBeVisible();
  // The rest (the timestep t) belong to the pictures of chapter 3.
  expect(elsewhere).toEqual(['t']);
  await page.goto('./?chapter=03-forward-process');
  await expect(page.getByTestId('forward-scrubber').getByRole('slider', { name: rowOf('t').label })).toBeVisible(LOAD);
});

test('lr, batch, width, depth, seed, sampler, η and steps changed on the page are what the engine runs', async ({ page }) => {
  await openTraining(page);
  const before = await describeEngine(page);
  expect(before.config).toMatchObject({ learningRate: DEFAULT_SETTINGS.lr, batchSize: DEFAULT_SETTINGS.batch, width: DEFAULT_SETTINGS.width, depth: DEFAULT_SETTINGS.depth });

  // Depth by the slider and the keyboard (one whole number per arrow press); the others typed.
  const depth = panel(page).getByRole('slider', { name: rowOf('depth').label, exact: true });
  await depth.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(depth).toHaveAttribute('aria-valuetext', String(DEFAULT_SETTINGS.depth - 1));
  await typeInto(page, 'lr', '0.005');
  await typeInto(page, 'batch', '128');
  await typeInto(page, 'width', '64');
  await typeInto(page, 'seed', '7');
  await expect.poll(async () => (await describeEngine(page)).config, LOAD).toMatchObject({ learningRate: 0.005, batchSize: 128, width: 64, depth: DEFAULT_SETTINGS.depth - 1, seed: 7 });

  // A bad entry is refused beside the control, and the engine keeps the value it had.
  await typeInto(page, 'batch', '5000');
  const batchControl = panel(page).locator('[data-setting="batch"]');
  await expect(batchControl.getByTestId('setting-problem')).toHaveText(/“5000” is not an integer in \[16, 2048\]; kept 128/);
  await expect(batchControl.getByRole('spinbutton')).toHaveValue('128');

  // DDPM: η is disabled and says why; the Sample button names what it will run.
  const sampler = panel(page).getByRole('combobox', { name: rowOf('sampler').label, exact: true });
  await sampler.selectOption('ddpm');
  await expect(panel(page).getByRole('slider', { name: rowOf('eta').label, exact: true })).toBeDisabled();
  await expect(panel(page).locator('[data-setting="eta"]')).toContainText('only DDIM uses η');
  await typeInto(page, 'steps', '10');
  const sample = panel(page).getByRole('button', { name: /^Sample 1000 points/ });
  await expect(sample).toHaveText('Sample 1000 points (DDPM, 10 steps)');
  await expect(sample).toBeEnabled(LOAD);
  await sample.click();
  await expect.poll(async () => (await describeEngine(page)).lastSampling, LOAD).toMatchObject({ method: 'ddpm', steps: 10, n: 1000 });

  await sampler.selectOption('ddim');
  await typeInto(page, 'eta', '0.5');
  await typeInto(page, 'steps', '20');
  await expect(sample).toHaveText('Sample 1000 points (DDIM, 20 steps, η = 0.5)', LOAD);
  await sample.click();
  await expect.poll(async () => (await describeEngine(page)).lastSampling, LOAD).toMatchObject({ method: 'ddim', steps: 20, eta: 0.5 });
  await expect(panel(page).locator('canvas.point-cloud')).toHaveAttribute('aria-label', 'Samples from the trained model (DDIM, 20 steps, η = 0.5)', LOAD);
});

test('hide=lr,batch,seed hides exactly those controls, wherever they are, and the Embed dialog writes hide=', async ({ page }) => {
  const hidden: SettingKey[] = ['lr', 'batch', 'seed'];
  await openTraining(page, `&hide=${hidden.join(',')}`);
  for (const key of BAR_KEYS) {
    for (const control of controlsOf(page, key)) {
      if (hidden.includes(key)) await expect(control, key).toHaveCount(0);
      else await expect(control.first(), key).toBeVisible();
    }
  }
  await expect(page.getByRole('button', { name: 'New seed' })).toHaveCount(0);
  await expect(page.locator('figure[data-widget-id="loss-curve"]').getByRole('slider')).toHaveCount(0);

  // Embed offers a checkbox per control the panel shows; ticking one more adds it to hide=.
  const figure = panel(page);
  await figure.getByRole('button', { name: 'Embed' }).click();
  const dialog = figure.getByRole('group', { name: 'Embed this widget' });
  for (const key of hidden) await expect(dialog.getByRole('checkbox', { name: rowOf(key).label, exact: true })).toBeChecked();
  await dialog.getByRole('checkbox', { name: rowOf('width').label, exact: true }).check();
  const src = (await dialog.getByTestId('embed-snippet').inputValue()).match(/src="([^"]+)"/)![1]!.replace(/&amp;/g, '&');
  expect(new URL(src).searchParams.get('hide')!.split(',').sort()).toEqual(['batch', 'lr', 'seed', 'width']);
  await page.goto(src);
  await expect(page.getByTestId('settings-bar')).toBeVisible(LOAD);
  await expect(page.getByRole('slider', { name: rowOf('width').label, exact: true })).toHaveCount(0);
  await expect(page.getByRole('slider', { name: rowOf('depth').label, exact: true })).toBeVisible();
});

/** A value of `key` other than its default, inside its row. */
function nonDefault(key: SettingKey): string {
  const row = rowOf(key);
  if (key === 'backend') return 'wasm'; // a GPU backend on this headless machine is slow to start
  if (row.options) return row.options[(row.options.indexOf(row.default as string) + 1) % row.options.length]!;
  const d = row.default as number;
  if (row.kind === 'int' || row.kind === 'seed') return String(d + 1 <= row.max! ? d + 1 : d - 1);
  return String(d > 0 && 2 * d <= row.max! ? 2 * d : (row.min! + row.max!) / 2);
}

test('a link with every setting changed shows those values in the controls', async ({ page }) => {
  const values = Object.fromEntries(BAR_KEYS.map((k) => [k, nonDefault(k)]));
  for (const [k, v] of Object.entries(values)) expect(v, k).not.toBe(String(DEFAULT_SETTINGS[k as SettingKey]));
  await page.goto(`./?chapter=05-training&${new URLSearchParams(values).toString()}`);
  await expect(panel(page).getByTestId('settings-bar')).toBeVisible(LOAD);
  for (const key of BAR_KEYS) {
    const controls = controlsOf(panel(page), key);
    const entry = controls.at(-1)!;
    await expect(entry, key).toHaveValue(values[key]!);
    if (controls.length === 2) await expect(controls[0]!, key).toHaveAttribute('aria-valuetext', values[key]!);
  }
  expect(await page.evaluate(() => new URLSearchParams(window.location.search).get('T'))).toBe(values.T);
});

const widget = (page: Page, id: string): Locator => page.locator(`figure.widget[data-widget-id="${id}"]`);
const urlParam = (page: Page, key: string) => page.evaluate((k) => new URLSearchParams(window.location.search).get(k), key);

test('the pictures\' own knobs for T and the schedule are those settings: one change moves them all, and hide= hides them', async ({ page }) => {
  const T = rowOf('T').label;
  const schedule = rowOf('schedule').label;
  await page.goto('./?chapter=03-forward-process');
  const chart = page.getByTestId('schedule-chart');
  const chain = page.getByTestId('closed-form-vs-chain');
  const scrubber = page.getByTestId('forward-scrubber');
  await expect(chart.getByRole('spinbutton', { name: T, exact: true })).toBeVisible(LOAD);
  await expect(chain).toBeVisible(LOAD);
  // The chain widget's schedule is the shared one: picked there, the forward scrubber and the link follow.
  await chain.getByRole('combobox', { name: schedule, exact: true }).selectOption('cosine');
  await expect(scrubber.getByRole('combobox', { name: schedule, exact: true })).toHaveValue('cosine');
  expect(await urlParam(page, 'schedule')).toBe('cosine');
  // The chart's T is the shared T: the chain's closed-form curve is redrawn over the new T as well.
  const entry = chart.getByRole('spinbutton', { name: T, exact: true });
  await entry.fill('200');
  await entry.press('Enter');
  await expect(chart.locator('path[data-kind="linear"]').first()).toHaveAttribute('data-points', '200');
  await expect(chain.locator('path[data-kind="closed-var"]')).toHaveAttribute('data-points', '200');
  await expect(chain.locator('path[data-kind="chain-var"]')).toHaveAttribute('data-points', '200');
  expect(await urlParam(page, 'T')).toBe('200');

  await page.goto('./?chapter=03-forward-process&hide=T,schedule');
  await expect(chart.getByRole('button', { name: 'cosine' })).toBeVisible(LOAD); // the chart is drawn
  await expect(chain.getByRole('slider', { name: 'starting value x₀' })).toBeVisible(LOAD);
  await expect(scrubber.getByRole('combobox', { name: rowOf('dataset').label, exact: true })).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: T, exact: true })).toHaveCount(0);
  await expect(page.getByRole('slider', { name: T, exact: true })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: schedule, exact: true })).toHaveCount(0);
});

test('presenting a widget keeps its own setting controls, working, and hide= still hides the named ones', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // The loss curve's WidgetSettings (lr and batch), with batch hidden by the link.
  await page.goto('./?chapter=05-training&backend=wasm&hide=batch');
  const loss = widget(page, 'loss-curve');
  const lr = loss.getByRole('spinbutton', { name: rowOf('lr').label, exact: true });
  await expect(lr).toBeVisible(LOAD);
  await loss.getByRole('button', { name: 'Present full screen' }).press('Enter');
  await expect(loss).toHaveClass(/is-presenting/);
  await expect(lr).toBeVisible();
  await expect(loss.getByRole('slider', { name: rowOf('lr').label, exact: true })).toBeVisible();
  await expect(loss.getByRole('spinbutton', { name: rowOf('batch').label, exact: true })).toHaveCount(0);
  await lr.fill('0.005');
  await lr.press('Enter');
  await expect.poll(() => urlParam(page, 'lr')).toBe('0.005');
  await page.keyboard.press('Escape');
  await expect(loss).not.toHaveClass(/is-presenting/);

  // The schedule chart's T, presented, with the link hiding the dataset: T shows and redraws the chart.
  await page.goto('./?chapter=03-forward-process&hide=dataset');
  const figure = widget(page, 'schedule-compare');
  const T = figure.getByRole('spinbutton', { name: rowOf('T').label, exact: true });
  await expect(T).toBeVisible(LOAD);
  await figure.getByRole('button', { name: 'Present full screen' }).press('Enter');
  await expect(figure).toHaveClass(/is-presenting/);
  await T.fill('300');
  await T.press('Enter');
  await expect(figure.locator('path[data-kind="cosine"]').first()).toHaveAttribute('data-points', '300');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('combobox', { name: rowOf('dataset').label, exact: true })).toHaveCount(0);
});
