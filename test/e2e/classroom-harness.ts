/*
 * A classroom server seen from the end-to-end tests: what it holds for an attempt (over HTTP, as a given
 * user), what a device's own store holds, and a browser context joining from the home screen.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Classroom } from '../../src/classroom/server.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { activate, expectAxeClean, tabTo, typeInto } from './keyboard.ts';

const c = strings.ui.classroom;

/** The attempt documents the server holds for one attempt, in a database, as a user sees them. */
export async function attemptDocs(
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

/** The moderations in a database on the server, as a user sees them. */
export async function moderationsOn(
  classroom: Classroom,
  as: { name: string; password: string },
  database: string,
): Promise<{ attempt: string; supervisor: string; reason: string }[]> {
  try {
    const response = await fetch(
      new URL(
        `${database}/_all_docs?include_docs=true&startkey="moderation:"&endkey="moderation:\uffff"`,
        classroom.url,
      ),
      { headers: { authorization: `Basic ${Buffer.from(`${as.name}:${as.password}`).toString('base64')}` } },
    );
    if (!response.ok) return [];
    const body = (await response.json()) as { rows: { doc: Record<string, unknown> }[] };
    return body.rows.map(({ doc }) => ({
      attempt: String(doc['attempt']),
      supervisor: String(doc['supervisor']),
      reason: String(doc['reason']),
    }));
  } catch {
    return [];
  }
}

/** The ids an attempt of `events` events makes, in order: header, each event, finish. */
export const expectedIds = (attempt: string, events: number) => [
  `attempt:${attempt}`,
  ...Array.from({ length: events }, (_, seq) => `attempt:${attempt}:event:${String(seq).padStart(6, '0')}`),
  `attempt:${attempt}:finished`,
];

/** What a device's own store holds of an attempt: its status, its score if any, and how many events. */
export interface StoredAttempt {
  status?: string;
  total?: number;
  band?: string;
  events: number;
}

/** Reads `attempt` from the app's IndexedDB in `page`; the bench checks a supervisor's device with it too. */
export function storedAttempt(page: Page, attempt: string): Promise<StoredAttempt> {
  return page.evaluate(
    (id) =>
      new Promise<StoredAttempt>((resolve, reject) => {
        const opening = indexedDB.open('control-room-trainer');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const tx = db.transaction(['attempts', 'events'], 'readonly');
          const record = tx.objectStore('attempts').get(id);
          const count = tx.objectStore('events').index('attemptId').count(IDBKeyRange.only(id));
          tx.oncomplete = () => {
            db.close();
            const found = record.result as
              { status: string; score?: { total: number; band: string } } | undefined;
            resolve({
              status: found?.status,
              total: found?.score?.total,
              band: found?.score?.band,
              events: count.result,
            });
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
export async function joinClassroom(
  context: BrowserContext,
  classroom: Classroom,
  user: string,
  password: string,
  mistyped?: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2027-01-11T09:00:00Z') });
  await page.goto('/');
  await joinOnHomeScreen(page, classroom, user, password, mistyped);
  return page;
}

/** From the home screen already open, joins the classroom as `user`, and waits until the sync says so. */
export async function joinOnHomeScreen(
  page: Page,
  classroom: Classroom,
  user: string,
  password: string,
  mistyped?: string,
): Promise<void> {
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
  if (classroom.users.find((u) => u.name === userName)?.role === 'supervisor') {
    await expect(
      page.getByText(`${c.supervising(host, userName, classroom.course.title)} ${c.supervisorSynced}`),
    ).toBeVisible();
    return;
  }
  await expect(page.getByText(`${c.syncing(host, userName)} ${c.allSent}`)).toBeVisible();
  await expect(page.getByText(c.youAre(userName))).toBeVisible();
}
