/*
 * The classroom server enforces its roles itself: a real server started in process on 127.0.0.1 (any
 * free port, in memory), spoken to over HTTP as each user would, never through the app. A trainee keeps
 * to their own attempts and results; a supervisor reads the course and moderates; nothing written is
 * changed; nobody else gets in.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couchSetup } from '../../src/classroom/design.ts';
import { startClassroom, type Classroom } from '../../src/classroom/server.ts';
import {
  attemptDoc,
  calibrationDoc,
  eventDoc,
  finishedDoc,
  moderationDoc,
  type SyncDoc,
} from '../../src/sync/documents.ts';
import type { AttemptRecord } from '../../src/records/tables.ts';
import type { ScoreSummary } from '../../src/records/records.ts';

const COURSE = 'smoke';
/** The app's address: pages from it may call the server with their cookie. */
const APP_ORIGIN = 'http://127.0.0.1:4399';
let classroom: Classroom;

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** Who is asking: a user name and password, a session cookie, or nobody. */
type As = { name: string; password: string } | { cookie: string } | null;

function password(name: string): string {
  const found = classroom.users.find((user) => user.name === name)?.password;
  if (!found) throw new Error(`no password for ${name}`);
  return found;
}
const user = (name: string): As => ({ name, password: password(name) });

async function call(
  as: As,
  method: string,
  path: string,
  body?: unknown,
  server: string = classroom.url,
): Promise<Reply> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  if (as && 'cookie' in as) headers.cookie = as.cookie;
  else if (as) headers.authorization = `Basic ${Buffer.from(`${as.name}:${as.password}`).toString('base64')}`;
  const response = await fetch(new URL(path, server), {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const put = (as: As, db: string, doc: SyncDoc | (Record<string, unknown> & { _id: string })) =>
  call(as, 'PUT', `${db}/${encodeURIComponent(doc._id)}`, doc);
const get = (as: As, db: string, id: string) => call(as, 'GET', `${db}/${encodeURIComponent(id)}`);

const score: ScoreSummary = {
  total: 71,
  band: 'compliant',
  dimensions: { openingCode: 10, grading: 20, thrive: 15, ndm: 10, logging: 8, escalation: 8 },
  critical: 0,
};
function attemptRecord(overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    id: 'att-1',
    scenario: 'ltl41-02',
    scenarioVersion: 1,
    trainee: 'A',
    traineeId: 'a',
    course: COURSE,
    startedAt: '2027-01-11T09:00:00.000Z',
    updatedAt: '2027-01-11T09:12:00.000Z',
    status: 'finished',
    eventCount: 2,
    score,
    ...overrides,
  };
}
const moderation = (id: string, supervisor: string) =>
  moderationDoc(COURSE, 'a', {
    id,
    attempt: 'att-1',
    supervisor,
    at: '2027-01-11T10:00:00.000Z',
    target: { kind: 'dimension', dimension: 'grading', mark: 25 },
    reason: 'Grade 1 was right: a weapon was mentioned.',
  });

/** Polls until `check` holds, for at most `ms`; the last reply either way. */
async function within<T>(ms: number, read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!check(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  classroom = await startClassroom({
    course: 'Smoke',
    trainees: ['A', 'B'],
    supervisors: ['S', 'T'],
    port: 0,
    origins: [`${APP_ORIGIN}/`],
  });
});
afterAll(async () => {
  await classroom?.stop();
});

describe('a trainee', () => {
  const a = () => user('a');
  const record = attemptRecord();
  const start = eventDoc(COURSE, 'a', 'att-1', 0, { type: 'trainee.start', at: 0 });

  it('writes their own attempt (header, events, finish) and reads it back', async () => {
    const docs: SyncDoc[] = [
      attemptDoc(COURSE, record),
      start,
      eventDoc(COURSE, 'a', 'att-1', 1, { type: 'trainee.answer', at: 4 }),
      finishedDoc(COURSE, { ...record, score }),
    ];
    for (const doc of docs) expect((await put(a(), 'smoke-t-a', doc)).status).toBe(201);
    const back = await get(a(), 'smoke-t-a', 'attempt:att-1:event:000001');
    expect(back.status).toBe(200);
    expect(back.body.entry).toEqual({ type: 'trainee.answer', at: 4 });
    expect((await get(a(), 'smoke-t-a', 'attempt:att-1:finished')).body.score).toEqual(score);
    // and sees the course they are on, replicated in by the server
    const course = await within(
      5000,
      () => get(a(), 'smoke-t-a', 'course:smoke'),
      (reply) => reply.status === 200,
    );
    expect(course.body.trainees).toEqual(['a', 'b']);
  });

  it("cannot open another trainee's database or the course's", async () => {
    for (const path of [
      'smoke-t-b',
      'smoke-t-b/_all_docs',
      'smoke-t-b/_changes',
      'smoke',
      'smoke/_changes',
    ]) {
      expect([401, 403]).toContain((await call(a(), 'GET', path)).status);
    }
    expect([401, 403]).toContain((await get(a(), 'smoke', 'attempt:att-1')).status);
  });

  it('cannot write a moderation or calibration marks, even of their own attempt', async () => {
    const reply = await put(a(), 'smoke-t-a', moderation('m-by-a', 'a'));
    expect(reply.status).toBe(403);
    expect(reply.body.reason).toMatch(/supervisor/);
    const marks = calibrationDoc(COURSE, 'a', {
      id: 'c-by-a',
      attempt: 'att-1',
      supervisor: 'a',
      at: '2027-01-11T10:00:00.000Z',
      marks: score.dimensions,
    });
    expect((await put(a(), 'smoke-t-a', marks)).status).toBe(403);
    expect((await get(user('s'), 'smoke-t-a', 'moderation:m-by-a')).status).toBe(404);
  });

  it('cannot change or delete an event once written, nor slip in a conflicting revision', async () => {
    const stored = await get(a(), 'smoke-t-a', start._id);
    const rev = String(stored.body._rev);
    const altered = { ...start, _rev: rev, entry: { type: 'trainee.start', at: 30 } };
    const change = await put(a(), 'smoke-t-a', altered);
    expect(change.status).toBe(403);
    expect(change.body.reason).toMatch(/written once/);
    const removal = await call(a(), 'DELETE', `smoke-t-a/${encodeURIComponent(start._id)}?rev=${rev}`);
    expect(removal.status).toBe(403);
    // As a replicating device would write it: a revision of its own, not built on the stored one.
    const replicated = await call(a(), 'POST', 'smoke-t-a/_bulk_docs', {
      new_edits: false,
      docs: [
        { ...start, _rev: '1-00000000000000000000000000000001', entry: { type: 'trainee.start', at: 30 } },
      ],
    });
    expect(replicated.status).toBeLessThan(300);
    const after = await call(a(), 'GET', `smoke-t-a/${encodeURIComponent(start._id)}?conflicts=true`);
    expect(after.body).toMatchObject({ _rev: rev, entry: { type: 'trainee.start', at: 0 } });
    expect(after.body._conflicts).toBeUndefined();
  });

  it('cannot write a document claiming another trainee, here or in their database', async () => {
    const forB = attemptDoc(COURSE, attemptRecord({ id: 'att-b', traineeId: 'b', trainee: 'B' }));
    const here = await put(a(), 'smoke-t-a', forB);
    expect(here.status).toBe(403);
    expect(here.body.reason).toMatch(/trainee "a" only/);
    expect([401, 403]).toContain((await put(a(), 'smoke-t-b', forB)).status);
    // nor a document whose id and contents disagree
    const mislabelled = { ...eventDoc(COURSE, 'a', 'att-1', 7, { type: 'trainee.answer', at: 9 }), seq: 8 };
    expect((await put(a(), 'smoke-t-a', mislabelled)).status).toBe(403);
  });

  it('cannot change who may open their database, its rules, or their own roles', async () => {
    const opened = { admins: { names: ['a'], roles: [] }, members: { names: ['a'], roles: [] } };
    expect([401, 403]).toContain((await call(a(), 'PUT', 'smoke-t-a/_security', opened)).status);
    expect((await call(a(), 'PUT', 'smoke-t-a/_local/_security', { security: opened })).status).toBe(403);
    expect((await call(a(), 'DELETE', 'smoke-t-a/_local/_security')).status).toBeGreaterThanOrEqual(400);
    const bulk = await call(a(), 'POST', 'smoke-t-a/_bulk_docs', {
      docs: [{ _id: '_local/_security', security: opened }],
    });
    expect(bulk.status === 403 || JSON.stringify(bulk.body).includes('forbidden')).toBe(true);
    const rules = { _id: '_design/classroom', validate_doc_update: 'function () {}' };
    expect([401, 403]).toContain((await call(a(), 'PUT', 'smoke-t-a/_design/classroom', rules)).status);
    const self = await call(a(), 'GET', '_users/org.couchdb.user:a');
    expect(self.status).toBe(403);
    const promoted = await call(a(), 'PUT', '_users/org.couchdb.user:a', {
      _id: 'org.couchdb.user:a',
      type: 'user',
      name: 'a',
      roles: ['_admin', 'supervisor-smoke'],
      password: 'chosen',
    });
    expect(promoted.status).toBe(403);
    // and the database is as the server left it
    const security = await call(classroom.adminAuth, 'GET', 'smoke-t-a/_security');
    expect(security.body.members).toEqual({ names: ['a'], roles: ['supervisor-smoke'] });
    expect((await call(a(), 'GET', '_session')).body.userCtx).toEqual({
      name: 'a',
      roles: ['trainee-smoke'],
    });
    expect((await call(a(), 'GET', '_all_dbs')).status).toBe(403);
  });

  it("cannot have the server replicate their database into anyone else's", async () => {
    for (const target of ['smoke-t-b', 'smoke']) {
      const reply = await call(a(), 'POST', '_replicate', { source: 'smoke-t-a', target });
      expect(reply.status).toBeGreaterThanOrEqual(400);
      const job = await call(a(), 'PUT', `_replicator/${target}`, { source: 'smoke-t-a', target });
      expect(job.status).toBe(403);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await get(classroom.adminAuth, 'smoke-t-b', 'attempt:att-1')).status).toBe(404);
  });

  it('signs in by session cookie as the app will', async () => {
    const response = await fetch(new URL('_session', classroom.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'a', password: password('a') }),
    });
    expect(response.status).toBe(200);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^AuthSession=./);
    expect((await get({ cookie }, 'smoke-t-a', 'attempt:att-1')).status).toBe(200);
    expect([401, 403]).toContain((await call({ cookie }, 'GET', 'smoke-t-b')).status);
  });
});

