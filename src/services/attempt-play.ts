/*
 * Starting and playing attempts, without the screens: a new attempt, a what-if played on from one.
 */
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import type { AttemptEntry } from '../engine/attempt.ts';
import type { AttemptRecord } from '../records/tables.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';

/**
 * A what-if: a new attempt holding the events up to `position` of the attempt being reviewed, a stored
 * one (kept with the trainee and course it was played by) or a scenario's reference attempt (played on
 * by the trainee named in preferences).
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
  traineeName: string,
): Promise<AttemptRecord> {
  const { module, entries, record, reference } = reviewed;
  if (record) return store.fork(record.id, position);
  return store.startFrom({
    scenario: module.definition.id,
    scenarioVersion: module.definition.version,
    trainee: await store.traineeNamed(traineeName),
    entries: entries.slice(0, position),
    forkedFrom: { attempt: `reference:${module.definition.id}:${reference ?? 'model'}`, event: position },
  });
}
