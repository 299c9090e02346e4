/*
 * Issue 14, done when: a SCORM package in an LMS. The LMS is test/e2e/lms-harness.ts: scorm-again as the
 * runtime in the top window, the package in an iframe from a Moodle-like folder, and a server that keeps
 * what is committed and hands it back at the next launch, to this browser or another.
 *
 * - SCORM 1.2, keyboard only: the trainee is who the LMS says and sees the course's scenarios only; the
 *   model attempt of case 4 is played, the LMS's page reloaded mid-call, and the call carries on from
 *   where it was to its debrief; the LMS then holds the status, the score the engine gives the attempt in
 *   Node, its choices and every finding by id, suspend_data never over 4,096 characters, a session time.
 * - Another machine: a call left mid-way in one browser is reopened in another from suspend_data alone.
 * - SCORM 2004: completion and success apart, the scaled score, "incorrect"; the course home passes axe.
 * - Launches that go wrong: the runtime refuses to start (play goes on, stored, not reported); no LMS at
 *   all; the supervisor screens asked for inside the LMS.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { findScenario } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { parseAttempt, type AttemptEntry } from '../../src/engine/attempt.ts';
import { decodeProgress } from '../../src/lms/progress.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { readStored, type Stored, type StoredEntry } from './interruptions.ts';
import { activate, expectAxeClean } from './keyboard.ts';
import {
  courseFrame,
  scormPackages,
  startHarness,
  type Cmi,
  type Harness,
  type HarnessLearner,
  type ScormFormat,
} from './lms-harness.ts';
import { actionLines, playAttempt } from './play-attempt.ts';

const SCENARIO = 'ltl41-04';
const l = strings.ui.lms;
const START = new Date('2026-11-23T09:00:00Z');

let harness: Harness;
let scenario: ScenarioModule;
let title = '';
let packagesDone = () => {};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const entry = findScenario(SCENARIO);
  if (!entry) throw new Error(`no ${SCENARIO}`);
  title = entry.title;
  scenario = await entry.load();
  const built = await scormPackages('Risk and vulnerability', [SCENARIO]);
  packagesDone = built.done;
  harness = await startHarness(built.packages);
});

test.afterAll(async () => {
  await harness?.close();
  packagesDone();
});

/** Opens the course in the LMS (the player page, its frame loaded) with the page's clock installed. */
async function openCourse(page: Page, url: string): Promise<Frame> {
  await page.clock.install({ time: START });
  await page.goto(url);
  return courseFrame(page);
}

/**
 * From the course home, starts the scenario with the keyboard; on its briefing, the clock is paused (a
 * minute after it was installed: far enough ahead for a loaded machine; no call time runs on a briefing).
 */
async function startScenario(page: Page, frame: Frame): Promise<void> {
  await activate(frame, frame.getByRole('link', { name: strings.ui.startScenario(title) }));
  await expect(frame.getByRole('heading', { name: strings.ui.mdx.contentNote })).toBeVisible();
  await page.clock.pauseAt(new Date(START.getTime() + 60_000));
}

/**
 * Opens the LMS's page on a call in progress with the time held at `at`, where the call was left: the
 * page's timers run (React waits 300 ms on the page's clock before it swaps a loading screen for what
 * loaded) but no call time passes. Then the clock is paused there, for the call to be played on.
 */
async function openCallAt(page: Page, at: number, open: () => Promise<unknown>): Promise<Frame> {
  await page.clock.setFixedTime(at);
  await open();
  const frame = await courseFrame(page);
  const endCall = frame.getByRole('button', { name: strings.ui.console.endCall });
  for (let i = 0; i < 100 && !(await endCall.isVisible()); i++) await page.clock.runFor(100);
  await expect(endCall).toBeVisible();
  await page.clock.pauseAt(at);
  await page.clock.setSystemTime(at);
  return frame;
}

/** The attempt the frame is showing, from its address. */
function attemptIn(frame: Frame): string {
  const id = /#\/attempt\/([^/?]+)/.exec(frame.url())?.[1];
  if (!id) throw new Error(`not on an attempt: ${frame.url()}`);
  return decodeURIComponent(id);
}

async function stored(frame: Frame, attempt: string): Promise<Stored> {
  const found = await frame.evaluate(readStored, attempt);
  if (!found) throw new Error('nothing stored');
  return found;
}

