/**
 * Debian's Chromium, as the end-to-end tests and the benchmark launch it. Playwright's own browser
 * downloads do not work on these machines; without the background-networking flags Chromium's
 * connections are refused by the closed network at every start.
 */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
