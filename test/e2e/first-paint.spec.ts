/*
 * The built index.html carries the home screen (src/prerender/), so it paints before the bundle runs.
 * Each test holds the entry script back to look at the page as it is first painted, then lets it run:
 * on the home route React must adopt that markup without a hydration error; opened at any other screen,
 * the home must never be shown.
 */
import { expect, test, type Page } from '@playwright/test';
import { catalogue } from '../../scenarios/catalogue.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { expectAxeClean } from './keyboard.ts';

/** Holds the app's entry chunk until the returned function is called. */
async function holdEntryScript(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** Console errors and uncaught errors, where React reports a hydration mismatch. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('the home screen is in the page before its script runs, and React adopts it as it is', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const release = await holdEntryScript(page);
  await page.goto('/', { waitUntil: 'commit' });
  const title = page.getByRole('heading', { level: 1, name: strings.appName });
  await expect(title).toBeVisible();
  await expect(page.getByRole('link', { name: /^Take the call: / })).toHaveCount(catalogue.length);
  await expect(page.getByRole('status')).toHaveText(strings.ui.loadingAttempts);
  await expectAxeClean(page, 'prerendered home');
  // Marks the painted heading: hydration keeps this node; rendering afresh would replace it.
  await title.evaluate((h1) => h1.setAttribute('data-painted', ''));

  release();
  await expect(page.getByText(strings.ui.noAttempts)).toBeVisible();
  await expect(page.locator('h1[data-painted]')).toHaveText(strings.appName);
  const name = page.getByRole('textbox', { name: strings.ui.traineeName });
  await name.fill('PC 4021 Ash');
  await page.reload();
  await expect(page.getByText(strings.ui.noAttempts)).toBeVisible();
  await expect(name).toHaveValue('PC 4021 Ash');
  expect(errors).toEqual([]);
});

test('opened at another screen, the page does not show the prerendered home while the script loads', async ({
  page,
}) => {
  const errors = collectErrors(page);
  const release = await holdEntryScript(page);
  await page.goto('/#/supervise', { waitUntil: 'commit' });
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('h1')).toBeHidden();
  release();
  await expect(page.getByRole('heading', { level: 1, name: strings.ui.supervise.heading })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  expect(errors).toEqual([]);
});