describe('a supervisor', () => {
  const s = () => user('s');

  it("reads every trainee's attempts in the course database, as they arrive", async () => {
    const b = user('b');
    const recordB = attemptRecord({ id: 'att-b', traineeId: 'b', trainee: 'B' });
    expect((await put(b, 'smoke-t-b', attemptDoc(COURSE, recordB))).status).toBe(201);
    const all = await within(
      5000,
      () => call(s(), 'GET', 'smoke/_all_docs?startkey="attempt:"&endkey="attempt:\uffff"'),
      (reply) => (reply.body.rows as unknown[] | undefined)?.length === 5,
    );
    const ids = (all.body.rows as { id: string }[]).map((row) => row.id);
    expect(ids).toEqual([
      'attempt:att-1',
      'attempt:att-1:event:000000',
      'attempt:att-1:event:000001',
      'attempt:att-1:finished',
      'attempt:att-b',
    ]);
    // the course database keeps its own rules, not a trainee's, not even as a conflicting revision
    const design = await call(classroom.adminAuth, 'GET', 'smoke/_design/classroom?conflicts=true');
    expect(String(design.body.validate_doc_update)).toMatch(/filled by the classroom server/);
    expect(design.body._conflicts).toBeUndefined();
    // and can be read directly from a trainee's database too
    expect((await get(s(), 'smoke-t-b', 'attempt:att-b')).status).toBe(200);
  });

  it("writes a moderation into the trainee's database, which the trainee then reads", async () => {
    const written = await put(s(), 'smoke-t-a', moderation('m-1', 's'));
    expect(written.status).toBe(201);
    const seen = await get(user('a'), 'smoke-t-a', 'moderation:m-1');
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ supervisor: 's', attempt: 'att-1', target: { mark: 25 } });
    const inCourse = await within(
      5000,
      () => get(s(), 'smoke', 'moderation:m-1'),
      (reply) => reply.status === 200,
    );
    expect(inCourse.status).toBe(200);
    // another trainee never sees it
    expect([401, 403]).toContain((await get(user('b'), 'smoke-t-a', 'moderation:m-1')).status);
  });

  it("cannot moderate under another supervisor's name, change an attempt or a moderation, or write the course database", async () => {
    expect((await put(s(), 'smoke-t-a', moderation('m-as-t', 't'))).status).toBe(403);
    const forged = eventDoc(COURSE, 'a', 'att-1', 2, { type: 'trainee.answer', at: 8 });
    const reply = await put(s(), 'smoke-t-a', forged);
    expect(reply.status).toBe(403);
    expect(reply.body.reason).toMatch(/Only trainee "a"/);
    const mine = await get(s(), 'smoke-t-a', 'moderation:m-1');
    const withdrawn = { ...mine.body, reason: 'Changed my mind.' };
    expect((await call(s(), 'PUT', 'smoke-t-a/moderation%3Am-1', withdrawn)).status).toBe(403);
    expect((await put(s(), 'smoke', moderation('m-2', 's'))).status).toBe(403);
  });
});

