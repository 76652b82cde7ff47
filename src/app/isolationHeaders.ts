/**
 * The two headers that make a page cross-origin isolated (so the engine's kernels can share
 * memory with a second thread; see src/engine/tf/simd/gemmThreads.ts). vite.config.ts sends them
 * in dev and preview; the service worker adds them to what it serves from its cache, for hosts
 * that cannot send headers (GitHub Pages), from the second visit on.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** The response with the isolation headers added (an opaque response, or one that has them, as it is). */
export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  const missing = Object.entries(ISOLATION_HEADERS).filter(([name]) => !response.headers.has(name));
  if (missing.length === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of missing) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
