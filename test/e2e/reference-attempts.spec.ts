/*
 * Every scenario, played through the UI with the keyboard: its model attempt, event by event, with the
 * browser clock run to each event's time. The debrief must show the same score the engine gives the file,
 * so what the app records is what the attempt describes. The debrief's real call says what the sources
 * report of it and what was added to complete the replay.
 */
import { expect, test } from '@playwright/test';
import { catalogue } from '../../scenarios/catalogue.ts';
import { parseAttempt } from '../../src/engine/attempt.ts';
import { unassessedFor } from '../../src/scoring/provenance.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { activate, expectAxeClean } from './keyboard.ts';
import { actionLines, pauseClockSoon, playAttempt, recordedActions } from './play-attempt.ts';

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
    await pauseClockSoon(page);

    await playAttempt(page, scenario, model.events);
    await page.clock.resume();

    await expect(page.getByRole('heading', { name: strings.ui.debrief.heading(entry.title) })).toBeVisible();
    // Recorded as the file has it, action for action, so the debrief must give the file's score.
    expect(await recordedActions(page)).toEqual(actionLines(model.events));
    await expect(page.locator('.score')).toContainText(strings.ui.debrief.total(expected.total));
    await expect(page.locator('.score')).toContainText(strings.vocabulary.bands[expected.band]);

    const d = strings.ui.debrief;
    const historical = parseAttempt(scenario.referenceAttempts.historical);
    const unreported = Object.values(unassessedFor(historical, scenario.answerKey).dimensions);
    const comparison = page.locator('table.comparison');
    if (unreported.length > 0) {
      await expect(comparison.getByText(d.notReported).first()).toBeVisible();
      for (const why of unreported) await expect(page.locator('dl.unreported')).toContainText(why);
    } else {
      await expect(comparison.getByText(d.notReported)).toHaveCount(0);
    }
    await activate(page, page.getByText(d.timelineHeading));
    const realCall = page.locator('.timelines > div').filter({ hasText: d.realTimeline });
    const provenances = historical.events.flatMap((event) => (event.provenance ? [event.provenance] : []));
    await expect(realCall.locator('.provenance.reported')).toHaveCount(
      provenances.filter((p) => 'reported' in p).length,
    );
    await expect(realCall.locator('.provenance.added')).toHaveCount(
      provenances.filter((p) => 'added' in p).length,
    );
    const firstAdded = provenances.find((p) => 'added' in p);
    if (firstAdded && 'added' in firstAdded)
      await expect(realCall.locator('.provenance.added').first()).toHaveText(d.added(firstAdded.added));
    if (entry.id === 'ltl41-03')
      await page
        .locator('section[aria-labelledby="comparison-heading"]')
        .screenshot({ path: test.info().outputPath('real-call.png') });
    await expectAxeClean(page, `${entry.id} debrief`);
  });
}
