/*
 * Starting and playing attempts, without the screens: a new attempt, a stored one loaded to be played
 * on and the log it is played into, and a what-if played on from any attempt.
 */
import type { CallContext } from '../../machines/call-context.ts';
import { findScenario } from '../../scenarios/catalogue.ts';
import type { ScenarioContent, ScenarioMeta, ScenarioModule } from '../../scenarios/scenario-module.ts';
import type { AttemptEntry } from '../engine/attempt.ts';
import type { AttemptLog } from '../engine/session.ts';
import type { Player } from '../records/records.ts';
import type { AttemptRecord } from '../records/tables.ts';
import { scoreCall } from '../scoring/score.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';
import { strings } from '../strings/en-gb.ts';
import { summariseScore } from '../supervision/score-summary.ts';
import { loadStoredAttempt } from './stored-attempt.ts';

/** A new attempt at a scenario by the player (their trainee made if new), counted towards `course`. */
export async function startAttempt(
  store: AttemptStore,
  scenario: Pick<ScenarioMeta, 'id' | 'version'>,
  player: Player,
  course?: string,
): Promise<AttemptRecord> {
  return store.create(scenario.id, scenario.version, await store.traineeFor(player), course);
}

/**
 * A stored attempt with what playing on needs: its scenario and the scenario's words, and whether its
 * course shows the question and advice menu.
 */
export async function loadAttemptToPlay(
  store: AttemptStore,
  attemptId: string,
): Promise<{
  record: AttemptRecord;
  entries: AttemptEntry[];
  scenario: ScenarioModule;
  content: ScenarioContent;
  assisted: boolean;
}> {
  // A call carries on on the version it was started on, even if the scenario has changed since.
  const { module: scenario, record, entries } = await loadStoredAttempt(store, attemptId);
  const entry = findScenario(record.scenario);
  if (!entry) throw new Error(strings.ui.scenarioNotFound);
  const [content, courses] = await Promise.all([entry.loadContent(), store.courses()]);
  const assisted = courses.some((course) => course.id === record.course && course.assisted === true);
  return { record, entries, scenario, content, assisted };
}

/**
 * The log a call is played into: the event that reaches the debrief is stored with the attempt finished
 * and the machine's marks for the call as it ended, in one write.
 */
export function playLog(store: AttemptStore, attemptId: string, scenario: ScenarioModule): AttemptLog {
  return store.logFor(attemptId, (call: CallContext) =>
    summariseScore(scoreCall(scenario.definition, scenario.answerKey, call)),
  );
}

/**
 * A what-if: a new attempt holding the events up to `position` of the attempt being reviewed, a stored
 * one (kept with the trainee and course it was played by) or a scenario's reference attempt (played on
 * by the player).
 */
export async function startWhatIf(
  store: AttemptStore,
  reviewed: {
    module: ScenarioModule;
    entries: readonly AttemptEntry[];
    record?: AttemptRecord;
    reference?: keyof ScenarioModule['referenceAttempts'];
  },
  position: number,
  player: Player,
): Promise<AttemptRecord> {
  const { module, entries, record, reference } = reviewed;
  if (record) return store.fork(record.id, position);
  return store.startFrom({
    scenario: module.definition.id,
    scenarioVersion: module.definition.version,
    trainee: await store.traineeFor(player),
    // Played on by a trainee, the what-if is theirs: where the real call's events came from stays with it.
    entries: entries.slice(0, position).map(({ provenance: _provenance, ...entry }) => entry),
    forkedFrom: { attempt: `reference:${module.definition.id}:${reference ?? 'model'}`, event: position },
  });
}
