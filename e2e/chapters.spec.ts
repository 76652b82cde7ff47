import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const contentDir = fileURLToPath(new URL('../content', import.meta.url));
const slugs = readdirSync(contentDir)
  .filter((f) => /^\d\d-.+\.md$/.test(f))
  .map((f) => f.replace(/\.md$/, ''));
const hasMath = (slug: string): boolean => readFileSync(`${contentDir}/${slug}.md`, 'utf8').includes('$');
const shot = (name: string) => fileURLToPath(new URL(`../test-results/screenshots/${name}.png`, import.meta.url));

test.describe('chapters', () => {
  for (const slug of slugs) {
    test(`${slug} renders its math and widgets with no console error`, async ({ page }) => {
      test.setTimeout(90_000); // the later chapters load a dozen widgets and the engine
      await page.goto(`./?chapter=${slug}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (hasMath(slug)) await expect(page.locator('.katex').first()).toBeVisible();
      expect(await page.locator('.katex-error').count()).toBe(0);
      const live = page.locator('figure.widget[data-widget-state="live"]');
      for (const widget of await live.all()) await expect(widget.locator('.widget-loading')).toHaveCount(0, { timeout: 20_000 });
      await expect(page.getByRole('navigation', { name: 'Chapters' }).locator('[aria-current="page"]')).toHaveAttribute('href', new RegExp(`chapter=${slug}`));
      await page.screenshot({ path: shot(`chapter-${slug}`), fullPage: true });
    });
  }

  test('the chapter list navigates without a reload, and Back returns', async ({ page }) => {
    await page.goto('./');
    const first = await page.getByRole('heading', { level: 1 }).textContent();
    await page.evaluate(() => ((window as any).marker = 1));
    await page.getByRole('navigation', { name: 'Chapters' }).getByRole('link').nth(2).click();
    await expect(page).toHaveURL(/chapter=03-/);
    expect(await page.evaluate(() => (window as any).marker)).toBe(1); // same document
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(first!);
  });

  test('a chapter whose text fails to download says so in its place, with a reload; the page around it stays', async ({ page, problems }) => {
    await page.route(/\/assets\/03-forward-process-[\w-]+\.js$/, (route) => route.abort('internetdisconnected'));
    await page.goto('./?chapter=03-forward-process');
    const failure = page.locator('main').getByRole('alert');
    await expect(failure).toContainText('Could not load this chapter');
    await expect(page.getByRole('navigation', { name: 'Chapters' })).toBeVisible();
    await page.unroute(/\/assets\/03-forward-process-[\w-]+\.js$/);
    await failure.getByRole('button', { name: 'reload the page' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('The forward process');
    await expect(page.locator('.katex').first()).toBeVisible();
    // The failed download and React's report of the caught error are what this test provoked.
    const provoked = problems.filter((p) => /03-forward-process|ERR_INTERNET_DISCONNECTED|dynamically imported module|LoadFailure/.test(p));
    expect(provoked.length).toBeGreaterThan(0);
    problems.splice(0, problems.length, ...problems.filter((p) => !provoked.includes(p)));
  });

  test('an unknown chapter in the link shows a notice and the first chapter', async ({ page }) => {
    await page.goto('./?chapter=99-nope');
    await expect(page.getByRole('status')).toContainText('There is no chapter');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});

test.describe('prerequisite and forward-process widgets', () => {
  test('the Gaussian peak follows σ: 1/√(2πσ²)', async ({ page }) => {
    await page.goto('./?chapter=02-prerequisites');
    const widget = page.getByTestId('gaussian-density');
    await expect(widget.getByTestId('peak')).toHaveText((1 / Math.sqrt(2 * Math.PI)).toFixed(3));
    await widget.getByLabel('std σ').fill('2');
    await expect(widget.getByTestId('peak')).toHaveText((1 / Math.sqrt(2 * Math.PI * 4)).toFixed(3));
  });

  test('the Monte-Carlo KL estimate agrees with the closed form', async ({ page }) => {
    await page.goto('./?chapter=02-prerequisites');
    const widget = page.getByTestId('kl-gaussians');
    // defaults: p = N(0, 1), q = N(1, 1.5²): KL = log 1.5 + (1 + 1)/(2·2.25) − 1/2
    const exact = Math.log(1.5) + 2 / 4.5 - 0.5;
    await expect(widget.getByTestId('kl-exact')).toHaveText(exact.toFixed(4));
    const mc = Number(await widget.getByTestId('kl-mc').textContent());
    expect(Math.abs(mc - exact)).toBeLessThan(0.05);
  });

  test('scrubbing t to T leaves ᾱ_T below 1e-3 and the scatter redrawn', async ({ page }) => {
    await page.goto('./?chapter=03-forward-process&t=0'); // t from the link: the data itself
    const widget = page.getByTestId('forward-scrubber');
    await expect(widget.getByTestId('alpha-bar')).toHaveText('1.000');
    await widget.getByLabel('timestep t').fill('1000');
    expect(Number(await widget.getByTestId('alpha-bar').textContent())).toBeLessThan(1e-3);
    await expect(widget.locator('canvas')).toHaveAttribute('data-points', '1500');
    await widget.screenshot({ path: shot('forward-scrubber-t1000') });
  });

  test('the posterior widget shows σ̃_t from eq. 3.6: the reference σ̃²[487] = 0.00979157 at t = 488', async ({ page }) => {
    await page.goto('./?chapter=04-reverse-process');
    const widget = page.getByTestId('posterior-ellipse');
    await widget.getByLabel('timestep t').fill('488');
    await expect(widget.getByTestId('posterior-sd')).toHaveText(Math.sqrt(0.00979157).toFixed(4));
    await widget.screenshot({ path: shot('posterior-ellipse') });
  });

  test('the overview animation can be paused from the keyboard', async ({ page }) => {
    await page.goto('./?chapter=01-overview');
    const widget = page.getByTestId('data-noise-animation');
    const button = widget.getByRole('button', { name: 'Pause' });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(widget.getByRole('button', { name: 'Play' })).toBeVisible();
    const t = await widget.getByTestId('anim-t').textContent();
    await page.waitForTimeout(300);
    await expect(widget.getByTestId('anim-t')).toHaveText(t!);
  });
});
