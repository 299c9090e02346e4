/*
 * A trainee's device syncing with a real classroom server, in Node: the app's store over fake-indexeddb,
 * the sync of src/services/classroom-sync.ts, and PouchDB databases as a device has them (the mirror in
 * memory, the server over HTTP). Attempts reach the trainee's database once each as they are played;
 * a stopped server loses and doubles nothing; moderations come back into the store; a bad sign-in is
 * said in words.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import httpAdapter from 'pouchdb-adapter-http';
import PouchDB from 'pouchdb-core';
import type { PouchStatic } from 'pouchdb-browser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startClassroom, type Classroom } from '../../src/classroom/server.ts';
import type { AttemptEntry } from '../../src/engine/attempt.ts';
import type { AttemptRecord } from '../../src/records/tables.ts';
import {
  signIn,
  startClassroomSync,
  type ClassroomPlace,
  type ClassroomSync,
  type SyncStatus,
} from '../../src/services/classroom-sync.ts';
import { AttemptStore } from '../../src/storage/attempt-store.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { moderationDoc } from '../../src/sync/documents.ts';
import { fakeAttemptRecord, fakeScore } from '../fixtures/builders.ts';

// The same PouchDB API the browser build has: memory for the device's mirror, HTTP to the server (the
// server's module has already added the memory adapter and replication to PouchDB).
const Device = PouchDB.plugin(httpAdapter) as unknown as PouchStatic;

const c = strings.ui.classroom;
let data: string;
let classroom: Classroom;
let store: AttemptStore;
let sync: ClassroomSync | null = null;
let statuses: SyncStatus[] = [];
let devices = 0;

/** Passwords as the first start made them: a restarted server keeps them, and shows them no more. */
const passwords = new Map<string, string>();
const passwordOf = (name: string) => passwords.get(name) ?? '';
const basic = (name: string, password = passwordOf(name)) =>
  `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;

async function asUser(name: string, method: string, path: string, body?: unknown) {
  const response = await fetch(new URL(path, classroom.url), {
    method,
    headers: { authorization: basic(name), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The attempt documents in A's database on the server, by id, with revisions and any conflicts. */
async function serverDocs(prefix = 'attempt:'): Promise<{ id: string; rev: string; conflicts?: string[] }[]> {
  const range = `startkey="${prefix}"&endkey="${prefix}\uffff"`;
  const reply = await asUser('a', 'GET', `smoke-t-a/_all_docs?include_docs=true&conflicts=true&${range}`);
  const rows = reply.body.rows as { id: string; doc: { _rev: string; _conflicts?: string[] } }[];
  return rows.map((row) => ({
    id: row.id,
    rev: row.doc._rev,
    ...(row.doc._conflicts ? { conflicts: row.doc._conflicts } : {}),
  }));
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

const place = (): ClassroomPlace => ({ server: classroom.url, user: 'a', course: 'smoke', role: 'trainee' });

function startSync(user = 'a', password = passwordOf(user)): ClassroomSync {
  const remote = new Device(`${classroom.url}smoke-t-${user}`, {
    skip_setup: true,
    auth: { username: user, password },
  } as { skip_setup: boolean });
  const local = new Device(`device-${++devices}`, { adapter: 'memory' });
  sync = startClassroomSync({
    store,
    place: { ...place(), user },
    databases: {
      local,
      remote,
      replicate: (source, target, options) => Device.replicate(source, target, options),
    },
    onStatus: (status) => statuses.push(status),
    mirrorEveryMs: 100,
    maxBackOffMs: 200,
  });
  return sync;
}

const entries: AttemptEntry[] = [
  { type: 'trainee.start', at: 0 },
  { type: 'trainee.answer', at: 3 },
  { type: 'trainee.log', text: 'Caller at home, ex-partner outside.', at: 40 },
  { type: 'trainee.endCall', at: 90 },
];

/** A's attempt as played on the device so far: the first `played` events, finished once all are in. */
async function play(id: string, played: number): Promise<AttemptRecord> {
  const trainee = await store.traineeNamed('a');
  const finished = played === entries.length;
  const record = fakeAttemptRecord({
    id,
    trainee: trainee.name,
    traineeId: trainee.id,
    eventCount: played,
    status: finished ? 'finished' : 'in-progress',
    score: finished ? fakeScore() : undefined,
  });
  await store.transaction('write', async (tables) => {
    await tables.put('attempts', [record]);
    await tables.put(
      'events',
      entries.slice(0, played).map((entry, seq) => ({ attemptId: id, seq, entry })),
    );
  });
  return record;
}

const idsOf = (attempt: string, events: number, finished: boolean) => [
  `attempt:${attempt}`,
  ...Array.from({ length: events }, (_, seq) => `attempt:${attempt}:event:${String(seq).padStart(6, '0')}`),
  ...(finished ? [`attempt:${attempt}:finished`] : []),
];

let storeCount = 0;
beforeAll(async () => {
  data = mkdtempSync(join(tmpdir(), 'classroom-sync-'));
  classroom = await startClassroom({
    course: 'Smoke',
    trainees: ['A', 'B'],
    supervisors: ['S'],
    port: 0,
    data,
  });
  for (const user of classroom.users) passwords.set(user.name, user.password ?? '');
});
afterAll(async () => {
  await classroom?.stop();
  rmSync(data, { recursive: true, force: true });
});
afterEach(async () => {
  await sync?.stop();
  sync = null;
  statuses = [];
  store.close();
});
beforeEach(() => {
  store = new AttemptStore(`classroom-sync-${++storeCount}`);
});

describe('signing in', () => {
  it('finds the course and role from the user’s roles, and folds the name as the server made it', async () => {
    expect(await signIn(classroom.url.replace(/^http:\/\//, ''), ' A ', passwordOf('a'))).toEqual({
      ok: true,
      place: { server: classroom.url, user: 'a', course: 'smoke', role: 'trainee' },
    });
    expect(await signIn(classroom.url, 'S', passwordOf('s'))).toEqual({
      ok: true,
      place: { server: classroom.url, user: 's', course: 'smoke', role: 'supervisor' },
    });
  });

  it('says in words what went wrong: the password, the address, the account', async () => {
    expect(await signIn(classroom.url, 'a', 'not-it')).toEqual({
      ok: false,
      problem: 'wrong-password',
      message: c.wrongPassword,
    });
    expect(await signIn('http://127.0.0.1:1/', 'a', 'x')).toMatchObject({ problem: 'unreachable' });
    expect(await signIn('ftp://server', 'a', 'x')).toMatchObject({
      problem: 'address',
      message: c.badAddress,
    });
  });
});

describe('a device joined as trainee A', () => {
  it('sends each attempt as it is played, every document once, and says when all is sent', async () => {
    await play('att-1', 2);
    startSync();
    await within(10_000, serverDocs, (docs) => docs.length === 3);
    expect((await serverDocs()).map((doc) => doc.id)).toEqual(idsOf('att-1', 2, false));
    await play('att-1', entries.length);
    const docs = await within(10_000, serverDocs, (found) => found.length === 6);
    expect(docs.map((doc) => doc.id)).toEqual(idsOf('att-1', 4, true));
    expect(docs.every((doc) => doc.rev.startsWith('1-') && !doc.conflicts)).toBe(true);
    await within(
      10_000,
      async () => sync?.status(),
      (status) => status?.waiting === 0,
    );
    expect(sync?.status()).toMatchObject({ state: 'online', waiting: 0, refused: 0 });
    // Played by someone else on this device, or off the course: not sent.
    const other = await store.traineeNamed('Someone else');
    await store.transaction('write', (tables) =>
      tables.put('attempts', [
        fakeAttemptRecord({ id: 'not-mine', traineeId: other.id, eventCount: 0 }),
        fakeAttemptRecord({ id: 'off-course', course: 'cpd', traineeId: other.id, eventCount: 0 }),
      ]),
    );
    await sync?.mirrorNow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await serverDocs()).toHaveLength(6);
  });

  it('takes moderations of its attempts back into the store, and refuses one that does not hold', async () => {
    await play('att-1', entries.length);
    startSync();
    const moderation = {
      id: 'm-1',
      attempt: 'att-1',
      supervisor: 's',
      at: '2027-01-11T10:00:00.000Z',
      target: { kind: 'dimension' as const, dimension: 'grading' as const, mark: 25 },
      reason: 'Grade 1 was right: a weapon was mentioned.',
    };
    const written = await asUser(
      's',
      'PUT',
      'smoke-t-a/moderation%3Am-1',
      moderationDoc('smoke', 'a', moderation),
    );
    expect(written.status).toBe(201);
    const kept = await within(
      10_000,
      () => store.moderationsOf('att-1'),
      (found) => found.length === 1,
    );
    expect(kept).toEqual([moderation]);
    // The server does not check a mark's range; the device does, and keeps the rest.
    const outOfRange = { ...moderation, id: 'm-2', target: { ...moderation.target, mark: 250 } };
    await asUser('s', 'PUT', 'smoke-t-a/moderation%3Am-2', moderationDoc('smoke', 'a', outOfRange));
    const status = await within(
      10_000,
      async () => sync?.status(),
      (found) => (found?.notKept ?? 0) > 0,
    );
    expect(status?.problem).toMatch(/moderation:m-2\.target\.mark: must be 0 to 100/);
    expect(await store.moderationsOf('att-1')).toEqual([moderation]);
    // The course comes back too.
    expect(
      (
        await within(
          10_000,
          () => store.courses(),
          (found) => found.length > 0,
        )
      )[0],
    ).toMatchObject({
      id: 'smoke',
      trainees: ['a', 'b'],
    });
  });

  it('waits while the server is stopped, counts what waits, and then sends the rest: nothing lost or doubled', async () => {
    await play('att-2', 1);
    startSync();
    const theirs = () => serverDocs('attempt:att-2');
    await within(10_000, theirs, (docs) => docs.length === 2);
    const port = classroom.port;
    await classroom.stop();
    await play('att-2', entries.length);
    await play('att-3', 2);
    const offline = await within(
      10_000,
      async () => sync?.status(),
      (status) => status?.state === 'offline' && status.waiting === 2,
    );
    expect(offline).toMatchObject({ state: 'offline', waiting: 2 });
    classroom = await startClassroom({
      course: 'Smoke',
      trainees: ['A', 'B'],
      supervisors: ['S'],
      port,
      data,
    });
    const expected = [...idsOf('att-2', 4, true), ...idsOf('att-3', 2, false)];
    const both = async () => [...(await theirs()), ...(await serverDocs('attempt:att-3'))];
    const docs = await within(20_000, both, (found) => found.length >= expected.length);
    expect(docs.map((doc) => doc.id)).toEqual(expected);
    expect(docs.filter((doc) => !doc.rev.startsWith('1-') || doc.conflicts)).toEqual([]);
    const settled = await within(
      10_000,
      async () => sync?.status(),
      (status) => status?.waiting === 0,
    );
    expect(settled).toMatchObject({ state: 'online', waiting: 0 });
    // And the course database has each once, for the supervisors.
    const course = await within(
      10_000,
      () => asUser('s', 'GET', 'smoke/_all_docs?startkey="attempt:att-2"&endkey="attempt:att-3\uffff"'),
      (reply) => (reply.body.rows as unknown[]).length === expected.length,
    );
    expect((course.body.rows as { id: string }[]).map((row) => row.id)).toEqual(expected);
  });

  it('stops, and says so, when the server no longer takes its sign-in', async () => {
    await play('att-4', 1);
    startSync('a', 'a-wrong-password');
    const status = await within(
      10_000,
      async () => sync?.status(),
      (found) => found?.state === 'signed-out',
    );
    expect(status).toMatchObject({ state: 'signed-out', waiting: 1 });
  });
});
