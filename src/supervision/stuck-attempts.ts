/*
 * Until an attempt's last event and its finishing were stored in one write (AttemptStore.logFor), a page
 * closed between the two left an attempt whose log reaches the debrief marked "in progress", with no
 * marks: missing from the trainee's report and the cohort, for ever. Each such attempt is finished when
 * storage opens, with the marks of the call as its log ends.
 */
import type { AttemptEntry } from '../engine/attempt.ts';
import { ReplayError, replay } from '../engine/replay.ts';
import type { ScoreSummary } from '../records/records.ts';
import type { AttemptRecord } from '../records/tables.ts';
import { scoreCall } from '../scoring/score.ts';
import type { ScenarioVersions } from './catalogue-scenarios.ts';
import { summariseScore } from './score-summary.ts';

/** What finishing stuck attempts needs of the store. */
export interface AttemptTables {
  list(): Promise<AttemptRecord[]>;
  load(attemptId: string): Promise<{ record: AttemptRecord; entries: AttemptEntry[] } | null>;
  markFinished(attemptId: string, score: ScoreSummary): Promise<void>;
}

/** Finishes every attempt left in progress whose log reaches the debrief; returns how many. */
export async function finishStuckAttempts(
  store: AttemptTables,
  loadScenario: ScenarioVersions['load'],
): Promise<number> {
  let finished = 0;
  for (const record of await store.list()) {
    if (record.status !== 'in-progress' || record.eventCount === 0) continue;
    const [stored, module] = await Promise.all([
      store.load(record.id),
      loadScenario(record.scenario, record.scenarioVersion),
    ]);
    if (!stored || !module) continue;
    let call;
    try {
      call = replay(module.machine, stored.entries);
    } catch (error) {
      // A log this build cannot replay is left as it is, never lost; the review says why it cannot open.
      if (error instanceof ReplayError) continue;
      throw error;
    }
    if (call.status !== 'done') continue;
    await store.markFinished(
      record.id,
      summariseScore(scoreCall(module.definition, module.answerKey, call.context)),
    );
    finished++;
  }
  return finished;
}
