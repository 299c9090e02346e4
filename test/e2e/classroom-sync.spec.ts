/*
 * A classroom on two trainees' machines, in Chromium: the test starts a classroom server (LevelDB in a
 * temporary folder, this machine only, the app's origin allowed), and each trainee's browser context
 * joins it from the home screen and plays a short model attempt with the keyboard.
 *
 *   A plays online, and the server is stopped mid-call, once part of the attempt has reached it, and
 *   started again on the same port and folder: the course database ends with the attempt's header,
 *   every event once and its finish, and nothing else.
 *   B plays with the browser offline from the briefing to the debrief: the home screen says the attempt
 *   waits, the server has none of its events; back online, it arrives whole.
 *   A supervisor's context joins first, as a supervisor, and keeps the cohort open: both attempts arrive
 *   there as they finish, without a reload, each once on the supervisor's device too. The supervisor
 *   moderates A's attempt in the review screen; it reaches A's database on the server and A's debrief
 *   shows it. A trainee's session is refused the supervisor screens, and still is after leaving the
 *   classroom. A mistyped password is refused in words; leaving keeps the attempt on the device.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { findScenario } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { startClassroom, type ClassroomOptions } from '../../src/classroom/server.ts';
import { parseAttempt, type Attempt } from '../../src/engine/attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import {
  attemptDocs,
  expectedIds,
  joinClassroom,
  moderationsOn,
  storedAttempt,
} from './classroom-harness.ts';
import { activate, expectAxeClean } from './keyboard.ts';
import { moderateMark } from './moderate.ts';
import { pauseClockSoon, playAttempt } from './play-attempt.ts';

const c = strings.ui.classroom;
const SCENARIO = 'ltl41-04';

/**
 * From the home screen to the debrief of the scenario's model attempt. The attempt's id is told as soon
 * as the briefing is open, before the call is played; `offline` goes offline there.
 */
async function playModel(
  page: Page,
  scenario: ScenarioModule,
  model: Attempt,
  { onBriefing, offline }: { onBriefing?: (attempt: string) => void; offline?: BrowserContext } = {},
): Promise<string> {
  const title = scenario.definition.title;
  await activate(page, page.getByRole('link', { name: strings.ui.startScenario(title) }));
  await expect(page.getByRole('heading', { name: strings.ui.mdx.contentNote })).toBeVisible();
  const attempt = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
  expect(attempt).not.toBe('');
  onBriefing?.(attempt);
  await offline?.setOffline(true);
  await pauseClockSoon(page);
  await playAttempt(page, scenario, model.events);
  await page.clock.resume();
  await expect(page.getByRole('heading', { name: strings.ui.debrief.heading(title) })).toBeVisible();
  return attempt;
}