/** A CMI element by its dotted path below cmi. */
function field(cmi: Cmi | null, path: string): string | undefined {
  let at: string | Cmi | undefined = cmi ?? undefined;
  for (const part of path.split('.')) at = typeof at === 'object' ? at[part] : undefined;
  return typeof at === 'string' ? at : undefined;
}

function interactionsOf(cmi: Cmi | null): Record<string, string>[] {
  const list = cmi?.interactions;
  return typeof list === 'object' ? (Object.values(list) as Record<string, string>[]) : [];
}

const learner = (id: string, name: string): HarnessLearner => ({ id, name });

/** The actions among stored entries, each with its time and what was typed or chosen (actionLines). */
const storedActions = (entries: readonly StoredEntry[]) => actionLines(entries as unknown as AttemptEntry[]);

/**
 * The call in progress as the LMS was last sent it (suspend_data), once it has caught up with what the
 * app stored, and what the app stored.
 */
async function keptCall(format: ScormFormat, who: HarnessLearner, frame: Frame, attempt: string) {
  const read = async () =>
    (await decodeProgress(harness.record(format, who).suspendData.at(-1) ?? '')).current;
  const storedEntries = async () => (await stored(frame, attempt)).rows.map((row) => row.entry);
  await expect.poll(async () => (await read())?.events?.length === (await storedEntries()).length).toBe(true);
  return { kept: await read(), events: await storedEntries() };
}

test('SCORM 1.2, keyboard only: a call reloaded mid-way carries on, and the LMS holds its result', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const priya = learner('PC4471', 'Shah, Priya');
  const model = parseAttempt(scenario.referenceAttempts.model);
  const expected = scoreAttempt(scenario, model);
  // Mid-call: the code set and the checks run, THRIVE not begun.
  const reloadAt = model.events.findIndex((event) => event.type === 'trainee.thrive');

  let frame = await openCourse(page, harness.launchUrl('scorm12', priya));
  await expect(frame.getByText(l.signedIn('Priya Shah', 'SCORM 1.2'))).toBeVisible();
  await expect(frame.getByRole('heading', { level: 3 })).toHaveText([title]);
  await expect(frame.getByRole('link', { name: strings.ui.nav.supervise })).toHaveCount(0);
  await startScenario(page, frame);
  await playAttempt(frame, scenario, model.events, { to: reloadAt });

  const attempt = attemptIn(frame);
  const before = await keptCall('scorm12', priya, frame, attempt);
  expect(before.kept).toMatchObject({ attempt, events: before.events });
  const kept = harness.record('scorm12', priya).suspendData.at(-1);

  frame = await openCallAt(page, await frame.evaluate(() => Date.now()), () => page.reload());
  // Launched afresh, the LMS handed back what it kept, and the app went back into the call.
  expect(harness.record('scorm12', priya).launches.at(-1)).toEqual({ entry: 'resume', suspendData: kept });
  expect(attemptIn(frame)).toBe(attempt);
  expect((await stored(frame, attempt)).rows.map((row) => row.entry)).toEqual(before.events);

  await playAttempt(frame, scenario, model.events, { from: reloadAt });
  await page.clock.resume();
  await expect(frame.getByRole('heading', { name: strings.ui.debrief.heading(title) })).toBeVisible();
  await expect(frame.locator('.score')).toContainText(strings.ui.debrief.total(expected.total));
  await expect(frame.getByText(l.countedAttempt)).toBeVisible();
  const played = (await stored(frame, attempt)).rows.map((row) => row.entry);
  expect(storedActions(played)).toEqual(actionLines(model.events));

  // Leaving the course ends the LMS session (LMSFinish, its session time).
  await page.goto('about:blank');
  await expect.poll(() => harness.record('scorm12', priya).sessionTimes.length).toBe(2);
  const { cmi, suspendData, sessionTimes } = harness.record('scorm12', priya);
  expect(field(cmi, 'core.lesson_status')).toBe(expected.total >= 75 ? 'passed' : 'failed');
  expect(field(cmi, 'core.score.raw')).toBe(String(expected.total));
  expect(field(cmi, 'core.exit')).toBe('suspend');
  expect(field(cmi, 'core.session_time')).toMatch(/^\d{2,4}:\d\d:\d\d/);
  expect(field(cmi, 'core.session_time')).not.toMatch(/^0+:00:00/);
  expect(sessionTimes.every((time) => /^\d{2,4}:\d\d:\d\d/.test(time))).toBe(true);

  const interactions = interactionsOf(cmi);
  for (const kind of ['opening-code', 'grade', 'risk-level'])
    expect(interactions.find((i) => i.id === `${SCENARIO}.${kind}`)).toMatchObject({
      type: 'choice',
      result: 'correct',
      weighting: '1',
    });
  expect(expected.findings.length).toBeGreaterThan(0);
  for (const finding of expected.findings)
    expect(
      interactions.find((i) => i.id === `${SCENARIO}.finding.${finding.id}`),
      finding.id,
    ).toMatchObject({
      student_response: `${finding.severity} ${finding.source.kind}`,
    });
  expect(interactions).toHaveLength(3 + expected.findings.length);

  expect(suspendData.length).toBeGreaterThan(model.events.length);
  for (const text of suspendData) expect(text.length).toBeLessThanOrEqual(4096);
  const progress = await decodeProgress(suspendData.at(-1) ?? '');
  expect(progress).toEqual({
    counted: { [SCENARIO]: expect.objectContaining({ attempt, total: expected.total }) },
  });
});

