import { loadScenarioVersion } from '../../scenarios/catalogue.ts';
import type { Course } from '../records/records.ts';
import { scoreEvents } from '../scoring/score-attempt.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';
import type { CohortAttempt } from '../supervision/cohort.ts';
import { summariseScore } from '../supervision/score-summary.ts';

/**
 * What the cohort view reads: finished attempts with their scores, and the courses to filter by. Any
 * finished before scores were kept with attempts is scored now and its score kept, so only once.
 */
export async function loadCohort(
  store: AttemptStore,
): Promise<{ attempts: CohortAttempt[]; courses: Course[] }> {
  const [records, trainees, courses] = await Promise.all([store.list(), store.trainees(), store.courses()]);
  const names = new Map(trainees.map((t) => [t.id, t.name]));
  const attempts: CohortAttempt[] = [];
  for (const record of records) {
    // What-ifs explore an attempt; they are not assessed.
    if (record.status !== 'finished' || record.forkedFrom) continue;
    let score = record.score;
    if (!score) {
      const module = await loadScenarioVersion(record.scenario, record.scenarioVersion);
      const stored = await store.load(record.id);
      if (!module || !stored) continue;
      score = summariseScore(scoreEvents(module, stored.entries));
      await store.saveScore(record.id, score);
    }
    attempts.push({
      id: record.id,
      trainee: record.traineeId,
      traineeName: names.get(record.traineeId) ?? record.trainee,
      scenario: record.scenario,
      ...(record.course ? { course: record.course } : {}),
      startedAt: record.startedAt,
      score,
    });
  }
  return { attempts, courses };
}
