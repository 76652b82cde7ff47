/**
 * A chunk that failed to load may be a bad copy in the service worker's cache (a truncated or
 * corrupted entry), which a plain reload would serve again until the next deployment. Before the
 * reload, the page asks the service worker to drop its cached copies of the site's code, so the
 * reload fetches them from the network (Workbox re-caches what it fetches). Without a service
 * worker, or offline, it simply reloads.
 */
export const DROP_CACHED_CODE = 'DROP_CACHED_CODE';

/** Asks the controlling service worker to forget the cached code, waits for it (≤ 2 s), reloads. */
export async function reloadWithFreshCode(): Promise<void> {
  const sw = navigator.serviceWorker?.controller;
  if (sw) {
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      sw.postMessage({ type: DROP_CACHED_CODE }, [channel.port2]);
      setTimeout(resolve, 2000);
    });
  }
  window.location.reload();
}
