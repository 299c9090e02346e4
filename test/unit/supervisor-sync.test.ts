/*
 * A supervisor's device reading a real classroom server, in Node: the app's store over fake-indexeddb,
 * the sync of src/services/supervisor-sync.ts, a memory mirror and the server over HTTP. A trainee's
 * attempt (case 2's model attempt) arrives as it is played, is scored again on this device, and a finish
 * that does not hold is not taken, nor a document in two versions; the supervisor's moderation reaches
 * the trainee's database once; a restarted sync carries on from its checkpoint without taking anything
 * twice.
 */
import 'fake-indexeddb/auto';
import httpAdapter from 'pouchdb-adapter-http';
import PouchDB from 'pouchdb-core';
import type { PouchStatic, SyncDatabase } from 'pouchdb-browser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { startClassroom, type Classroom } from '../../src/classroom/server.ts';
import { parseAttempt, type Attempt } from '../../src/engine/attempt.ts';
import type { ScoreSummary } from '../../src/records/records.ts';
import type { AttemptRecord } from '../../src/records/tables.ts';
import type { ClassroomPlace, ClassroomSync, SyncStatus } from '../../src/services/classroom-sync.ts';
import { startSupervisorSync, type KeptChange } from '../../src/services/supervisor-sync.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { AttemptStore } from '../../src/storage/attempt-store.ts';
import { summariseScore } from '../../src/supervision/score-summary.ts';
import {
  attemptDoc,
  eventDoc,
  finishedDoc,
  moderationDoc,
  moderationDocId,
} from '../../src/sync/documents.ts';

const Device = PouchDB.plugin(httpAdapter) as unknown as PouchStatic;

let classroom: Classroom;
let scenario: ScenarioModule;
let model: Attempt;
let modelScore: ScoreSummary;
let store: AttemptStore;
let sync: ClassroomSync | null = null;
let statuses: SyncStatus[] = [];
/** What each kept batch was said to be (onKept). */
let kept: KeptChange[] = [];
let mirrors = 0;
let stores = 0;
const passwords = new Map<string, string>();

const as = (user: string) => ({ username: user, password: passwords.get(user) ?? '' });
const onServer = (database: string, user: string): SyncDatabase =>
  new Device(`${classroom.url}${database}`, { skip_setup: true, auth: as(user) } as { skip_setup: boolean });
const course = () => classroom.course.id;
const place = (): ClassroomPlace => ({
  server: classroom.url,
  user: 's',
  course: course(),
  role: 'supervisor',
});

function startSync(mirror = `supervisor-${++mirrors}`): ClassroomSync {
  sync = startSupervisorSync({
    store,
    place: place(),
    databases: {
      local: new Device(mirror, { adapter: 'memory' }),
      remote: onServer(course(), 's'),
      traineeDatabase: (trainee) => onServer(`${course()}-t-${trainee}`, 's'),
      replicate: (source, target, options) => Device.replicate(source, target, options),
    },
    onStatus: (status) => statuses.push(status),
    onKept: (change) => kept.push(change),
    sendEveryMs: 100,
    maxBackOffMs: 200,
  });
  return sync;
}

