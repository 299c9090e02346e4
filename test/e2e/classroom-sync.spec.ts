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
 *   A supervisor (over HTTP, as the supervisor's screens are a later step) moderates A's attempt in A's
 *   database, and A's review of the attempt shows the moderation. A mistyped password is refused in
 *   words; leaving the classroom keeps the attempt on the device.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { findScenario } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { startClassroom, type Classroom, type ClassroomOptions } from '../../src/classroom/server.ts';
import { parseAttempt, type Attempt } from '../../src/engine/attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { moderationDoc } from '../../src/sync/documents.ts';
import { activate, expectAxeClean, tabTo, typeInto } from './keyboard.ts';
import { playAttempt } from './play-attempt.ts';

const c = strings.ui.classroom;
const SCENARIO = 'ltl41-04';

/** The attempt documents the server holds for one attempt, in a database, as a user sees them. */
async function attemptDocs(
  classroom: Classroom,
  as: { name: string; password: string },
  database: string,
  attempt: string,
): Promise<{ id: string; rev: string; conflicts?: unknown; eventCount?: unknown }[]> {
  const range = `startkey="attempt:${attempt}"&endkey="attempt:${attempt}\uffff"`;
  try {
    const response = await fetch(
      new URL(`${database}/_all_docs?include_docs=true&conflicts=true&${range}`, classroom.url),
      { headers: { authorization: `Basic ${Buffer.from(`${as.name}:${as.password}`).toString('base64')}` } },
    );
    if (!response.ok) return [];
    const body = (await response.json()) as {
      rows: { id: string; doc: { _rev: string; _conflicts?: unknown; eventCount?: unknown } }[];
    };
    return body.rows.map(({ id, doc }) => ({
      id,
      rev: doc._rev,
      ...(doc._conflicts ? { conflicts: doc._conflicts } : {}),
      ...(doc.eventCount === undefined ? {} : { eventCount: doc.eventCount }),
    }));
  } catch {
    // The server is stopped for a moment: nothing to see.
    return [];
  }
}

/** The ids an attempt of `events` events makes, in order: header, each event, finish. */
const expectedIds = (attempt: string, events: number) => [
  `attempt:${attempt}`,
  ...Array.from({ length: events }, (_, seq) => `attempt:${attempt}:event:${String(seq).padStart(6, '0')}`),
  `attempt:${attempt}:finished`,
];

/** What the device's own store holds of an attempt: its status and how many events. */
function storedAttempt(page: Page, attempt: string): Promise<{ status: string; events: number }> {
  return page.evaluate(
    (id) =>
      new Promise<{ status: string; events: number }>((resolve, reject) => {
        const opening = indexedDB.open('control-room-trainer');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const tx = db.transaction(['attempts', 'events'], 'readonly');
          const record = tx.objectStore('attempts').get(id);
          const count = tx.objectStore('events').index('attemptId').count(IDBKeyRange.only(id));
          tx.oncomplete = () => {
            db.close();
            resolve({ status: (record.result as { status: string }).status, events: count.result });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    attempt,
  );
}

/**
 * Opens the app in a context whose clock the test controls, and joins the classroom as `user`; with
 * `mistyped`, that password first, which is refused in words.
 */
async function joinClassroom(
  context: BrowserContext,
  classroom: Classroom,
  user: string,
  password: string,
  mistyped?: string,
) {
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2027-01-11T09:00:00Z') });
  await page.goto('/');
  await activate(page, page.getByText(c.heading, { exact: true }));
  await typeInto(page, c.server, classroom.url);
  await typeInto(page, c.user, user);
  const passwordField = page.getByLabel(c.password, { exact: true });
  if (mistyped) {
    await tabTo(page, passwordField);
    await page.keyboard.type(mistyped);
    await activate(page, page.getByRole('button', { name: c.join }));
    await expect(page.getByRole('alert')).toHaveText(c.wrongPassword);
    await tabTo(page, passwordField);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
  }
  await tabTo(page, passwordField);
  await page.keyboard.type(password);
  await expectAxeClean(page, 'join a classroom');
  await activate(page, page.getByRole('button', { name: c.join }));
  const host = new URL(classroom.url).host;
  const userName = user.toLowerCase();
  await expect(page.getByText(`${c.syncing(host, userName)} ${c.allSent}`)).toBeVisible();
  await expect(page.getByText(c.youAre(userName))).toBeVisible();
  return page;
}

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
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 2000);
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
    contexts.push(contextA, contextB);
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

    // ---- a supervisor moderates A's attempt; A's device shows it ----
    // A's debrief, open since the call ended, has no moderation yet, and shows it once the sync keeps it.
    const moderationOnDebrief = pageA.getByRole('region', { name: strings.ui.debrief.moderationHeading });
    await expect(
      pageA.getByRole('heading', { level: 2, name: strings.ui.debrief.scoreHeading }),
    ).toBeVisible();
    await expect(moderationOnDebrief).toHaveCount(0);
    const reason = 'Grade 2 was right here: nobody was in danger on the road.';
    const moderation = moderationDoc(course, 'a', {
      id: 'e2e-moderation-1',
      attempt: attemptA,
      supervisor: 's',
      at: '2027-01-11T10:00:00.000Z',
      target: { kind: 'dimension', dimension: 'grading', mark: 42 },
      reason,
    });
    const written = await fetch(
      new URL(`${course}-t-a/${encodeURIComponent(moderation._id)}`, classroom.url),
      {
        method: 'PUT',
        headers: {
          authorization: `Basic ${Buffer.from(`s:${as('s').password}`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(moderation),
      },
    );
    expect(written.status).toBe(201);
    await expect(moderationOnDebrief).toContainText(reason, { timeout: 30_000 });
    await expect(
      pageA.getByRole('heading', { level: 2, name: strings.ui.debrief.machineScoreHeading }),
    ).toBeVisible();
    await pageA.goto(`/#/review/${encodeURIComponent(attemptA)}`);
    await expect
      .poll(
        async () => {
          await pageA.reload();
          return pageA.getByRole('table', { name: strings.ui.review.moderationHeading }).textContent();
        },
        { timeout: 30_000 },
      )
      .toContain(reason);
    const grading = pageA
      .getByRole('table', { name: strings.ui.review.moderationHeading })
      .getByRole('row', { name: new RegExp(`^${strings.vocabulary.dimensions.grading}`) });
    await expect(grading.getByRole('cell').nth(1)).toContainText('42');

    // ---- A leaves: sync stops, and the attempt stays on the device ----
    await activate(pageA, pageA.getByRole('link', { name: strings.ui.nav.scenarios }));
    await activate(pageA, pageA.getByRole('button', { name: c.leave }));
    await expect(pageA.getByText(c.heading, { exact: true })).toBeVisible();
    await expect(pageA.getByRole('textbox', { name: strings.ui.traineeName })).toHaveValue('a');
    await expect(pageA.locator('.attempt-list li')).toHaveCount(1);
    expect(await pageA.evaluate(() => localStorage.getItem('control-room-trainer.classroom'))).toBeNull();
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
    await classroom.stop();
    rmSync(data, { recursive: true, force: true });
  }
});
