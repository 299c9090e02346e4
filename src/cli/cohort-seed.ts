/*
 * The stored cohort the bench's cohort measures open: 10,000 finished attempts (250 trainees, 40 each,
 * every scenario, on two courses), written straight into the app's IndexedDB of a page of the built app.
 * cohortRenderMs times opening the cohort view over it; cohortLiveMs times that view taking in one more
 * attempt as it arrives from a classroom.
 */
import type { Page } from '@playwright/test';
import { BANDS } from '../../machines/vocabulary.ts';
import { catalogue } from '../../scenarios/catalogue.ts';
import { strings } from '../strings/en-gb.ts';

export const COHORT_TRAINEES = 250;
const ATTEMPTS_EACH = 40;

/**
 * Opens the supervisor's screen at `url` (so the app has made its database) and stores the cohort:
 * trainees `bench-t0` … named `PC 4000 Trainee` …, each with finished, scored attempts.
 */
export async function seedCohort(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/supervise`);
  await page.getByRole('heading', { name: strings.ui.supervise.traineesHeading }).waitFor();
  const scenarios = catalogue.map((entry) => ({ id: entry.id, version: entry.version }));
  await page.evaluate(
    async ({ scenarios, bands, trainees, each }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('control-room-trainer');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(['attempts', 'trainees'], 'readwrite');
      const attempts = tx.objectStore('attempts');
      const people = tx.objectStore('trainees');
      for (let t = 0; t < trainees; t++) {
        const name = `PC ${4000 + t} Trainee`;
        people.put({ id: `bench-t${t}`, name, nameKey: name.toLowerCase() });
        for (let a = 0; a < each; a++) {
          const scenario = scenarios[a % scenarios.length] ?? { id: '', version: 1 };
          const total = (t * 7 + a * 13) % 101;
          const startedAt = new Date(Date.UTC(2026, 0, 1) + (t * each + a) * 3_600_000).toISOString();
          attempts.put({
            id: `bench-${t}-${a}`,
            scenario: scenario.id,
            scenarioVersion: scenario.version,
            trainee: name,
            traineeId: `bench-t${t}`,
            course: t % 2 ? 'bench-intake' : 'bench-cpd',
            startedAt,
            updatedAt: startedAt,
            status: 'finished',
            eventCount: 40,
            score: {
              total,
              band: bands[Math.min(4, Math.floor((100 - total) / 20))],
              dimensions: {
                openingCode: (total + 11) % 101,
                grading: (total + 22) % 101,
                thrive: (total + 33) % 101,
                ndm: (total + 44) % 101,
                logging: (total + 55) % 101,
                escalation: (total + 66) % 101,
              },
              critical: 0,
            },
          });
        }
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { scenarios, bands: [...BANDS], trainees: COHORT_TRAINEES, each: ATTEMPTS_EACH },
  );
}
