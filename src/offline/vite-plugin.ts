/*
 * The offline worker, written at build time by vite-plugin-pwa (Workbox's generateSW): a service worker
 * that precaches the app shell and every scenario's Opus sound and captions (worker-files.ts says which),
 * so a trainee who has loaded the app once plays any scenario with the network gone.
 *
 * - The app registers it itself (src/ui/offline/), outside an LMS only; nothing is injected into
 *   index.html, and an LMS package's build (mode LMS_PACKAGE_MODE) has no worker at all.
 * - It takes the page that installed it (clientsClaim), so the chunks a first visit has not loaded yet
 *   come from the cache too. A newer build's worker waits until every tab of the app is closed (no
 *   skipWaiting): a page never has its chunks swapped for another build's in the middle of a call.
 * - No navigation fallback: every route is in the hash, so the only page is index.html, and a worker
 *   answering other paths with it could shadow another site's pages under the same folder.
 * - A file too big to precache fails the build instead of being silently left out.
 */
import type { PluginOption } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { LMS_PACKAGE_MODE, PRECACHE_GLOBS, RUNTIME_SOUND_CACHE, WORKER_FILE } from './worker-files.ts';

export function offlineWorker(mode: string): PluginOption {
  return VitePWA({
    disable: mode === LMS_PACKAGE_MODE,
    strategies: 'generateSW',
    filename: WORKER_FILE,
    injectRegister: false,
    manifest: false,
    workbox: {
      globPatterns: PRECACHE_GLOBS,
      navigateFallback: null,
      clientsClaim: true,
      skipWaiting: false,
      cleanupOutdatedCaches: true,
      // One file: nothing for the worker to fetch besides what it precaches.
      inlineWorkboxRuntime: true,
      sourcemap: false,
      runtimeCaching: [
        {
          urlPattern: /\.mp3$/,
          handler: 'CacheFirst',
          options: { cacheName: RUNTIME_SOUND_CACHE, cacheableResponse: { statuses: [200] } },
        },
      ],
    },
  });
}
