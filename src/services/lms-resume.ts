/*
 * A call the LMS says was in progress when the trainee last left the course: here in this browser's
 * storage already, brought in from what the LMS kept (another computer), or lost to this computer
 * (its record was too long for the LMS to keep).
 */
import type { AttemptEntry } from '../engine/attempt.ts';
import type { Player } from '../records/records.ts';
import type { AttemptRecord } from '../records/tables.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';

export interface CallToResume {
  attempt: string;
  scenario: string;
  scenarioVersion: number;
  startedAt: string;
  /** Absent when the LMS could not keep them. */
  events?: AttemptEntry[];
}

export type Resumed = 'here' | 'brought' | 'lost';

/**
 * Where the call can carry on. Brought in, it is stored under its own id, with its events as they were
 * played, for the player and course given: the same attempt, not a copy.
 */
export async function resumeCall(
  store: AttemptStore,
  call: CallToResume,
  player: Player,
  course: string,
): Promise<Resumed> {
  if (await store.load(call.attempt)) return 'here';
  const { events } = call;
  if (!events) return 'lost';
  const trainee = await store.traineeFor(player);
  const record: AttemptRecord = {
    id: call.attempt,
    scenario: call.scenario,
    scenarioVersion: call.scenarioVersion,
    trainee: trainee.name,
    traineeId: trainee.id,
    course,
    startedAt: call.startedAt,
    updatedAt: events.at(-1)?.wall ?? call.startedAt,
    status: 'in-progress',
    eventCount: events.length,
  };
  await store.transaction('write', async (tables) => {
    await tables.put('attempts', [record]);
    await tables.put(
      'events',
      events.map((entry, seq) => ({ attemptId: record.id, seq, entry })),
    );
  });
  return 'brought';
}
