/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker that vite-plugin-pwa generates at build time (see vite.config.ts),
 * so the site keeps working offline after the first visit. In `npm run dev` the plugin's virtual
 * module is a no-op and nothing is registered. With autoUpdate, a newly deployed version takes
 * over at once and the page reloads into it (an old page would ask for files the new deployment
 * no longer has).
 */
import { registerSW } from 'virtual:pwa-register';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({
    immediate: true,
    onRegisterError(error: unknown) {
      // Offline use is a bonus: the page works without it, so this is a warning, not an error.
      console.warn('The offline copy could not be set up:', error);
    },
  });
}
