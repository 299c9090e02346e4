/*
 * Offline once loaded: the app is opened once with the network, its worker fetches the app and every
 * scenario's sound; then the network goes, the page is reloaded (from the worker), and a whole call is
 * played with the keyboard, sound included, to its debrief, stored on the device as finished. The page
 * says it is offline, and says so again when the network is back. The only spec that lets the worker run
 * (playwright.config.ts blocks it for the others). The device has joined a classroom server before the
 * network goes: once it is back, the attempt played offline reaches the server whole.
 */
import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { findScenario } from '../../scenarios/catalogue.ts';
import { parseAttempt } from '../../src/engine/attempt.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { startClassroom } from '../../src/classroom/server.ts';
import { attemptDocs, expectedIds, joinOnHomeScreen, storedAttempt } from './classroom-harness.ts';
import { activate, expectAxeClean } from './keyboard.ts';
import { pauseClockSoon, playAttempt } from './play-attempt.ts';

test.use({ serviceWorkers: 'allow' });

const o = strings.ui.offline;
const built = new URL('../../dist/assets/', import.meta.url).pathname;

/** The file names in the worker's precache. */
async function precached(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names: string[] = [];
    for (const cacheName of await caches.keys()) {
      if (!cacheName.includes('precache')) continue;
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) names.push(new URL(request.url).pathname.replace(/.*\//, ''));
    }
    return names;
  });
}

/** The attempts stored on the device for a scenario, as IndexedDB holds them. */
async function storedAttempts(page: Page, scenario: string): Promise<{ status: string }[]> {
  return page.evaluate(
    (scenario) =>
      new Promise<{ status: string }[]>((resolve, reject) => {
        const opening = indexedDB.open('control-room-trainer');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const all = db.transaction('attempts').objectStore('attempts').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            db.close();
            resolve(
              (all.result as { scenario: string; status: string }[]).filter((a) => a.scenario === scenario),
            );
          };
        };
      }),
    scenario,
  );
}

test('loaded once, the app plays a whole call with its sound with the network gone, says so, and syncs it after', async ({
  page,
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('no app address');
  const classroom = await startClassroom({
    course: 'E2E Offline',
    trainees: ['T'],
    supervisors: [],
    host: '127.0.0.1',
    port: 0,
    origins: [new URL(baseURL).origin],
  });
  const trainee = { name: 't', password: classroom.users.find((user) => user.name === 't')?.password ?? '' };
  try {
    const entry = findScenario('ltl41-04');
    if (!entry) throw new Error('no ltl41-04');
    const scenario = await entry.load();
    const model = parseAttempt(scenario.referenceAttempts.model);
    const expected = scoreAttempt(scenario, model);

    // Online, once: the worker installs (everything fetched) and takes the page.
    await page.goto('/');
    await expect(page.getByText(o.readiness.ready)).toBeVisible({ timeout: 60_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cached = new Set(await precached(page));
    const sound = readdirSync(built).filter((name) => /\.(ogg|vtt)$/.test(name));
    expect(sound.length).toBeGreaterThan(400);
    expect(sound.filter((name) => !cached.has(name))).toEqual([]);
    expect([...cached].filter((name) => name.endsWith('.mp3'))).toEqual([]);
    // The sync's own code (PouchDB, loaded once a classroom is joined) is cached with the rest.
    await joinOnHomeScreen(page, classroom, 'T', trainee.password);

    // The network goes; everything the page asks for from now on must come from the worker.
    await context.setOffline(true);
    const notFromWorker: string[] = [];
    // The app's own files, that is: the classroom server is not there, and the sync says so.
    const fromApp = (url: string) => url.startsWith(new URL(baseURL).origin);
    page.on('response', (response) => {
      if (fromApp(response.url()) && !response.fromServiceWorker()) notFromWorker.push(response.url());
    });
    page.on('requestfailed', (request) => {
      if (fromApp(request.url())) notFromWorker.push(`failed ${request.url()}`);
    });
    await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
    await page.reload();
    const status = page.locator('[role="status"]');
    await expect(status.filter({ hasText: o.offline })).toBeVisible();
    await expectAxeClean(page, 'home, offline');

    await activate(page, page.getByRole('link', { name: strings.ui.startScenario(entry.title) }));
    await expect(page.getByRole('heading', { name: strings.ui.mdx.contentNote })).toBeVisible();
    const attempt = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    await pauseClockSoon(page);
    await playAttempt(page, scenario, model.events);
    await page.clock.resume();
    await expect(page.getByRole('heading', { name: strings.ui.debrief.heading(entry.title) })).toBeVisible();
    await expect(page.locator('.score')).toContainText(strings.ui.debrief.total(expected.total));

    // The caller was heard: lines started in a running audio context, from the cached sound.
    const played = await page.evaluate(() => window.__controlRoomSound?.played ?? []);
    const lines = played.filter((p) => p.cue !== 'ringing');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((p) => p.audioState === 'running')).toBe(true);
    expect(await storedAttempts(page, entry.id)).toEqual([expect.objectContaining({ status: 'finished' })]);
    await expect(status.filter({ hasText: o.offline })).toBeVisible();
    expect(notFromWorker).toEqual([]);

    // The network returns.
    await context.setOffline(false);
    await expect(status.filter({ hasText: o.backOnline })).toBeVisible();
    await expect(status.filter({ hasText: o.offline })).toHaveCount(0);
    await expectAxeClean(page, 'debrief, back online');

    // And the attempt played offline reaches the classroom server, every event once.
    const stored = await storedAttempt(page, attempt);
    await expect
      .poll(
        async () =>
          (await attemptDocs(classroom, trainee, `${classroom.courseDatabase}-t-t`, attempt)).map(
            (doc) => doc.id,
          ),
        {
          timeout: 30_000,
        },
      )
      .toEqual(expectedIds(attempt, stored.events));
  } finally {
    await classroom.stop();
  }
});