describe('a page in a browser', () => {
  /** A request as a browser sends it from a page at `origin`. */
  const fromPage = (origin: string, method: string, path: string, headers: Record<string, string> = {}) =>
    fetch(new URL(path, classroom.url), { method, headers: { origin, ...headers } });

  it("from the app's origin is let in with its cookie: preflight answered, credentials granted", async () => {
    const preflight = await fromPage(APP_ORIGIN, 'OPTIONS', 'smoke-t-a/attempt%3Aatt-9', {
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,accept',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/\bPUT\b/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/i);
    const signIn = await fetch(new URL('_session', classroom.url), {
      method: 'POST',
      headers: { origin: APP_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'a', password: password('a') }),
    });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(signIn.headers.get('access-control-allow-credentials')).toBe('true');
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const read = await fromPage(APP_ORIGIN, 'GET', 'smoke-t-a', { cookie });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect(read.headers.get('access-control-expose-headers')).toMatch(/ETag/);
  });

  it('from an origin not on the list gets no CORS grant', async () => {
    const other = 'http://127.0.0.1:4400';
    const preflight = await fromPage(other, 'OPTIONS', 'smoke-t-a', {
      'access-control-request-method': 'GET',
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fromPage(other, 'GET', '');
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(read.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses an origin that is not scheme, host and port', async () => {
    await expect(
      startClassroom({ course: 'X', trainees: [], supervisors: [], port: 0, origins: ['http://app/path'] }),
    ).rejects.toThrow(/scheme, host and port only/);
    await expect(
      startClassroom({ course: 'X', trainees: [], supervisors: [], port: 0, origins: ['file:///tmp/app'] }),
    ).rejects.toThrow(/only http and https/);
  });
});

describe('anyone else', () => {
  it('is refused with 401: an unknown user, a wrong password, or no credentials at all', async () => {
    expect((await call({ name: 'nobody', password: 'guess' }, 'GET', 'smoke-t-a')).status).toBe(401);
    expect((await call({ name: 'a', password: 'wrong-password' }, 'GET', 'smoke-t-a')).status).toBe(401);
    expect((await call(null, 'GET', 'smoke-t-a')).status).toBe(401);
    expect((await call(null, 'GET', 'smoke')).status).toBe(401);
    expect((await put(null, 'smoke-t-a', attemptDoc(COURSE, attemptRecord({ id: 'anon' })))).status).toBe(
      401,
    );
    const signUp = await call(null, 'PUT', '_users/org.couchdb.user:mallory', {
      _id: 'org.couchdb.user:mallory',
      type: 'user',
      name: 'mallory',
      roles: [],
      password: 'x',
    });
    expect(signUp.status).toBe(403);
  });
});

it("is set up as --print-setup tells a force's CouchDB to be", async () => {
  const setup = couchSetup('smoke', ['a', 'b'], ['s', 't']);
  for (const database of setup.databases) {
    const security = await call(classroom.adminAuth, 'GET', `${database.name}/_security`);
    expect(security.body).toEqual(database.security);
    const design = await get(classroom.adminAuth, database.name, database.design._id);
    expect(design.body.validate_doc_update).toBe(database.design.validate_doc_update);
  }
  expect(setup.databases.map((database) => database.name)).toEqual(['smoke', 'smoke-t-a', 'smoke-t-b']);
});

it('keeps its data, users and administrator across a restart, and adds who is new', async () => {
  const data = mkdtempSync(join(tmpdir(), 'classroom-'));
  try {
    const first = await startClassroom({
      course: 'Keep',
      trainees: ['Siân Jones'],
      supervisors: [],
      port: 0,
      data,
    });
    expect(first.users.map((each) => each.name)).toEqual(['sian-jones']);
    const sian = { name: 'sian-jones', password: first.users[0]?.password ?? '' };
    expect(statSync(join(data, 'admin.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(data, 'session-secret')).mode & 0o777).toBe(0o600);
    const signIn = await fetch(new URL('_session', first.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sian),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^AuthSession=./);
    await first.stop();

    const second = await startClassroom({
      course: 'Keep',
      trainees: ['Siân Jones', 'PC 4521'],
      supervisors: [],
      port: 0,
      data,
    });
    try {
      expect(second.adminAuth).toEqual(first.adminAuth);
      expect(second.users.map((each) => [each.name, each.password !== undefined])).toEqual([
        ['sian-jones', false],
        ['pc-4521', true],
      ]);
      expect((await call(sian, 'GET', 'keep-t-sian-jones', undefined, second.url)).status).toBe(200);
      // A device signed in before the restart is still signed in: its sync carries on.
      expect((await call({ cookie }, 'GET', 'keep-t-sian-jones', undefined, second.url)).status).toBe(200);
      expect((await call(sian, 'GET', 'keep-t-pc-4521', undefined, second.url)).status).toBe(401);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
