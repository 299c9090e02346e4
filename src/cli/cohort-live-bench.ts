/*
 * cohortLiveMs, for npm run bench: how long a supervisor waits to see a trainee's finished attempt in
 * the cohort view they have open, with 10,000 attempts already stored (cohort-seed.ts), the built app in
 * Chromium, CPU not throttled (a supervisor's desktop), as cohortRenderMs.
 *
 * A classroom server in memory on this machine lets the app's origin in (CORS); the page joins it as the
 * course's supervisor through the home screen's classroom panel, as a supervisor does, and opens the
 * cohort. Then, per run, a new trainee's device (a Node PouchDB signed in as that trainee: sync-bench.ts)
 * pushes one finished play of case 2's model attempt to the trainee's database. Timed from that push
 * completing to the cohort grid, painted, having one trainee more; on the way the server replicates the
 * trainee's database into the course's, the supervisor's device pulls it into its mirror, keeps it in its
 * store, replays and scores it there, and the open view loads again. Each run is checked: the grid names
 * the trainee, and the device's store holds the attempt finished, every event, with the marks it worked out.
 * Median of 3 runs, each by a trainee of their own.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { startClassroom, type ClassroomUser } from '../classroom/server.ts';
import { strings } from '../strings/en-gb.ts';
import { COHORT_TRAINEES, seedCohort } from './cohort-seed.ts';
import { benchModel, modelAttemptDocs, pushAsTrainee } from './sync-bench.ts';
import { storedAttempt } from '../../test/e2e/classroom-harness.ts';

const c = strings.ui.classroom;
const SUPERVISOR = 'Bench Supervisor';
/** Longest a run waits for the grid before calling the live path broken. */
const GIVE_UP_MS = 30_000;

/** Joins the classroom at `server` from the home screen's panel, and waits for the sync to be up to date. */
async function joinAsSupervisor(page: Page, url: string, server: string, user: ClassroomUser) {
  await page.goto(`${url}#/`);
  await page.getByText(c.heading, { exact: true }).click();
  await page.getByLabel(c.server, { exact: true }).fill(server);
  await page.getByLabel(c.user, { exact: true }).fill(user.name);
  await page.getByLabel(c.password, { exact: true }).fill(user.password ?? '');
  await page.getByRole('button', { name: c.join }).click();
  await page.getByText(c.supervisorSynced, { exact: false }).waitFor({ timeout: GIVE_UP_MS });
}

/**
 * Starts watching the open cohort grid for `rows` trainees; the promise the page keeps resolves with the
 * moment (ms since the epoch) of the first frame painted after it has them.
 */
async function watchForRows(page: Page, rows: number): Promise<void> {
  await page.evaluate(
    ({ rows, giveUpMs }) => {
      // No named helpers in here: the bundler would wrap them in one the page does not have.
      const grid = 'table[data-cohort-rows]';
      (window as unknown as { __cohortShown?: Promise<number> }).__cohortShown = new Promise<number>(
        (resolve, reject) => {
          const timer = setTimeout(() => {
            observer.disconnect();
            const shown = document.querySelector(grid)?.getAttribute('data-cohort-rows');
            reject(new Error(`the cohort still showed ${shown} trainees, not ${rows}, after ${giveUpMs} ms`));
          }, giveUpMs);
          const observer = new MutationObserver(() => {
            if (document.querySelector(grid)?.getAttribute('data-cohort-rows') !== String(rows)) return;
            observer.disconnect();
            clearTimeout(timer);
            requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
          });
          observer.observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
            attributeFilter: ['data-cohort-rows'],
          });
        },
      );
    },
    { rows, giveUpMs: GIVE_UP_MS },
  );
}

/** The median of the runs, and each run, in ms. */
export async function cohortLive(
  url: string,
  context: BrowserContext,
  runs = 3,
): Promise<{ median: number; runs: number[] }> {
  const played = await benchModel();
  const trainees = Array.from({ length: runs }, (_, run) => `Live ${run + 1}`);
  const classroom = await startClassroom({
    course: 'Bench live cohort',
    trainees,
    supervisors: [SUPERVISOR],
    host: '127.0.0.1',
    port: 0,
    origins: [new URL(url).origin],
  });
  try {
    const supervisor = classroom.users.find((user) => user.role === 'supervisor');
    if (!supervisor) throw new Error('the classroom has no supervisor');
    const page = await context.newPage();
    await seedCohort(page, url);
    await joinAsSupervisor(page, url, classroom.url, supervisor);
    await page.evaluate(() => (window.location.hash = '#/cohort'));
    await page.locator(`table[data-cohort-rows="${COHORT_TRAINEES}"]`).waitFor({ timeout: GIVE_UP_MS });
    const times: number[] = [];
    const learners = classroom.users.filter((user) => user.role === 'trainee');
    for (const [run, trainee] of learners.entries()) {
      const rows = COHORT_TRAINEES + run + 1;
      await watchForRows(page, rows);
      const attempt = `live-${trainee.name}-${run}`;
      const docs = modelAttemptDocs(played, classroom.course.id, trainee, {
        id: attempt,
        startedAt: new Date(Date.now() - 600_000),
      });
      const { completedAt } = await pushAsTrainee(classroom, trainee, docs);
      const shownAt = await page.evaluate(
        () => (window as unknown as { __cohortShown?: Promise<number> }).__cohortShown,
      );
      if (shownAt === undefined) throw new Error('the cohort was not being watched');
      times.push(shownAt - completedAt);
      // Checked: the grid names the trainee, and the attempt is whole and scored on this device.
      await page
        .getByRole('rowheader', { name: trainee.displayName, exact: true })
        .waitFor({ timeout: 1000 });
      const stored = await storedAttempt(page, attempt);
      const wanted = { status: 'finished', total: played.score.total, band: played.score.band };
      if (
        stored.status !== wanted.status ||
        stored.total !== wanted.total ||
        stored.band !== wanted.band ||
        stored.events !== played.model.events.length
      )
        throw new Error(
          `attempt ${attempt} on the supervisor's device: ${JSON.stringify(stored)}, not ${JSON.stringify({ ...wanted, events: played.model.events.length })}`,
        );
    }
    // Left as a supervisor leaves: the device's sync stops before the server does.
    await page.goto(`${url}#/`);
    await page.getByRole('button', { name: c.leave }).click();
    await page.getByText(c.heading, { exact: true }).waitFor();
    const sorted = [...times].sort((a, b) => a - b);
    return {
      median: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      runs: times.map((ms) => Math.round(ms)),
    };
  } finally {
    await context.close();
    await classroom.stop();
  }
}
