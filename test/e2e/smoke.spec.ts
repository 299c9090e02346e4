import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the home page renders and is axe-clean', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Control Room Trainer');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
});