test('another machine: a call left mid-way is reopened from what the LMS kept, and carries on', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const dan = learner('PC5120', 'Okafor, Dan');
  const model = parseAttempt(scenario.referenceAttempts.model);
  const leaveAt = model.events.findIndex((event) => event.type === 'trainee.speak') + 2;

  const first = await openCourse(page, harness.launchUrl('scorm12', dan));
  await startScenario(page, first);
  await playAttempt(first, scenario, model.events, { to: leaveAt });
  const attempt = attemptIn(first);
  const left = await stored(first, attempt);
  const leftAt = await first.evaluate(() => Date.now());
  await page.close();

  // Another machine: a browser with none of the first one's storage, its clock where the first was left.
  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await other.clock.install({ time: leftAt });
    const frame = await openCallAt(other, leftAt, () => other.goto(harness.launchUrl('scorm12', dan)));
    expect(harness.record('scorm12', dan).launches.at(-1)?.entry).toBe('resume');
    expect(attemptIn(frame)).toBe(attempt);
    await expect(frame.getByText(l.resumedElsewhere)).toHaveCount(0);
    const brought = await stored(frame, attempt);
    expect(brought.rows.map((row) => row.entry)).toEqual(left.rows.map((row) => row.entry));

    await playAttempt(frame, scenario, model.events, { from: leaveAt, to: leaveAt + 2 });
    const now = await keptCall('scorm12', dan, frame, attempt);
    expect(now.kept).toMatchObject({ attempt, events: now.events });
    expect(storedActions(now.events)).toEqual(actionLines(model.events.slice(0, leaveAt + 2)));
  } finally {
    await context.close();
  }
});

test('two learners of one name on one computer: each lists and opens only their own attempts', async ({
  page,
}) => {
  const jo = learner('PC1001', 'Smith, Jo');
  const namesake = learner('PC1002', 'Smith, Jo');
  const course = harness.packageUrl('scorm12');
  const first = await openCourse(page, harness.launchUrl('scorm12', jo));
  await startScenario(page, first);
  const attempt = attemptIn(first);
  await page.clock.resume();
  // Her course home lists it. (Moving by the address's fragment: loading the package again would start a
  // second LMS session, which the runtime refuses.)
  await first.goto(`${course}#/`);
  await expect(first.getByRole('link', { name: title, exact: true })).toBeVisible();

  await page.goto(harness.launchUrl('scorm12', namesake));
  const other = await courseFrame(page);
  await expect(other.getByText(l.signedIn('Jo Smith', 'SCORM 1.2'))).toBeVisible();
  await expect(other.getByText(strings.ui.noAttempts)).toBeVisible();
  await other.goto(`${course}#/attempt/${attempt}`);
  await expect(other.getByText(l.signedIn('Jo Smith', 'SCORM 1.2'))).toBeVisible();
  await expect(other.getByText(l.notYourAttempt('Jo Smith'))).toBeVisible();
  await expect(other.getByRole('heading', { name: strings.ui.mdx.contentNote })).toHaveCount(0);

  // Back on this computer, she opens it (whether or not the LMS reopens it first, as a call in progress).
  await page.goto(harness.launchUrl('scorm12', jo));
  const own = await courseFrame(page);
  await expect(own.getByText(l.signedIn('Jo Smith', 'SCORM 1.2'))).toBeVisible();
  await own.goto(`${course}#/attempt/${attempt}`);
  await expect(own.getByRole('heading', { name: strings.ui.mdx.contentNote })).toBeVisible();
  await expect(own.getByText(l.notYourAttempt('Jo Smith'))).toHaveCount(0);
});

