import { describe, expect, it } from 'vitest';
import { sharedUntilFailed } from './sharedUntilFailed';

describe('sharedUntilFailed', () => {
  it('builds once for every caller while the build succeeds', async () => {
    let builds = 0;
    const get = sharedUntilFailed(async () => ++builds);
    const [a, b] = await Promise.all([get(), get()]);
    expect([a, b, await get(), builds]).toEqual([1, 1, 1, 1]);
  });

  it('forgets a failed build, so the next call tries again', async () => {
    let builds = 0;
    const get = sharedUntilFailed(async () => {
      builds++;
      if (builds === 1) throw new Error('offline');
      return 'yardstick';
    });
    await expect(get()).rejects.toThrow('offline');
    expect(await get()).toBe('yardstick');
    expect(await get()).toBe('yardstick');
    expect(builds).toBe(2);
  });
});
