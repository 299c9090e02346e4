/*
 * syncMsPer100Attempts, for npm run bench: a device's push of 100 finished attempts to a classroom
 * server on this machine, as the trainee's sync sends them. The device is a Node PouchDB (memory, the
 * HTTP adapter) holding each attempt's documents (header, every event of case 2's model attempt, finish:
 * src/sync/mirror.ts); the server is the classroom server in memory, replicating each trainee's database
 * into the course database as it runs. The device signs in by session cookie, as the browser does (Basic
 * auth would hash the password again on every request). Timed from the replication's start to its end;
 * median of 3 runs, each by a trainee of their own into an empty database, each checked to arrive whole.
 */
import { performance } from 'node:perf_hooks';
import httpAdapter from 'pouchdb-adapter-http';
import PouchDB from 'pouchdb-core';
import type { PouchStatic } from 'pouchdb-browser';
import { findScenario } from '../../scenarios/catalogue.ts';
import { startClassroom } from '../classroom/server.ts';
import { parseAttempt } from '../engine/attempt.ts';
import type { AttemptRecord } from '../records/tables.ts';
import { scoreAttempt } from '../scoring/score-attempt.ts';
import { summariseScore } from '../supervision/score-summary.ts';
import { traineeDatabase } from '../sync/documents.ts';
import { attemptGaps, docsForGap, isSentDoc } from '../sync/mirror.ts';

// The server's module has given PouchDB the memory adapter and replication; a device also needs HTTP.
const Device = PouchDB.plugin(httpAdapter) as unknown as PouchStatic;

const ATTEMPTS = 100;

export async function syncMsPer100Attempts(runs = 3): Promise<number> {
  const scenario = await findScenario('ltl41-02')?.load();
  if (!scenario) throw new Error('no ltl41-02');
  const model = parseAttempt(scenario.referenceAttempts.model);
  const score = summariseScore(scoreAttempt(scenario, model));
  const trainees = Array.from({ length: runs }, (_, run) => `Bench ${run + 1}`);
  const classroom = await startClassroom({ course: 'Bench sync', trainees, supervisors: [], port: 0 });
  try {
    const times: number[] = [];
    for (const user of classroom.users) {
      const identity = { course: classroom.course.id, user: user.name };
      const docs = Array.from({ length: ATTEMPTS }, (_, index) => {
        const record: AttemptRecord = {
          id: `bench-${user.name}-${index}`,
          scenario: scenario.definition.id,
          scenarioVersion: scenario.definition.version,
          trainee: user.displayName,
          traineeId: user.name,
          course: identity.course,
          startedAt: new Date(Date.UTC(2027, 0, 11, 9, index)).toISOString(),
          updatedAt: new Date(Date.UTC(2027, 0, 11, 9, index, 30)).toISOString(),
          status: 'finished',
          eventCount: model.events.length,
          score,
        };
        const [gap] = attemptGaps([record], new Map());
        return gap ? docsForGap(identity, record, model.events, gap) : [];
      }).flat();
      const local = new Device(`bench-device-${user.name}`, { adapter: 'memory' });
      await local.bulkDocs(docs);
      const database = traineeDatabase(identity.course, user.name);
      // Signed in by session cookie, as the browser is.
      const session = await fetch(new URL('_session', classroom.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: user.name, password: user.password }),
      });
      const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const remote = new Device(`${classroom.url}${database}`, {
        skip_setup: true,
        headers: { Cookie: cookie },
      } as { skip_setup: boolean });
      const start = performance.now();
      await new Promise<void>((resolve, reject) => {
        Device.replicate(local, remote, { live: false, retry: false, filter: isSentDoc })
          .on('complete', () => resolve())
          .on('denied', reject)
          .on('error', reject);
      });
      times.push(performance.now() - start);
      const arrived = await remote.changes({ since: 0 });
      const attemptDocs = arrived.results.filter((row) => row.id.startsWith('attempt:')).length;
      if (attemptDocs !== docs.length)
        throw new Error(`the push left ${attemptDocs} of ${docs.length} documents on the server`);
      await Promise.all([local.close(), remote.close()]);
    }
    times.sort((a, b) => a - b);
    return Math.round(times[Math.floor(times.length / 2)] ?? 0);
  } finally {
    await classroom.stop();
  }
}
