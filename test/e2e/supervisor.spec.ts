/*
 * A supervisor's session in Chromium, with the keyboard: import a bundle (and have a broken one refused
 * without loss), open an attempt, scrub its replay to a finding, moderate a mark with a reason (and see it
 * in the trainee's debrief), print the trainee's report, mark blind for calibration, and fork a what-if.
 * Every screen is checked with axe.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SUPPORT_TOPICS } from '../../machines/vocabulary.ts';
import { findScenario, loadScenarioVersion } from '../../scenarios/catalogue.ts';
import { SIGNPOSTING } from '../../scenarios/signposting.ts';
import { parseAttempt } from '../../src/engine/attempt.ts';
import { ReplayTimeline } from '../../src/engine/timeline.ts';
import { scoreCall } from '../../src/scoring/score.ts';
import { unassessedFor } from '../../src/scoring/provenance.ts';
import { scoreAttempt, scoreEvents } from '../../src/scoring/score-attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { renderFinding } from '../../src/strings/findings.ts';
import { packAttempts, type Bundle } from '../../src/supervision/bundle.ts';
import { findingMoments } from '../../src/supervision/finding-moments.ts';
import { moderateReport } from '../../src/supervision/moderation.ts';
import { stopwatch } from '../../src/ui/console/time.ts';
import { activate, choose, expectAxeClean, tabTo, typeInto, typeNumber } from './keyboard.ts';
import { moderateMark } from './moderate.ts';

const s = strings.ui.supervise;
const r = strings.ui.review;

test('a supervisor imports a bundle, replays an attempt to a finding, moderates it, prints the report and forks a what-if', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const banging = await findScenario('ltl41-02')?.load();
  const walked = await findScenario('ltl41-06')?.load();
  if (!banging || !walked) throw new Error('scenarios missing');
  const historical = { ...parseAttempt(banging.referenceAttempts.historical), trainee: 'PC 5120 Cole' };
  const bundle = packAttempts(
    [
      { ...parseAttempt(banging.referenceAttempts.model), trainee: 'PC 4471 Shah' },
      historical,
      { ...parseAttempt(walked.referenceAttempts.historical), trainee: 'PC 5120 Cole' },
    ],
    '2026-11-22T12:00:00Z',
  );
  const bundleFile = testInfo.outputPath('bundle.json');
  writeFileSync(bundleFile, JSON.stringify(bundle));
  const brokenFile = testInfo.outputPath('broken.json');
  writeFileSync(brokenFile, JSON.stringify({ ...bundle, formatVersion: 7 }));

  // What the engine says, to hold the screens to.
  const timeline = new ReplayTimeline(banging.machine, historical.events);
  const findingsAt = (call: Parameters<typeof scoreCall>[2]) =>
    scoreCall(banging.definition, banging.answerKey, call).findings;
  // Imported in a bundle, it is PC Cole's attempt: scored on everything, as a trainee's is.
  const report = scoreEvents(banging, historical.events);
  const moments = findingMoments(timeline, findingsAt);
  const target = report.findings.find((f) => moments.get(f.id)?.omission === false);
  if (!target) throw new Error('no finding with a moment');
  const targetPosition = moments.get(target.id)?.position ?? -1;
  const context = { scenario: banging.definition, key: banging.answerKey };

  await page.goto('/');
  await activate(page, page.getByRole('link', { name: strings.ui.nav.supervise }));
  await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
  await typeInto(page, s.yourName, 'Sgt Okafor');
  // The app asked the browser to keep its data, and says what the browser answered.
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(page.getByText(s.storageKept[persisted ? 'persistent' : 'best-effort'])).toBeVisible();

  await page.getByLabel(s.importLabel).setInputFiles(bundleFile);
  await expect(page.getByText(s.imported('2 trainees, 3 attempts', 0))).toBeVisible();
  const rows = page.getByRole('table').filter({ hasText: s.score }).getByRole('row');
  await expect(rows).toHaveCount(4);
  await page.getByLabel(s.importLabel).setInputFiles(brokenFile);
  await expect(page.getByRole('alert').filter({ hasText: 'Not imported' })).toContainText(
    'bundle.formatVersion: version 7 is not supported',
  );
  await expect(rows).toHaveCount(4);
  await page.getByLabel(s.importLabel).setInputFiles(bundleFile);
  await expect(page.getByText(s.imported(s.nothingNew, 5))).toBeVisible();
  await expect(rows).toHaveCount(4);
  await expectAxeClean(page, 'supervisor');

  // Open the real call handler's attempt and scrub to a finding.
  await activate(
    page,
    page.getByRole('link', { name: `${s.review} PC 5120 Cole, ${banging.definition.title}` }),
  );
  await expect(
    page.getByRole('heading', { level: 1, name: r.heading(banging.definition.title) }),
  ).toBeVisible();
  const scrubber = page.getByRole('slider', { name: r.position });
  await expect(scrubber).toHaveValue(String(historical.events.length));
  await expect(
    page.getByRole('button', { name: `${r.jump}: ${renderFinding(target, context)}` }),
  ).toBeVisible();
  await activate(page, page.getByRole('button', { name: `${r.jump}: ${renderFinding(target, context)}` }));
  await expect(scrubber).toBeFocused();
  await expect(scrubber).toHaveValue(String(targetPosition));
  await page.keyboard.press('ArrowLeft');
  await expect(scrubber).toHaveValue(String(targetPosition - 1));
  await page.keyboard.press('ArrowRight');
  await expect(scrubber).toHaveValue(String(targetPosition));
  // The moment is in the address: a reload (or a shared link) opens the replay there.
  await page.reload();
  await expect(scrubber).toHaveValue(String(targetPosition));
  const running = scoreCall(banging.definition, banging.answerKey, timeline.at(targetPosition).context);
  await expect(page.getByRole('region', { name: r.runningScore })).toContainText(
    strings.ui.debrief.total(running.total),
  );
  await expectAxeClean(page, 'review');

  // Caller audio from this point, with captions.
  await activate(page, page.getByRole('button', { name: r.start }));
  await activate(page, page.getByRole('button', { name: r.playFromHere }));
  await expect(page.locator('.audio-from-here .caption')).toContainText(strings.ui.console.speakers.operator);
  await expect
    .poll(() => page.evaluate(() => window.__controlRoomSound?.played.length ?? 0))
    .toBeGreaterThan(0);
  await activate(page, page.getByRole('button', { name: r.stopAudio }));

  // Moderate the grading mark with a reason.
  const reason = 'Dip sample: the grade followed the opening code; some credit for the 60-minute response.';
  await moderateMark(page, 'grading', 30, reason);
  const moderated = moderateReport(report, [
    {
      id: 'x',
      attempt: 'x',
      supervisor: 'Sgt Okafor',
      at: '2026-11-22T12:00:00Z',
      target: { kind: 'dimension', dimension: 'grading', mark: 30 },
      reason,
    },
  ]);
  const moderation = page.getByRole('region', { name: r.moderationHeading });
  await expect(moderation).toContainText(r.totals(report.total, moderated.total));

  // The trainee's own debrief of the attempt shows the moderation beside the machine's score.
  const reviewed = new URL(page.url()).hash.split('/')[2] ?? '';
  await page.goto(`/#/attempt/${reviewed}`);
  const debrief = strings.ui.debrief;
  await expect(page.getByRole('heading', { level: 2, name: debrief.machineScoreHeading })).toBeVisible();
  const theirs = page.getByRole('region', { name: debrief.moderationHeading });
  await expect(theirs).toContainText(debrief.total(moderated.total));
  await expect(
    theirs.getByRole('row', { name: new RegExp(strings.vocabulary.dimensions.grading) }).getByRole('cell'),
  ).toContainText([String(report.dimensions.grading.score), `30 Sgt Okafor`]);
  await expect(theirs).toContainText(reason);
  // The debrief is checked whole in ltl41-02.spec.ts; here, what the moderation adds to it.
  await expectAxeClean(
    page,
    'debrief, the moderation',
    '.debrief > section[aria-labelledby="moderation-heading"]',
  );
  await page.goBack();

  // An attempt finished on a version of a scenario this build has not got (from a newer build) cannot be
  // replayed here, but is not lost.
  const otherVersion = walked.definition.version + 1;
  await page.evaluate(
    async ({ scenario, version }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('control-room-trainer');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(['attempts', 'trainees'], 'readwrite');
      const trainees = await new Promise<{ id: string; name: string }[]>((resolve) => {
        const request = tx.objectStore('trainees').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      const cole = trainees.find((t) => t.name === 'PC 5120 Cole');
      tx.objectStore('attempts').put({
        id: 'older-version',
        scenario,
        scenarioVersion: version,
        trainee: 'PC 5120 Cole',
        traineeId: cole?.id,
        startedAt: '2020-01-01T09:00:00.000Z',
        updatedAt: '2020-01-01T09:30:00.000Z',
        status: 'finished',
        eventCount: 12,
        score: {
          total: 64,
          band: 'partial',
          dimensions: { openingCode: 64, grading: 64, thrive: 64, ndm: 64, logging: 64, escalation: 64 },
          critical: 0,
        },
      });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { scenario: walked.definition.id, version: otherVersion },
  );

  // The trainee's report, for printing.
  await activate(page, page.getByRole('link', { name: r.reportLink('PC 5120 Cole') }));
  await expect(
    page.getByRole('heading', { level: 1, name: strings.ui.report.heading('PC 5120 Cole') }),
  ).toBeVisible();
  const summaryRow = page
    .getByRole('table', { name: strings.ui.report.summaryHeading })
    .getByRole('row', { name: new RegExp(banging.definition.title) });
  await expect(summaryRow.getByRole('cell')).toHaveText([
    /./,
    strings.ui.report.totalBand(report.total, strings.vocabulary.bands[report.band]),
    strings.ui.report.totalBand(moderated.total, strings.vocabulary.bands[moderated.band]),
  ]);
  await expect(page.getByRole('main')).toContainText(reason);
  const summaryRows = page.getByRole('table', { name: strings.ui.report.summaryHeading }).getByRole('row');
  await expect(summaryRows.nth(1).getByRole('cell')).toHaveText([
    /2020/,
    strings.ui.report.scoredThen(64, strings.vocabulary.bands.partial),
    strings.ui.report.otherVersion(otherVersion),
  ]);
  await expect(page.getByRole('main')).toContainText('What really happened');
  await expect(page.getByRole('main')).toContainText(
    strings.ui.report.outcomeHeading(walked.definition.title),
  );
  // One signposting section, for the subjects of the cases this trainee took and for police staff.
  const casesTaken = [findScenario('ltl41-02'), findScenario('ltl41-06')];
  const topicsShown = SUPPORT_TOPICS.filter(
    (topic) => topic === 'police-wellbeing' || casesTaken.some((c) => c?.supportTopics.includes(topic)),
  );
  expect(topicsShown.length).toBeLessThan(SUPPORT_TOPICS.length);
  await expect(
    page.getByRole('region', { name: strings.ui.mdx.signposting }).getByRole('heading', { level: 3 }),
  ).toHaveText(topicsShown.map((topic) => SIGNPOSTING[topic].heading));
  await expectAxeClean(page, 'report');
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await activate(page, page.getByRole('button', { name: strings.ui.report.print }));
  await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByRole('button', { name: strings.ui.report.print })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(20_000);
  await page.emulateMedia({ media: 'screen' });

  // Blind marking: the machine's marks stay hidden until this supervisor has submitted.
  await page.goBack();
  await activate(page, page.getByRole('link', { name: r.calibrateLink }));
  await expect(
    page.getByRole('heading', { level: 1, name: strings.ui.calibrate.heading(banging.definition.title) }),
  ).toBeVisible();
  await expect(page.getByText(r.runningScore)).toHaveCount(0);
  await expectAxeClean(page, 'blind marking');
  for (const [dimension, mark] of [
    ['openingCode', 0],
    ['grading', 20],
    ['thrive', 0],
    ['ndm', 10],
    ['logging', 20],
    ['escalation', 0],
  ] as const) {
    await typeNumber(page, `${strings.vocabulary.dimensions[dimension]} (0 to 100)`, mark);
  }
  await activate(page, page.getByRole('button', { name: strings.ui.calibrate.submit }));
  const spread = page.getByRole('table', { name: strings.ui.calibrate.spreadCaption });
  const machineGrading = report.dimensions.grading.score;
  const difference = 20 - machineGrading;
  await expect(
    spread.getByRole('row', { name: new RegExp(strings.vocabulary.dimensions.grading) }).getByRole('cell'),
  ).toHaveText(['20', String(machineGrading), '0', difference > 0 ? `+${difference}` : String(difference)]);
  await expectAxeClean(page, 'calibration spread');

  // A what-if from the moment of the finding: a new attempt holding everything up to there.
  await page.goBack();
  await expect(scrubber).toBeVisible();
  await activate(page, page.getByRole('button', { name: `${r.jump}: ${renderFinding(target, context)}` }));
  await expect(scrubber).toHaveValue(String(targetPosition));
  await activate(page, page.getByRole('button', { name: r.fork }));
  await expect(page).toHaveURL(/#\/attempt\//);
  // The finding was made while the caller was on the line, so the what-if opens on the call.
  expect(timeline.at(targetPosition).matches({ call: 'connected' })).toBe(true);
  await expect(page.getByRole('heading', { name: strings.ui.console.callerHeading })).toBeVisible();
  // The three imported, the one on another version, and the what-if.
  await activate(page, page.getByRole('link', { name: strings.ui.nav.supervise }));
  await expect(rows).toHaveCount(6);
  await expect(rows.filter({ hasText: s.forkOf })).toHaveCount(1);

  await activate(page, page.getByRole('link', { name: s.cohortLink }));
  await expect(page.getByRole('status').filter({ hasText: 'finished attempts' })).toHaveText(
    strings.ui.cohort.summary(4, 2),
  );
  await expectAxeClean(page, 'cohort');

  // A trainee's data deleted on request: their profile, attempts and everything about them.
  await activate(page, page.getByRole('link', { name: strings.ui.nav.supervise }));
  await activate(page, page.getByRole('button', { name: s.deleteTrainee('PC 4471 Shah') }));
  await activate(page, page.getByRole('button', { name: s.confirmDelete('PC 4471 Shah') }));
  await expect(page.getByRole('status').filter({ hasText: s.deleted('PC 4471 Shah') })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'PC 4471 Shah' })).toHaveCount(0);
  await expect(rows).toHaveCount(5);

  // Exported, the attempt on another version is left out (no machine with this build could import it),
  // and what is exported imports again.
  const download = page.waitForEvent('download');
  await activate(page, page.getByRole('button', { name: s.exportAll }));
  const exportedFile = testInfo.outputPath('exported.json');
  await (await download).saveAs(exportedFile);
  await expect(page.getByRole('status').filter({ hasText: /^Exported/ })).toHaveText(s.exported(3, 1));
  const exported = JSON.parse(readFileSync(exportedFile, 'utf8')) as Bundle;
  expect(exported.attempts.map((row) => row.id)).not.toContain('older-version');
  await page.getByLabel(s.importLabel).setInputFiles(exportedFile);
  // Everything in it is recognised, the moderation and blind marks made on this screen included.
  expect(exported.moderations).toHaveLength(1);
  expect(exported.calibrations).toHaveLength(1);
  const records =
    exported.trainees.length +
    exported.courses.length +
    exported.attempts.length +
    exported.moderations.length +
    exported.calibrations.length;
  await expect(page.getByText(s.imported(s.nothingNew, records))).toBeVisible();
  await expect(rows).toHaveCount(5);

  // The attempt from a newer build, on a version this one has not got, is listed but not replayed.
  await page.goto('/#/review/older-version');
  await expect(page.getByRole('alert')).toHaveText(r.cannotReplay(otherVersion));
  await expectAxeClean(page, 'attempt on another version');
});

test('an attempt played on an earlier version of a scenario replays, and is moderated, on that version', async ({
  page,
}, testInfo) => {
  const current = await findScenario('ltl41-02')?.load();
  const earlier = await loadScenarioVersion('ltl41-02', 3);
  if (!current || !earlier) throw new Error('scenario versions missing');
  expect(current.definition.version).toBeGreaterThan(3);
  const attempt = { ...parseAttempt(earlier.referenceAttempts.historical), trainee: 'PC 7001 Reid' };
  const report = scoreAttempt(earlier, attempt);
  const bundleFile = testInfo.outputPath('earlier-version.json');
  writeFileSync(bundleFile, JSON.stringify(packAttempts([attempt], '2026-12-01T09:00:00Z')));

  await page.goto('/#/supervise');
  await typeInto(page, s.yourName, 'Sgt Okafor');
  await page.getByLabel(s.importLabel).setInputFiles(bundleFile);
  await expect(page.getByText(s.imported('1 trainee, 1 attempt', 0))).toBeVisible();
  await activate(
    page,
    page.getByRole('link', { name: `${s.review} PC 7001 Reid, ${current.definition.title}` }),
  );
  // Replayed to its end on version 3, with the marks version 3 gives it.
  await expect(page.getByRole('slider', { name: r.position })).toHaveValue(String(attempt.events.length));
  await expect(page.getByRole('region', { name: r.runningScore })).toContainText(
    strings.ui.debrief.total(report.total),
  );
  const note = page.getByRole('note').filter({ hasText: r.newerVersion(3, current.definition.version) });
  await expect(note.getByRole('link', { name: r.playNewerVersion })).toHaveAttribute(
    'href',
    '#/scenario/ltl41-02',
  );

  const reason = 'Moderated on the version the call was taken on.';
  await moderateMark(page, 'grading', 20, reason);
  await expectAxeClean(page, 'review of an attempt on an earlier version');
});

test('a what-if from the real call: recode it domestic abuse straight after it was coded suspicious circumstances', async ({
  page,
}) => {
  const banging = await findScenario('ltl41-02')?.load();
  if (!banging) throw new Error('scenario missing');
  const historical = parseAttempt(banging.referenceAttempts.historical);
  const coded = historical.events.findIndex((e) => e.type === 'trainee.code') + 1;
  const codedAt = historical.events[coded - 1]?.at ?? 0;

  // A shared link to the moment the real call handler chose the code.
  await page.goto(`/#/reference/ltl41-02/historical/${coded}`);
  const scrubber = page.getByRole('slider', { name: r.position });
  await expect(scrubber).toHaveValue(String(coded));
  await expect(
    page.getByRole('heading', { name: r.atThisMoment('The 999 call', stopwatch(codedAt)) }),
  ).toBeVisible();
  await activate(page, page.getByRole('button', { name: r.fork }));

  await expect(page).toHaveURL(/#\/attempt\//);
  await expect(page.getByText(strings.ui.console.currentCode('Suspicious circumstances'))).toBeVisible();
  await expect(page.getByRole('log', { name: strings.ui.console.transcriptHeading })).toContainText(
    "Hello? Someone's buzzing at my door.",
  );
  await choose(page, strings.ui.console.chooseCode, 'Domestic abuse');
  await typeInto(
    page,
    strings.ui.console.reasonForCodeChange,
    'She named her ex-husband and a domestic violence case.',
  );
  await activate(page, page.getByRole('button', { name: strings.ui.console.setCode }));
  await expect(page.getByText(strings.ui.console.currentCode('Domestic abuse'))).toBeVisible();
  await expectAxeClean(page, 'what-if console');

  // The what-if resumes after a reload, with both codes on its log of events.
  await page.reload();
  await expect(page.getByText(strings.ui.console.currentCode('Domestic abuse'))).toBeVisible();
  await activate(page, page.getByRole('link', { name: strings.ui.nav.supervise }));
  await expect(page.getByRole('row').filter({ hasText: s.forkOf })).toHaveCount(1);
});

test('a trainer switches assisted mode on for a course: its trainees get the menu as well as the text box, and the attempt says so', async ({
  page,
}) => {
  const banging = await findScenario('ltl41-02')?.load();
  if (!banging) throw new Error('scenario missing');
  await page.goto('/#/supervise');
  await activate(page, page.getByText(s.newCourse, { exact: true }));
  await typeInto(page, s.courseTitle, 'Intake 14, week 1');
  await tabTo(page, page.getByRole('checkbox', { name: banging.definition.title }));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('checkbox', { name: s.courseAssisted }));
  await page.keyboard.press('Space');
  await activate(page, page.getByRole('button', { name: s.createCourse }));
  await expect(page.getByText(`${s.courseRow(1, 0)}, ${s.assistedCourse}`)).toBeVisible();

  await page.goto('/');
  await choose(page, s.courseForAttempts, 'Intake 14, week 1');
  await activate(page, page.getByRole('link', { name: strings.ui.startScenario(banging.definition.title) }));
  await activate(page, page.getByRole('button', { name: strings.ui.beginCall }));
  await activate(page, page.getByRole('button', { name: strings.ui.console.answer }));
  await expect(page.getByRole('heading', { name: strings.ui.console.assistedHeading })).toBeVisible();
  await expect(page.getByRole('textbox', { name: strings.ui.console.sayLabel })).toBeVisible();
  await activate(page, page.getByRole('button', { name: strings.vocabulary.topics['threats-made'] }));
  const reply = banging.definition.lines.find((l) => l.id === 'prelude-threats-made');
  if (!reply) throw new Error('no line prelude-threats-made');
  await expect(page.getByRole('log', { name: strings.ui.console.transcriptHeading })).toContainText(
    reply.text,
  );
  await expectAxeClean(page, 'assisted console');

  await page.goto('/#/supervise');
  await activate(
    page,
    page.getByRole('link', { name: new RegExp(`^${s.review} .*${banging.definition.title}$`) }),
  );
  await expect(page.getByRole('note').filter({ hasText: strings.ui.assistedMode })).toBeVisible();
});

test('the review of a real call says, moment by moment, what the sources report and what was added, and marks only what they report', async ({
  page,
}) => {
  const goodPractice = await findScenario('ltl41-03')?.load();
  if (!goodPractice) throw new Error('scenario missing');
  const historical = parseAttempt(goodPractice.referenceAttempts.historical);
  const unassessed = unassessedFor(historical, goodPractice.answerKey).dimensions;
  const reportedAt = historical.events.findIndex((e) => e.provenance && 'reported' in e.provenance);
  const addedAt = historical.events.findIndex((e) => e.provenance && 'added' in e.provenance);
  const reported = historical.events[reportedAt]?.provenance;
  const added = historical.events[addedAt]?.provenance;
  if (!reported || !('reported' in reported) || !added || !('added' in added))
    throw new Error('no provenance');

  await page.goto(`/#/reference/ltl41-03/historical/${reportedAt + 1}`);
  const position = page.locator('.position-text');
  await expect(position).toContainText(strings.ui.debrief.reported(reported.reported));
  // On along the scrubber, with the keyboard, to an event added to complete the replay.
  await page.getByLabel(r.position).focus();
  for (let at = reportedAt + 1; at !== addedAt + 1; at += Math.sign(addedAt - reportedAt))
    await page.keyboard.press(addedAt > reportedAt ? 'ArrowRight' : 'ArrowLeft');
  await expect(position).toContainText(strings.ui.debrief.added(added.added));

  const findings = page.getByRole('region', { name: r.findingsHeading });
  expect(Object.keys(unassessed).length).toBeGreaterThan(0);
  for (const why of Object.values(unassessed)) await expect(findings).toContainText(r.notAssessedWhy(why));
  await expect(findings.locator('.severity-major, .severity-critical')).toHaveCount(0);
  await page.locator('.review').screenshot({ path: test.info().outputPath('review.png') });
  await expectAxeClean(page, 'review of a real call');
});
