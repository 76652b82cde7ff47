import type { Page } from '@playwright/test';
import { DEFAULT_SESSION } from '../src/state/sessionDefaults';
import { expect, test } from './fixtures';

const stepOf = async (page: Page): Promise<number> => Number(await page.getByTestId('training-stats').getAttribute('data-step'));

async function open(page: Page): Promise<void> {
  await page.goto('./?chapter=05-training&backend=wasm');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 60_000 });
  // The pretrained default has loaded (it replaces the fresh weights once, at start).
  await expect(page.getByTestId('model-source')).toHaveAttribute('data-kind', 'pretrained', { timeout: 60_000 });
}

test('learning rate 1: training pauses by itself, says why, and the weights are finite', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  await page.evaluate((config) => (window as any).playground.client.configure(config), { ...DEFAULT_SESSION, learningRate: 1 });
  await page.getByRole('button', { name: 'Train' }).press('Enter');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('diverged', { timeout: 120_000 });
  await expect(notice).toContainText(/try 0\.1/);
  await expect(page.getByRole('button', { name: 'Train' })).toBeVisible();
  const allFinite = await page.evaluate(async () => {
    const { weights } = await (window as any).playground.client.exportWeights();
    return weights.every((w: { values: Float32Array }) => w.values.every((v) => Number.isFinite(v)));
  });
  expect(allFinite).toBe(true);
});

test('the worker killed mid-training: a new one resumes from the checkpoint without a reload', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  await page.getByRole('button', { name: 'Train' }).press('Enter');
  await expect.poll(() => stepOf(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(300);
  await page.evaluate(() => (window as any).playground.client.killWorker());
  const notice = page.getByTestId('notice');
  // First "…stopped responding; starting a new one…", then where the new one took over from.
  await expect(notice).toContainText('stopped responding', { timeout: 60_000 });
  await expect(notice).toContainText(/checkpoint at step (\d+)/, { timeout: 60_000 });
  const checkpoint = Number((await notice.textContent())!.match(/checkpoint at step (\d+)/)![1]);
  expect(checkpoint).toBeGreaterThanOrEqual(250);
  // training carries on past where it was, in the new worker
  await expect.poll(() => stepOf(page), { timeout: 60_000 }).toBeGreaterThan(checkpoint + 50);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('a malformed request gets an error naming the field, and the next valid request works', async ({ page }) => {
  await open(page);
  const error = await page.evaluate(async () => {
    try {
      await (window as any).playground.client.sendRaw({ type: 'train', runId: 1, action: 'sprint' });
      return null;
    } catch (e) {
      return { field: (e as { field?: string }).field, message: (e as Error).message };
    }
  });
  expect(error).toEqual({ field: 'action', message: expect.stringContaining('action must be one of start, pause, step') });
  const before = await stepOf(page);
  await page.evaluate(() => (window as any).playground.client.step(5));
  await expect.poll(() => stepOf(page)).toBe(before + 5);
});

test('an unknown ?backend= in a link is reported and the engine still starts on a working one', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./?chapter=05-training&backend=tpu');
  await expect(page.getByTestId('settings-notices')).toContainText('backend="tpu" is not one of auto, webgpu, webgl, wasm, cpu');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled({ timeout: 90_000 });
  await expect(page.getByTestId('backend')).toContainText('fastest in a warm-up');
});
