import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/setup/chromium.ts';

/** E2E_PORT lets two runs (a local one and a clean-clone CI one) share a machine. */
const port = Number(process.env.E2E_PORT ?? 4317);

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two at a time, each test in its own browser context: the calls mostly wait on real time (the caller's
  // lines), so two share a 2-core machine well. Measured on a loaded machine: 13.9 min one at a time,
  // 10.0 min two at a time, all passing.
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // The built app registers an offline worker that downloads every scenario's sound: only the offline
    // spec lets it (test.use), so the other specs load what they play and no more.
    serviceWorkers: 'block',
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
  webServer: {
    command: `node_modules/.bin/vite preview --strictPort --port ${port} --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
