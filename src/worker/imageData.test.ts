import { describe, expect, it } from 'vitest';
import { DIGIT_DIM } from '../engine/datasets/digits';
import { digitsBytes } from '../engine/datasets/digitsFixture';
import { fetchingLoader, ImageData } from './imageData';

/** A fetch that records the URLs asked for and answers from `answer`. */
function fakeFetch(answer: (url: string) => Response | Promise<Response>) {
  const urls: string[] = [];
  const fetcher = (async (input: RequestInfo | URL) => {
    urls.push(String(input));
    return answer(String(input));
  }) as typeof fetch;
  return { urls, fetcher };
}

describe('the image model data loader', () => {
  it('fetches data/*.bin against the page base, wherever the site lives (a subfolder, a query, the page file)', async () => {
    const cases: Array<[string, string]> = [
      ['https://example.org/course/diffusion/', 'https://example.org/course/diffusion/data/digits-8x8.bin'],
      ['https://example.org/course/diffusion/index.html?chapter=8#images', 'https://example.org/course/diffusion/data/digits-8x8.bin'],
      ['http://localhost:4211/', 'http://localhost:4211/data/digits-8x8.bin'],
    ];
    for (const [base, expected] of cases) {
      const { urls, fetcher } = fakeFetch(() => new Response(new Uint8Array([1, 2, 3])));
      const bytes = await fetchingLoader(() => base, fetcher)('digits');
      expect(urls).toEqual([expected]);
      expect(Array.from(new Uint8Array(bytes))).toEqual([1, 2, 3]);
    }
    const { urls, fetcher } = fakeFetch(() => new Response(new Uint8Array(1)));
    await fetchingLoader(() => 'https://example.org/a/b/', fetcher)('classifier');
    expect(urls).toEqual(['https://example.org/a/b/data/digit-classifier.bin']);
    // The pretrained default, beside the 2D ones (src/session/savedModels.ts fetches pretrained/<dataset>.bin against the same base).
    const pretrained = fakeFetch(() => new Response(new Uint8Array(1)));
    await fetchingLoader(() => 'https://example.org/a/b/', pretrained.fetcher)('pretrained');
    expect(pretrained.urls).toEqual(['https://example.org/a/b/pretrained/digits.bin']);
  });

  it('says which URL failed and how: an HTTP error, a network error, or no base from the page', async () => {
    const notFound = fakeFetch(() => new Response('no', { status: 404, statusText: 'Not Found' }));
    await expect(fetchingLoader(() => 'https://example.org/x/', notFound.fetcher)('digits')).rejects.toThrow(/https:\/\/example\.org\/x\/data\/digits-8x8\.bin.*404/);
    const offline = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(fetchingLoader(() => 'https://example.org/', offline.fetcher)('digits')).rejects.toThrow(/could not be fetched from https:\/\/example\.org\/data\/digits-8x8\.bin \(Failed to fetch\)/);
    const never = fakeFetch(() => new Response(''));
    await expect(fetchingLoader(() => null, never.fetcher)('digits')).rejects.toThrow(/did not tell the engine worker the site's address/);
    expect(never.urls).toEqual([]);
  });

  it('decodes each file once, and tries a failed one again on the next call', async () => {
    let calls = 0;
    const data = new ImageData(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return digitsBytes();
    });
    await expect(data.digits()).rejects.toThrow('offline');
    const set = await data.digits();
    expect(set.dim).toBe(DIGIT_DIM);
    expect(await data.digits()).toBe(set);
    expect(calls).toBe(2);
    // A foreign file is refused by the decoder, naming the file.
    await expect(new ImageData(async () => new ArrayBuffer(32)).digits()).rejects.toMatchObject({ param: 'digits file' });
  });
});
