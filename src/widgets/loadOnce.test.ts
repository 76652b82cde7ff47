import { describe, expect, it } from 'vitest';
import { loadOnce } from './loadOnce';

describe('loadOnce', () => {
  it('starts one load for any number of callers, and gives them all its result', async () => {
    let calls = 0;
    const load = loadOnce(async () => ++calls);
    const [a, b] = await Promise.all([load(), load()]);
    expect([a, b, await load(), calls]).toEqual([1, 1, 1, 1]);
  });

  it('keeps a failed load failed, marked for React.use, instead of starting another that would only suspend again', async () => {
    let calls = 0;
    const load = loadOnce(async () => {
      calls++;
      throw new Error('offline');
    });
    const first = load();
    await expect(first).rejects.toThrow('offline');
    expect(first).toMatchObject({ status: 'rejected', reason: new Error('offline') });
    expect(load()).toBe(first);
    expect(calls).toBe(1);
  });
});

describe('loadOnce marks what React.use reads', () => {
  it('has no status while loading, then status "fulfilled" and the value', async () => {
    let resolve!: (v: string) => void;
    const load = loadOnce(() => new Promise<string>((r) => (resolve = r)));
    const p = load();
    expect(p.status).toBeUndefined();
    resolve('tree');
    await p;
    expect(p).toMatchObject({ status: 'fulfilled', value: 'tree' });
  });
});