async function within<T>(ms: number, read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!check(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** What trainee `user`'s device sends of an attempt of the model's events: header, events `from`–`to`, and a finish. */
async function traineePlays(
  user: string,
  attempt: string,
  {
    from = 0,
    to = model.events.length,
    finish,
  }: { from?: number; to?: number; finish?: Partial<ScoreSummary> & { eventCount?: number } } = {},
) {
  const record: AttemptRecord = {
    id: attempt,
    scenario: scenario.definition.id,
    scenarioVersion: scenario.definition.version,
    trainee: user.toUpperCase(),
    traineeId: user,
    course: course(),
    startedAt: '2027-01-11T09:00:00.000Z',
    updatedAt: '2027-01-11T09:20:00.000Z',
    status: 'finished',
    eventCount: finish?.eventCount ?? model.events.length,
    score: { ...modelScore, ...finish },
  };
  const docs = [
    ...(from === 0 ? [attemptDoc(course(), record)] : []),
    ...model.events
      .slice(from, to)
      .map((entry, index) => eventDoc(course(), user, attempt, from + index, entry)),
    ...(finish ? [finishedDoc(course(), { ...record, score: { ...modelScore, ...finish } })] : []),
  ];
  const database = onServer(`${course()}-t-${user}`, user);
  const results = await database.bulkDocs(docs);
  expect(results.filter((result) => !result.ok)).toEqual([]);
  await database.close();
}

const stored = (attempt: string) => store.load(attempt);

beforeAll(async () => {
  const entry = findScenario('ltl41-02');
  const module = await entry?.load();
  if (!module) throw new Error('no ltl41-02');
  scenario = module;
  model = parseAttempt(module.referenceAttempts.model);
  modelScore = summariseScore(scoreAttempt(module, model));
  classroom = await startClassroom({
    course: 'Live',
    trainees: ['A', 'B'],
    supervisors: ['S', 'T'],
    port: 0,
  });
  for (const user of classroom.users) passwords.set(user.name, user.password ?? '');
}, 30_000);
afterAll(async () => {
  await classroom?.stop();
});
beforeEach(() => {
  store = new AttemptStore(`supervisor-sync-${++stores}`);
});
afterEach(async () => {
  await sync?.stop();
  sync = null;
  statuses = [];
  kept = [];
  store.close();
});

describe('a supervisor’s device', () => {
  it('takes a trainee’s attempt as it is played, and scores it itself when it finishes', async () => {
    await traineePlays('a', 'live-1', { to: 10 });
    startSync();
    const partway = await within(
      10_000,
      () => stored('live-1'),
      (s) => s?.record.eventCount === 10,
    );
    expect(partway?.record).toMatchObject({
      status: 'in-progress',
      traineeId: 'a',
      trainee: 'A',
      course: course(),
    });
    expect(partway?.entries).toEqual(model.events.slice(0, 10));

    await traineePlays('a', 'live-1', { from: 10, finish: {} });
    const finished = await within(
      10_000,
      () => stored('live-1'),
      (s) => s?.record.status === 'finished',
    );
    expect(finished?.record.score).toEqual(modelScore);
    expect(finished?.entries).toEqual(model.events);
    expect((await store.trainees()).map((t) => [t.id, t.name])).toEqual(
      expect.arrayContaining([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );
    expect((await store.courses()).map((c) => c.id)).toEqual([course()]);
    expect(sync?.status()).toMatchObject({ state: 'online', notKept: 0 });
  });

  it('shows its own marks, not those a trainee’s device claims, and says so', async () => {
    await traineePlays('b', 'claimed-1', { finish: { total: 55, band: 'low' } });
    startSync();
    const finished = await within(
      10_000,
      () => stored('claimed-1'),
      (s) => s?.record.status === 'finished',
    );
    expect(finished?.record.score?.total).toBe(modelScore.total);
    expect(modelScore.total).not.toBe(55);
    expect(sync?.status().problem).toContain('sent 55');
  });

  it('sends its moderation to the trainee’s database once, and no one else’s name', async () => {
    await traineePlays('a', 'moderated-1', { finish: {} });
    startSync();
    await within(
      10_000,
      () => stored('moderated-1'),
      (s) => s?.record.status === 'finished',
    );
    const moderation = {
      attempt: 'moderated-1',
      at: '2027-01-11T10:00:00.000Z',
      target: { kind: 'dimension' as const, dimension: 'grading' as const, mark: 90 },
      reason: 'Grade justified by the risk she described.',
    };
    await store.addModeration({ ...moderation, id: 'mod-s-1', supervisor: 's' });
    await store.addModeration({ ...moderation, id: 'mod-x-1', supervisor: 'someone-else' });
    const traineeDb = onServer(`${course()}-t-a`, 'a');
    const held = await within(
      10_000,
      () => traineeDb.get(moderationDocId('mod-s-1')).catch(() => null),
      (doc) => doc !== null,
    );
    expect(held).toMatchObject({ type: 'moderation', trainee: 'a', supervisor: 's', id: 'mod-s-1' });
    await expect(traineeDb.get(moderationDocId('mod-x-1'))).rejects.toMatchObject({ status: 404 });
    await traineeDb.close();
    // It comes back through the course database, and is not sent again.
    await within(
      10_000,
      () => store.moderationsOf('moderated-1'),
      (m) => m.length === 2,
    );
    await sync?.mirrorNow();
    expect(sync?.status()).toMatchObject({ waiting: 0, refused: 0 });
  });

  it('takes a moderation another supervisor made, and carries on from its checkpoint after a restart', async () => {
    await traineePlays('a', 'restart-1', { to: 20 });
    const mirror = `supervisor-restart`;
    startSync(mirror);
    await within(
      10_000,
      () => stored('restart-1'),
      (s) => s?.record.eventCount === 20,
    );
    await sync?.stop();
    sync = null;
    await traineePlays('a', 'restart-1', { from: 20, finish: {} });
    const other = onServer(`${course()}-t-a`, 't');
    await other.put(
      moderationDoc(course(), 'a', {
        id: 'mod-t-1',
        attempt: 'restart-1',
        supervisor: 't',
        at: '2027-01-11T11:00:00.000Z',
        target: { kind: 'dimension', dimension: 'thrive', mark: 70 },
        reason: 'THRIVE written after the grade.',
      }),
    );
    await other.close();
    const restarted = startSync(mirror);
    const finished = await within(
      10_000,
      () => stored('restart-1'),
      (s) => s?.record.status === 'finished',
    );
    expect(finished?.entries).toHaveLength(model.events.length);
    const moderations = await within(
      10_000,
      () => store.moderationsOf('restart-1'),
      (m) => m.length > 0,
    );
    expect(moderations.map((m) => m.supervisor)).toEqual(['t']);
    expect(restarted.status().notKept).toBe(0);
  });

  it('does not finish an attempt whose events do not reach its debrief', async () => {
    await traineePlays('b', 'short-1', { to: 5, finish: { eventCount: 5 } });
    startSync();
    await within(
      10_000,
      async () => sync?.status().notKept ?? 0,
      (n) => n > 0,
    );
    expect(sync?.status().notKept).toBe(1);
    expect(sync?.status().problem).toContain('short-1');
    expect((await stored('short-1'))?.record.status).toBe('in-progress');
  });

  it('does not take an attempt with a document in two versions, and says why', async () => {
    // What a force's CouchDB can let through: a trainee's device replicating in a second version of an
    // event it wrote. Put straight into the mirror, as replication from such a server would.
    const record: AttemptRecord = {
      id: 'twice-1',
      scenario: scenario.definition.id,
      scenarioVersion: scenario.definition.version,
      trainee: 'A',
      traineeId: 'a',
      course: course(),
      startedAt: '2027-01-11T09:00:00.000Z',
      updatedAt: '2027-01-11T09:20:00.000Z',
      status: 'finished',
      eventCount: model.events.length,
      score: modelScore,
    };
    const written = [
      attemptDoc(course(), record),
      ...model.events.map((entry, seq) => eventDoc(course(), 'a', record.id, seq, entry)),
      finishedDoc(course(), { ...record, score: modelScore }),
    ].map((doc, index) => ({ ...doc, _rev: `1-${String(index).padStart(32, '0')}` }));
    const original = written[3];
    if (!original) throw new Error('too few events');
    const changed = { ...original, _rev: `1-${'f'.repeat(32)}`, entry: { ...model.events[0] } };
    const mirror = new Device('tampered-mirror', { adapter: 'memory' });
    const bulk = mirror.bulkDocs as (docs: object[], options: { new_edits: false }) => Promise<unknown>;
    await bulk.call(mirror, [...written, changed], { new_edits: false });

    startSync('tampered-mirror');
    await within(
      10_000,
      async () => sync?.status().notKept ?? 0,
      (n) => n > 0,
    );
    expect(sync?.status().notKept).toBe(1);
    expect(sync?.status().problem).toContain(`"${original._id}" has 2 versions on the server`);
    // Its events stop short of the one in two versions: it is not finished, nor scored.
    const held = await stored(record.id);
    expect(held?.record.status).toBe('in-progress');
    expect(held?.record.score).toBeUndefined();
  });

  it('says whether what it kept was only play in progress, which the cohort does not load again for', async () => {
    startSync();
    await within(
      10_000,
      () => store.courses(),
      (courses) => courses.length === 1,
    );
    // What the course held before (its trainees, its course, earlier tests' attempts) has been taken.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(kept).toContain('results');
    kept = [];

    await traineePlays('a', 'kept-1', { to: 10 });
    await within(
      10_000,
      async () => kept.length,
      (n) => n > 0,
    );
    await within(
      10_000,
      () => stored('kept-1'),
      (s) => s?.record.eventCount === 10,
    );
    expect(new Set(kept)).toEqual(new Set(['progress']));

    kept = [];
    await traineePlays('a', 'kept-1', { from: 10, finish: {} });
    const finished = await within(
      10_000,
      async () => kept.includes('results'),
      (yes) => yes,
    );
    expect(finished).toBe(true);
    expect((await stored('kept-1'))?.record.status).toBe('finished');
  });
});