test('two trainees sync their attempts to a classroom server, one offline until the end, through a server restart; a moderation comes back', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(420_000);
  const entry = findScenario(SCENARIO);
  if (!entry || !baseURL) throw new Error(`no ${SCENARIO}, or no app address`);
  const scenario = await entry.load();
  const model = parseAttempt(scenario.referenceAttempts.model);

  const data = mkdtempSync(join(tmpdir(), 'classroom-e2e-'));
  const options: ClassroomOptions = {
    course: 'E2E Sync',
    trainees: ['A', 'B'],
    supervisors: ['S'],
    host: '127.0.0.1',
    port: 0,
    data,
    origins: [new URL(baseURL).origin],
  };
  let classroom = await startClassroom(options);
  const password = new Map(classroom.users.map((user) => [user.name, user.password ?? '']));
  const as = (name: string) => ({ name, password: password.get(name) ?? '' });
  const course = classroom.courseDatabase;
  const contexts: BrowserContext[] = [];
  try {
    const contextA = await browser.newContext();
    const contextB = await browser.newContext();
    const contextS = await browser.newContext();
    contexts.push(contextA, contextB, contextS);
    // The supervisor is in first, with the cohort open: attempts arrive there as they finish.
    const pageS = await joinClassroom(contextS, classroom, 'S', as('s').password);
    await activate(pageS, pageS.getByRole('link', { name: strings.ui.nav.supervise }));
    await activate(pageS, pageS.getByRole('link', { name: strings.ui.supervise.cohortLink }));
    const cohortSummary = pageS.locator('.cohort-summary');
    await expect(cohortSummary).toHaveText(strings.ui.cohort.summary(0, 0));
    const pageA = await joinClassroom(contextA, classroom, 'A', as('a').password, 'not-the-password');
    const pageB = await joinClassroom(contextB, classroom, 'B', as('b').password);

    // ---- A plays; part-way through its call the server stops, and starts again on the same folder ----
    let attemptA = '';
    let restarts = 0;
    const restartMidSync = (async () => {
      while (!attemptA) await new Promise((resolve) => setTimeout(resolve, 100));
      // Part of the attempt is on the server, not all of it: stop it there.
      for (;;) {
        const docs = await attemptDocs(classroom, as('a'), `${course}-t-a`, attemptA);
        if (docs.length >= 3 && !docs.some((doc) => doc.id.endsWith(':finished'))) break;
        if (docs.some((doc) => doc.id.endsWith(':finished'))) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await classroom.stop();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      classroom = await startClassroom({ ...options, port: classroom.port });
      restarts++;
    })();
    expect(await playModel(pageA, scenario, model, { onBriefing: (id) => (attemptA = id) })).toBe(attemptA);
    await restartMidSync;
    expect(restarts, 'the server was stopped while the attempt was half sent').toBe(1);

    const storedA = await storedAttempt(pageA, attemptA);
    expect(storedA.status).toBe('finished');
    const wantedA = expectedIds(attemptA, storedA.events);
    await expect
      .poll(async () => (await attemptDocs(classroom, as('s'), course, attemptA)).map((doc) => doc.id), {
        timeout: 60_000,
      })
      .toEqual(wantedA);
    const courseA = await attemptDocs(classroom, as('s'), course, attemptA);
    // Each written once: a first revision, and no conflicting second copy.
    expect(courseA.filter((doc) => !doc.rev.startsWith('1-') || doc.conflicts)).toEqual([]);
    expect(courseA.at(-1)?.eventCount).toBe(storedA.events);
    expect((await attemptDocs(classroom, as('a'), `${course}-t-a`, attemptA)).map((doc) => doc.id)).toEqual(
      wantedA,
    );
    // The supervisor's open cohort has it, without a reload, and the device holds every event once.
    await expect(cohortSummary).toHaveText(strings.ui.cohort.summary(1, 1), { timeout: 30_000 });
    expect(await storedAttempt(pageS, attemptA)).toEqual(storedA);

    // ---- B plays with the browser offline from the briefing to the debrief ----
    const attemptB = await playModel(pageB, scenario, model, { offline: contextB });
    await activate(pageB, pageB.getByRole('link', { name: strings.ui.nav.scenarios }));
    await expect(pageB.getByText(c.offline(1))).toBeVisible();
    await expectAxeClean(pageB, 'home, offline in a classroom');
    // Nothing of the call reached the server: at most the attempt's header, sent from the briefing.
    const whileOffline = await attemptDocs(classroom, as('s'), course, attemptB);
    expect(whileOffline.filter((doc) => doc.id !== `attempt:${attemptB}`)).toEqual([]);
    await contextB.setOffline(false);
    const storedB = await storedAttempt(pageB, attemptB);
    const wantedB = expectedIds(attemptB, storedB.events);
    await expect
      .poll(async () => (await attemptDocs(classroom, as('s'), course, attemptB)).map((doc) => doc.id), {
        timeout: 60_000,
      })
      .toEqual(wantedB);
    const courseB = await attemptDocs(classroom, as('s'), course, attemptB);
    expect(courseB.filter((doc) => !doc.rev.startsWith('1-') || doc.conflicts)).toEqual([]);
    await expect(pageB.getByText(c.allSent, { exact: false })).toBeVisible();
    // And A's attempt is still there once, beside B's.
    expect((await attemptDocs(classroom, as('s'), course, attemptA)).map((doc) => doc.id)).toEqual(wantedA);
    await expect(cohortSummary).toHaveText(strings.ui.cohort.summary(2, 2), { timeout: 30_000 });
    expect(await storedAttempt(pageS, attemptB)).toEqual(storedB);
    expect(await storedAttempt(pageS, attemptA)).toEqual(storedA);
    await expectAxeClean(pageS, 'cohort, live in a classroom');

    // ---- the supervisor moderates A's attempt in the review screen; A's debrief shows it ----
    // A's debrief, open since the call ended, has no moderation yet.
    const moderatedA = pageA.getByRole('region', { name: strings.ui.debrief.moderationHeading });
    await expect(
      pageA.getByRole('heading', { level: 2, name: strings.ui.debrief.scoreHeading }),
    ).toBeVisible();
    await expect(moderatedA).toHaveCount(0);
    const reason = 'Grade 2 was right here: nobody was in danger on the road.';
    await activate(pageS, pageS.getByRole('link', { name: strings.ui.nav.supervise }));
    await expect(pageS.getByText(strings.ui.supervise.signedInAs('s'))).toBeVisible();
    await expect(pageS.getByRole('textbox', { name: strings.ui.supervise.yourName })).toHaveCount(0);
    await activate(
      pageS,
      pageS.getByRole('link', { name: `${strings.ui.supervise.review} a, ${scenario.definition.title}` }),
    );
    await moderateMark(pageS, 'grading', 42, reason);
    // It goes to A's database on the server, recorded as the signed-in supervisor.
    await expect
      .poll(async () => moderationsOn(classroom, as('s'), `${course}-t-a`), { timeout: 30_000 })
      .toEqual([{ attempt: attemptA, supervisor: 's', reason }]);
    // A's debrief, still open, shows it, and heads its own score as the machine's.
    await expect(moderatedA).toContainText(reason, { timeout: 30_000 });
    await expect(
      pageA.getByRole('heading', { level: 2, name: strings.ui.debrief.machineScoreHeading }),
    ).toBeVisible();
    await expect(
      moderatedA.getByRole('row', { name: new RegExp(`^${strings.vocabulary.dimensions.grading}`) }),
    ).toContainText('42');

    // ---- a trainee's session cannot reach the supervisor screens ----
    await expect(pageA.getByRole('link', { name: strings.ui.nav.supervise })).toHaveCount(0);
    for (const screen of [`#/supervise`, `#/review/${encodeURIComponent(attemptB)}`, '#/cohort']) {
      await pageA.goto(`/${screen}`);
      await expect(pageA.getByRole('alert')).toContainText(c.supervisorSignInNeeded);
    }

    // ---- A leaves: sync stops, and the attempt stays on the device ----
    await activate(pageA, pageA.getByRole('link', { name: strings.ui.nav.scenarios }));
    await activate(pageA, pageA.getByRole('button', { name: c.leave }));
    await expect(pageA.getByText(c.heading, { exact: true })).toBeVisible();
    await expect(pageA.getByRole('textbox', { name: strings.ui.traineeName })).toHaveValue('a');
    await expect(pageA.locator('.attempt-list li')).toHaveCount(1);
    expect(await pageA.evaluate(() => localStorage.getItem('control-room-trainer.classroom'))).toBeNull();
    // Leaving does not open the supervisor screens on a device a trainee used.
    await pageA.goto('/#/supervise');
    await expect(pageA.getByRole('alert')).toContainText(c.supervisorSignInNeeded);
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
    await classroom.stop();
    rmSync(data, { recursive: true, force: true });
  }
});