test('SCORM 2004: completion and success apart, the scaled score, "incorrect"; the course home passes axe', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const ayesha = learner('PC2004', 'Ayesha Khan');
  const historical = parseAttempt(scenario.referenceAttempts.historical);
  const expected = scoreAttempt(scenario, historical);

  const frame = await openCourse(page, harness.launchUrl('scorm2004', ayesha));
  await expect(frame.getByText(l.signedIn('Ayesha Khan', 'SCORM 2004'))).toBeVisible();
  await expectAxeClean(page, 'the course home in the LMS');
  await startScenario(page, frame);
  await playAttempt(frame, scenario, historical.events);
  await page.clock.resume();
  await expect(frame.getByRole('heading', { name: strings.ui.debrief.heading(title) })).toBeVisible();
  await expect(frame.locator('.score')).toContainText(strings.ui.debrief.total(expected.total));

  await expect
    .poll(() => field(harness.record('scorm2004', ayesha).cmi, 'completion_status'))
    .toBe('completed');
  const { cmi } = harness.record('scorm2004', ayesha);
  expect(field(cmi, 'success_status')).toBe(expected.total >= 75 ? 'passed' : 'failed');
  expect(field(cmi, 'score.raw')).toBe(String(expected.total));
  expect(Number(field(cmi, 'score.scaled'))).toBe(expected.total / 100);
  const results = interactionsOf(cmi).map((i) => i.result);
  expect(results).toContain('incorrect');
  expect(results).not.toContain('wrong');
  expect(interactionsOf(cmi).map((i) => i.id)).toEqual(
    expect.arrayContaining(expected.findings.map((f) => `${SCENARIO}.finding.${f.id}`)),
  );
});

test.describe('launches that go wrong', () => {
  test('an LMS that refuses to start: not reported, and a call is played and stored all the same', async ({
    page,
  }) => {
    const refused = learner('PC0101', 'Refused, Rita');
    const model = parseAttempt(scenario.referenceAttempts.model);
    const frame = await openCourse(page, harness.launchUrl('scorm12', refused, { refuseStart: true }));
    await expect(frame.getByRole('note')).toContainText(/refused to start this session \(error \d+/);
    await expect(frame.getByRole('note')).toContainText('Results are not reported in this session');
    await expect(frame.getByText(/Signed in by your LMS/)).toHaveCount(0);
    await startScenario(page, frame);

    const played = model.events.findIndex((event) => event.type === 'trainee.speak') + 1;
    await playAttempt(frame, scenario, model.events, { to: played });
    const attempt = attemptIn(frame);
    await expect
      .poll(async () => storedActions((await stored(frame, attempt)).rows.map((row) => row.entry)))
      .toEqual(actionLines(model.events.slice(0, played)));
    expect(harness.record('scorm12', refused).suspendData).toEqual([]);
  });

  test('the package opened with no LMS says so', async ({ page }) => {
    await page.goto(harness.packageUrl('scorm12'));
    await expect(page.getByRole('note')).toContainText(
      'This course was opened outside its LMS (no SCORM API and no cmi5 launch was found).',
    );
    await expect(page.getByRole('heading', { level: 3 })).toHaveText([title]);
  });

  test('the supervisor screens are not part of the course in the LMS', async ({ page }) => {
    await page.goto(harness.launchUrl('scorm12', learner('PC0102', 'Curious, Carl')));
    const frame = await courseFrame(page);
    await expect(frame.getByText(l.signedIn('Carl Curious', 'SCORM 1.2'))).toBeVisible();
    for (const screen of ['#/supervise', `#/reference/${SCENARIO}/model`]) {
      await frame.goto(harness.packageUrl('scorm12') + screen);
      await expect(frame.getByText(l.notInCourse)).toBeVisible();
    }
  });
});
