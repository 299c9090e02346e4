/*
 * syncMsPer100Attempts, for npm run bench: a device's push of 100 finished attempts to a classroom
 * server on this machine, as the trainee's sync sends them. The device is a Node PouchDB (memory, the
 * HTTP adapter) holding each attempt's documents (header, every event of case 2's model attempt, finish:
 * src/sync/mirror.ts); the server is the classroom server in memory, replicating each trainee's database
 * into the course database as it runs. The device signs in by session cookie, as the browser does (Basic
 * auth would hash the password again on every request). Timed from the replication's start to its end;
 * median of 3 runs, each by a trainee of their own into an empty database, each checked to arrive whole.
 *
 * The trainee's device here (modelAttemptDocs, pushAsTrainee) is also the one cohortLiveMs plays.
 */
import { performance } from 'node:perf_hooks';
import httpAdapter from 'pouchdb-adapter-http';
import PouchDB from 'pouchdb-core';
import type { PouchStatic } from 'pouchdb-browser';
import { findScenario } from '../../scenarios/catalogue.ts';
import { startClassroom, type Classroom, type ClassroomUser } from '../classroom/server.ts';
import { parseAttempt, type Attempt } from '../engine/attempt.ts';
import type { ScoreSummary } from '../records/records.ts';
import type { AttemptRecord } from '../records/tables.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { scoreAttempt } from '../scoring/score-attempt.ts';
import { summariseScore } from '../supervision/score-summary.ts';
import { traineeDatabase, type SyncDoc } from '../sync/documents.ts';
import { attemptGaps, docsForGap, isSentDoc } from '../sync/mirror.ts';

// The server's module has given PouchDB the memory adapter and replication; a device also needs HTTP.
const Device = PouchDB.plugin(httpAdapter) as unknown as PouchStatic;

const ATTEMPTS = 100;

/** Case 2's model attempt and its marks: what the bench's trainees play. */
export async function benchModel(): Promise<{
  scenario: ScenarioModule;
  model: Attempt;
  score: ScoreSummary;
}> {
  const scenario = await findScenario('ltl41-02')?.load();
  if (!scenario) throw new Error('no ltl41-02');
  const model = parseAttempt(scenario.referenceAttempts.model);
  return { scenario, model, score: summariseScore(scoreAttempt(scenario, model)) };
}

/**
 * The documents a trainee's device sends for one finished play of the model attempt (header, every
 * event, finish with the device's marks), made by the trainee sync's own arithmetic (src/sync/mirror.ts).
 */
export function modelAttemptDocs(
  played: Awaited<ReturnType<typeof benchModel>>,
  course: string,
  user: ClassroomUser,
  attempt: { id: string; startedAt: Date },
): SyncDoc[] {
  const { scenario, model, score } = played;
  const record: AttemptRecord = {
    id: attempt.id,
    scenario: scenario.definition.id,
    scenarioVersion: scenario.definition.version,
    trainee: user.displayName,
    traineeId: user.name,
    course,
    startedAt: attempt.startedAt.toISOString(),
    updatedAt: new Date(attempt.startedAt.getTime() + 30_000).toISOString(),
    status: 'finished',
    eventCount: model.events.length,
    score,
  };
  const [gap] = attemptGaps([record], new Map());
  return gap ? docsForGap({ course, user: user.name }, record, model.events, gap) : [];
}

/**
 * Pushes `docs` from a device of the trainee's own (a Node PouchDB in memory) to their database on the
 * classroom server, signed in by session cookie as the browser is, as the trainee's sync does (one
 * replication, only what a device sends). Resolves, once every document is checked to be on the server,
 * with the replication's duration in ms and the moment it completed (ms since the epoch, high resolution,
 * as a page's `performance.timeOrigin + performance.now()` reads it).
 */
export async function pushAsTrainee(
  classroom: Classroom,
  user: ClassroomUser,
  docs: readonly SyncDoc[],
  device = `bench-device-${user.name}`,
): Promise<{ ms: number; completedAt: number }> {
  const local = new Device(device, { adapter: 'memory' });
  await local.bulkDocs([...docs]);
  const database = traineeDatabase(classroom.course.id, user.name);
  const session = await fetch(new URL('_session', classroom.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: user.name, password: user.password }),
  });
  if (!session.ok) throw new Error(`${user.name} could not sign in (HTTP ${session.status})`);
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const remote = new Device(`${classroom.url}${database}`, {
    skip_setup: true,
    headers: { Cookie: cookie },
  } as { skip_setup: boolean });
  try {
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      Device.replicate(local, remote, { live: false, retry: false, filter: isSentDoc })
        .on('complete', () => resolve())
        .on('denied', reject)
        .on('error', reject);
    });
    const end = performance.now();
    const sent = new Set(docs.map((doc) => doc._id));
    const arrived = await remote.allDocs({ keys: [...sent] });
    const missing = arrived.rows.filter(
      (row) => row.error !== undefined || !row.value || row.value.deleted,
    ).length;
    if (missing > 0) throw new Error(`the push left ${missing} of ${sent.size} documents off the server`);
    return { ms: end - start, completedAt: performance.timeOrigin + end };
  } finally {
    await Promise.all([local.close(), remote.close()]);
  }
}

export async function syncMsPer100Attempts(runs = 3): Promise<number> {
  const played = await benchModel();
  const trainees = Array.from({ length: runs }, (_, run) => `Bench ${run + 1}`);
  const classroom = await startClassroom({ course: 'Bench sync', trainees, supervisors: [], port: 0 });
  try {
    const times: number[] = [];
    for (const user of classroom.users) {
      const docs = Array.from({ length: ATTEMPTS }, (_, index) =>
        modelAttemptDocs(played, classroom.course.id, user, {
          id: `bench-${user.name}-${index}`,
          startedAt: new Date(Date.UTC(2027, 0, 11, 9, index)),
        }),
      ).flat();
      times.push((await pushAsTrainee(classroom, user, docs)).ms);
    }
    times.sort((a, b) => a - b);
    return Math.round(times[Math.floor(times.length / 2)] ?? 0);
  } finally {
    await classroom.stop();
  }
}
