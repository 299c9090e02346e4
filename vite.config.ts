import { fileURLToPath } from 'node:url';
import mdx from '@mdx-js/rollup';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { offlineWorker } from './src/offline/vite-plugin.ts';
import { prerenderHome } from './src/prerender/vite-plugin.ts';

export default defineConfig(({ mode }) => ({
  // Relative URLs, so the built app works from any folder: a server's root, or an LMS package's folder
  // (npm run package). Routes are in the hash, so the page's own path never changes.
  base: './',
  // The offline worker (src/offline/): not in an LMS package, which npm run package builds in its own mode.
  plugins: [{ enforce: 'pre', ...mdx() }, react(), prerenderHome(), offlineWorker(mode)],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Some tests lint or replay whole scenarios: on a busy 2-core machine they can pass 5 s (the default).
    testTimeout: 20_000,
  },
}));
