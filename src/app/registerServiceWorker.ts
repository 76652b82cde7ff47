/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker that vite-plugin-pwa generates at build time (see vite.config.ts),
 * so the site keeps working offline after the first visit. In `npm run dev` the plugin's virtual
 * module is a no-op and nothing is registered. A newly deployed version waits: the page says one
 * is ready and reloads into it only when the reader clicks (never in the middle of a lecture).
 */
import { registerSW } from 'virtual:pwa-register';
import { runStore } from '../state/runStore';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      runStore.setState({ update: () => void update(true) });
    },
    onRegisterError(error: unknown) {
      // Offline use is a bonus: the page works without it, so this is a warning, not an error.
      console.warn('The offline copy could not be set up:', error);
    },
  });
}
