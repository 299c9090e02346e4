import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { AttemptFormatError, type Attempt, type AttemptEntry } from '../engine/attempt.ts';
import { replay } from '../engine/replay.ts';
import { unassessedFor } from './provenance.ts';
import { scoreCall } from './score.ts';
import type { ScoreReport } from './types.ts';

/**
 * Replays an attempt on the scenario it was played on and scores the call it produced; a historical
 * attempt is not assessed where its sources are silent.
 */
export function scoreAttempt(scenario: ScenarioModule, attempt: Attempt): ScoreReport {
  const { id, version } = scenario.definition;
  if (attempt.scenario !== id) {
    throw new AttemptFormatError(`attempt.scenario: the attempt is for "${attempt.scenario}", not "${id}"`);
  }
  if (attempt.scenarioVersion !== version) {
    throw new AttemptFormatError(
      `attempt.scenarioVersion: the attempt was played on version ${attempt.scenarioVersion} of ${id}; this is version ${version}`,
    );
  }
  const snapshot = replay(scenario.machine, attempt.events);
  return scoreCall(
    scenario.definition,
    scenario.answerKey,
    snapshot.context,
    unassessedFor(attempt, scenario.answerKey),
  );
}

/** Replays events on a scenario and scores the call they produce. */
export function scoreEvents(scenario: ScenarioModule, events: readonly AttemptEntry[]): ScoreReport {
  const snapshot = replay(scenario.machine, events);
  return scoreCall(scenario.definition, scenario.answerKey, snapshot.context);
}
