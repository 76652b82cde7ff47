/**
 * The service worker (built by vite-plugin-pwa's injectManifest from this file; see
 * vite.config.ts). All the caching is Workbox's: precache every file of the build (the list is
 * injected at build time as self.__WB_MANIFEST), serve them cache-first, drop caches of older
 * deployments, and answer every navigation (`./?chapter=…`, `./?embed=…`) with the cached
 * index.html, so the site opens with no network after one visit.
 */
import { cacheNames, clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { withIsolationHeaders } from './isolationHeaders';
import { DROP_CACHED_CODE } from './repairCachedCode';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

// A new deployment waits until the reader agrees to reload (registerServiceWorker.ts asks), so a
// lecture is never reloaded mid-training; the first install takes control at once.
self.addEventListener('message', (event) => {
  const type = (event.data as { type?: string } | null)?.type;
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  // A chunk failed to load in the page (repairCachedCode.ts): forget the cached scripts, so the
  // reload fetches them afresh instead of the same possibly broken copy; the precache route falls
  // back to the network on a miss and caches what it gets.
  if (type === DROP_CACHED_CODE) event.waitUntil(dropCachedScripts().then(() => event.ports[0]?.postMessage('done')));
});

async function dropCachedScripts(): Promise<void> {
  const cache = await caches.open(cacheNames.precache);
  for (const request of await cache.keys()) if (new URL(request.url).pathname.endsWith('.js')) await cache.delete(request);
}
clientsClaim();
cleanupOutdatedCaches();
// Everything served from the cache carries the cross-origin isolation headers, also where the
// host did not send them: the page and its workers then get the engine's second thread.
addPlugins([{ handlerWillRespond: async ({ response }) => withIsolationHeaders(response) }]);
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
