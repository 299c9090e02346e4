/*
 * Every scenario, played through the UI with the keyboard: its model attempt, event by event, with the
 * browser clock run to each event's time. The debrief must show the same score the engine gives the file,
 * so what the app records is what the attempt describes.
 */
import { expect, test } from '@playwright/test';
import { catalogue } from '../../scenarios/catalogue.ts';
import { parseAttempt } from '../../src/engine/attempt.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { activate, expectAxeClean } from './keyboard.ts';
import { playAttempt } from './play-attempt.ts';

for (const entry of catalogue) {
  test(`${entry.id}: the model attempt, played with the keyboard, reaches the debrief with its score`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const scenario = await entry.load();
    const model = parseAttempt(scenario.referenceAttempts.model);
    const expected = scoreAttempt(scenario, model);

    await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
    await page.goto('/');
    await activate(page, page.getByRole('link', { name: strings.ui.startScenario(entry.title) }));
    await expect(page.getByRole('heading', { name: strings.ui.mdx.contentNote })).toBeVisible();
    await page.clock.pauseAt(new Date('2026-11-23T09:00:05Z'));

    await playAttempt(page, scenario, model.events);
    await page.clock.resume();

    await expect(page.getByRole('heading', { name: strings.ui.debrief.heading(entry.title) })).toBeVisible();
    await expect(page.locator('.score')).toContainText(strings.ui.debrief.total(expected.total));
    await expect(page.locator('.score')).toContainText(strings.vocabulary.bands[expected.band]);
    await expectAxeClean(page, `${entry.id} debrief`);
  });
}
