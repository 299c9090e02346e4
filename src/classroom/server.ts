/*
 * A classroom server on this machine: a CouchDB-compatible HTTP server (express-pouchdb, the HTTP layer
 * of pouchdb-server) holding one course, its trainees and supervisors, and rules the server enforces
 * whatever the app does:
 *
 *   - users in `_users` (user name = trainee id), with the role `trainee-<course>` or
 *     `supervisor-<course>`, and an administrator whose generated password stays in the data folder;
 *   - one database per trainee, which only that trainee and the course's supervisors can open, whose
 *     validate_doc_update (design.ts) lets the trainee add their own attempts and the supervisors their
 *     moderations and marks, and nobody change or delete what was written;
 *   - the course database, which only its supervisors can open and only the server writes: every
 *     trainee's database is replicated into it as it changes (so the cohort is one changes feed), and the
 *     course and trainee documents are replicated from it into each trainee's database.
 *
 * The server is set up over its own HTTP API with the administrator's credentials, as a force's CouchDB
 * would be (README, "Classroom server"); only the replications run in process, where a CouchDB would
 * take `_replicator` documents.
 *
 * Lifecycle: startClassroom() opens the databases (in memory, or LevelDB in `data`), listens, sets up
 * databases, rules, users and course documents (idempotently: a restart keeps passwords and data), starts
 * the replications and resolves; stop() ends the replications and the server.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import expressPouchDB, { type UserCtx } from 'express-pouchdb';
import leveldbAdapter from 'pouchdb-adapter-leveldb';
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB, { type PouchDatabase, type Replication } from 'pouchdb-core';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';
import wrappers, { type Wrapper } from 'pouchdb-wrappers';
import type { Course } from '../records/records.ts';
import {
  courseDatabase,
  courseDoc,
  courseDocId,
  courseIdOf,
  slug,
  supervisorRole,
  traineeDatabase,
  traineeDoc,
  traineeDocId,
  traineeRole,
} from '../sync/documents.ts';
import { USERS_SECURITY, couchSetup } from './design.ts';

PouchDB.plugin(memoryAdapter).plugin(leveldbAdapter).plugin(mapreduce).plugin(replication);

/** Who is on the course, by name as typed (a name or staff number). */
export interface ClassroomRoster {
  /** The course's title; its id (and database name) is made from it. */
  course: string;
  trainees: readonly string[];
  supervisors: readonly string[];
  /** The course's scenarios (ids); none means the trainer has not chosen yet. */
  scenarios?: readonly string[];
  /** The course is in assisted mode (the question and advice menu). */
  assisted?: boolean;
}

export interface ClassroomOptions extends ClassroomRoster {
  /** The address to listen on: 127.0.0.1 (this machine only) unless a classroom LAN is meant. */
  host?: string;
  /** 5984 unless given; 0 takes any free port. */
  port?: number;
  /** A folder to keep everything in (LevelDB); without one, everything is in memory and lost at stop. */
  data?: string;
  /**
   * Web origins (scheme, host and port) whose pages may call the server from a browser with the
   * trainee's cookie: the app's address. None by default: then only same-origin pages and non-browser
   * clients get in.
   */
  origins?: readonly string[];
  /** Where to say what happens; nothing by default. */
  log?: (line: string) => void;
}

export interface Credentials {
  name: string;
  password: string;
}

export interface ClassroomUser {
  /** The user name: a trainee's id, or a supervisor's. */
  name: string;
  /** The name as typed. */
  displayName: string;
  role: 'trainee' | 'supervisor';
  /** The password, only when the user was made by this start (it is shown once, never stored in clear). */
  password?: string;
  /** A trainee's own database. */
  database?: string;
}

export interface Classroom {
  /** The server's address as this machine reaches it, ending in '/'. */
  url: string;
  host: string;
  port: number;
  course: Course;
  /** The course database's name. */
  courseDatabase: string;
  users: ClassroomUser[];
  /** The web origins whose pages may call the server (CORS). */
  origins: string[];
  adminAuth: Credentials;
  /** Where the administrator's password is kept, when there is a data folder. */
  adminFile?: string;
  stop(): Promise<void>;
}

const ADMIN_NAME = 'admin';
/**
 * How long a signed-in device's session cookie lasts without a request: a training day, so a trainee
 * who plays offline for a while is still signed in when the network is back. Each request renews it.
 */
const SESSION_SECONDS = 10 * 60 * 60;
/**
 * pbkdf2 rounds for stored passwords. Every Basic-auth request is hashed again, in JavaScript, so this
 * stays modest; the generated passwords carry about 60 bits, which is what keeps them unguessable.
 */
const PASSWORD_ITERATIONS = 1000;
/** Server paths only the administrator may use (user documents, the list of databases). */
const ADMIN_ONLY = new Set(['_users', '_all_dbs', '_replicator', '_config', '_log', '_active_tasks']);
/** Parts of express-pouchdb a classroom does without: each is a way round the rules, or not needed. */
const EXCLUDED_PARTS = [
  // A `_replicator` document or POST /_replicate would replicate as the server, past every database's rules.
  'replicator',
  'routes/replicate',
  // Fauxton signs in by cookie, which the administrator-only paths above do not take; use curl.
  'routes/fauxton',
  'routes/special-test-auth',
  'routes/vhosts',
  'routes/rewrite',
  'routes/show',
  'routes/list',
  'routes/update',
];
const SECURITY_DOC_ID = '_local/_security';
/** What a browser may send across origins: CouchDB's methods and the headers PouchDB sets. */
const CORS_METHODS = 'GET, HEAD, POST, PUT, DELETE, COPY';
const CORS_HEADERS = 'Accept, Authorization, Content-Type, Origin, Referer, If-Match, Destination';
/** Response headers a page may read: PouchDB reads a document's revision from ETag. */
const CORS_EXPOSED = 'Cache-Control, Content-Type, ETag, Server, X-Couch-Request-ID';
const isNotDesign = (doc: { _id: string }) => !doc._id.startsWith('_design/');

/** A password to read out or hand over: 12 letters and digits with no look-alikes, about 60 bits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  const letters = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `${letters.slice(0, 4)}-${letters.slice(4, 8)}-${letters.slice(8, 12)}`;
}

interface RosterPerson {
  name: string;
  displayName: string;
  role: 'trainee' | 'supervisor';
}

/** The roster with each person's user name, or an error naming what is wrong with it. */
export function rosterPeople(roster: ClassroomRoster): RosterPerson[] {
  const people: RosterPerson[] = [];
  const seen = new Map<string, string>();
  const add = (typed: string, role: RosterPerson['role']) => {
    const displayName = typed.trim().replace(/\s+/g, ' ');
    const name = slug(displayName);
    if (!name) throw new Error(`"${typed}" has no letters or digits to make a user name from`);
    if (name === ADMIN_NAME)
      throw new Error(`"${typed}" would be the user name "${ADMIN_NAME}", the server's`);
    const other = seen.get(name);
    if (other !== undefined) {
      throw new Error(`"${typed}" and "${other}" would both be the user name "${name}": tell them apart`);
    }
    seen.set(name, typed);
    people.push({ name, displayName, role });
  };
  for (const trainee of roster.trainees) add(trainee, 'trainee');
  for (const supervisor of roster.supervisors) add(supervisor, 'supervisor');
  return people;
}

/** The administrator's credentials: kept in the data folder (owner-only) across starts, or made now. */
function adminCredentials(data: string | undefined): { credentials: Credentials; file?: string } {
  if (!data) return { credentials: { name: ADMIN_NAME, password: generatePassword() } };
  const file = join(data, 'admin.json');
  if (existsSync(file)) {
    const stored: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (
      typeof stored === 'object' &&
      stored !== null &&
      'name' in stored &&
      'password' in stored &&
      typeof stored.name === 'string' &&
      typeof stored.password === 'string'
    ) {
      return { credentials: { name: stored.name, password: stored.password }, file };
    }
    throw new Error(`${file} is not the classroom's administrator file: move it away to make a new one`);
  }
  const credentials = { name: ADMIN_NAME, password: generatePassword() };
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { credentials, file };
}

/**
 * The key session cookies are signed with: kept in the data folder (owner-only) so a restarted server
 * still knows its devices' cookies and their sync carries on; made anew in memory.
 */
function sessionSecret(data: string | undefined): string {
  if (!data) return randomBytes(32).toString('hex');
  const file = join(data, 'session-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(secret)) return secret;
    throw new Error(`${file} is not the classroom's session key: move it away to make a new one`);
  }
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

const isAdmin = (userCtx: UserCtx | undefined) => userCtx === undefined || userCtx.roles.includes('_admin');

function forbidden(reason: string): Error & { status: number; name: string } {
  return Object.assign(new Error(reason), { status: 403, name: 'forbidden' });
}

/**
 * A database's `_security` is kept in the document `_local/_security`, which a member could otherwise
 * write (or delete) like any `_local` document and so make themselves the database's admin: only the
 * administrator (and the server itself, which passes no user) may.
 */
const guardSecurityDoc: Wrapper = (original, args) => {
  const docs = args.docs ?? (args.doc ? [args.doc] : []);
  if (!isAdmin(args.options.userCtx) && docs.some((doc) => doc._id === SECURITY_DOC_ID)) {
    return Promise.reject(forbidden("Only the server's administrator changes who may open a database."));
  }
  return original();
};

function sendJson(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(`${JSON.stringify(body)}\n`);
}

/** The administrator's Basic credentials, compared in constant time. */
function isAdminRequest(request: IncomingMessage, admin: Credentials): boolean {
  const header = request.headers.authorization ?? '';
  const expected = Buffer.from(`Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** Requests to the server's own HTTP API, as its administrator. */
function adminClient(url: string, admin: Credentials) {
  const authorization = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
  const request = async (method: string, path: string, body?: object): Promise<Reply> => {
    const response = await fetch(new URL(path, url), {
      method,
      headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const must = async (method: string, path: string, body?: object, alsoFine: number[] = []) => {
    const reply = await request(method, path, body);
    if (reply.status >= 300 && !alsoFine.includes(reply.status)) {
      throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    return reply;
  };
  /** Writes a document unless it is already there as given; true if it was written. */
  const upsert = async (database: string, doc: { _id: string }) => {
    const path = `${encodeURIComponent(database)}/${docPath(doc._id)}`;
    const current = await request('GET', path);
    if (current.status === 200) {
      const { _rev, ...stored } = current.body;
      if (JSON.stringify(sorted(stored)) === JSON.stringify(sorted(doc))) return false;
      await must('PUT', path, { ...doc, _rev });
      return true;
    }
    await must('PUT', path, doc);
    return true;
  };
  return { request, must, upsert };
}

/** A document's path in its database: a design document's id keeps its slash. */
const docPath = (id: string) =>
  id.startsWith('_design/') ? `_design/${encodeURIComponent(id.slice(8))}` : encodeURIComponent(id);

/** A value with its objects' keys in order, so equal documents serialise alike. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, inner]) => [key, sorted(inner)]),
  );
}

/**
 * An allowed origin as a browser sends it (`http://127.0.0.1:4399`, no path), or an error naming what is
 * wrong with the one given.
 */
export function webOrigin(typed: string): string {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    throw new Error(`--origin ${typed}: not an address (say it as http://host:port)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`--origin ${typed}: only http and https pages can call the server`);
  if (url.pathname !== '/' || url.search || url.hash || url.username)
    throw new Error(`--origin ${typed}: an origin is scheme, host and port only (${url.origin})`);
  return url.origin;
}

/**
 * CORS: a page from an allowed origin may call the server with its cookie (credentials); a preflight
 * from one is answered here, and from any other origin refused. Requests from other origins go on
 * without a grant (curl and same-origin pages send none), so a browser keeps their answers from the page.
 * Returns true when the request has been answered.
 */
function applyCors(
  request: IncomingMessage,
  response: ServerResponse,
  allowed: ReadonlySet<string>,
): boolean {
  const origin = request.headers.origin;
  const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'];
  if (origin === undefined) return false;
  response.setHeader('Vary', 'Origin');
  if (!allowed.has(origin)) {
    if (!preflight) return false;
    sendJson(response, 403, { error: 'forbidden', reason: `Pages from ${origin} may not call this server.` });
    return true;
  }
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Access-Control-Allow-Credentials', 'true');
  if (!preflight) {
    response.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED);
    return false;
  }
  response.writeHead(204, {
    'Access-Control-Allow-Methods': CORS_METHODS,
    'Access-Control-Allow-Headers': CORS_HEADERS,
    'Access-Control-Max-Age': '600',
  });
  response.end();
  return true;
}

export async function startClassroom(options: ClassroomOptions): Promise<Classroom> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const courseId = courseIdOf(options.course);
  const people = rosterPeople(options);
  const origins = new Set((options.origins ?? []).map(webOrigin));
  const data = options.data ? resolve(options.data) : undefined;
  // Hashed passwords and trainees' results: the folder is for this account only.
  if (data) mkdirSync(join(data, 'databases'), { recursive: true, mode: 0o700 });
  const { credentials: admin, file: adminFile } = adminCredentials(data);

  // Each server its own databases: a folder on disk, or a name prefix in memory.
  const Pouch = data
    ? PouchDB.defaults({ adapter: 'leveldb', prefix: `${join(data, 'databases')}/` })
    : PouchDB.defaults({ adapter: 'memory', prefix: `classroom-${randomBytes(6).toString('hex')}-` });
  const app = expressPouchDB({
    mode: 'fullCouchDB',
    inMemoryConfig: true,
    logPath: data ? join(data, 'log.txt') : devNull,
    overrideMode: { exclude: EXCLUDED_PARTS },
  });
  app.dbWrapper.registerWrapper((_name, db, next) => {
    wrappers.installWrapperMethods(db, {
      put: guardSecurityDoc,
      post: guardSecurityDoc,
      remove: guardSecurityDoc,
      bulkDocs: guardSecurityDoc,
    });
    return next();
  });
  // express-pouchdb's plugins listen on PouchDB's one process-wide emitter; a stopped server takes its
  // listeners away, or a second server in the process would be told of the first's databases.
  const listening = (event: string) => new Set(Pouch.listeners(event));
  const before = { created: listening('created'), destroyed: listening('destroyed') };
  await app.setPouchDB(Pouch);
  const added = Object.entries(before).flatMap(([event, old]) =>
    Pouch.listeners(event)
      .filter((listener) => !old.has(listener))
      .map((listener) => [event, listener] as const),
  );
  const configure = (section: string, key: string, value: unknown) =>
    new Promise<void>((done, fail) =>
      app.couchConfig.set(section, key, value, (error) => (error ? fail(error) : done())),
    );
  // An administrator before the first request: with none, express-pouchdb (like CouchDB) is an "admin party".
  await configure('admins', admin.name, admin.password);
  await configure('couch_httpd_auth', 'iterations', PASSWORD_ITERATIONS);
  await configure('couch_httpd_auth', 'secret', sessionSecret(data));
  await configure('couch_httpd_auth', 'timeout', SESSION_SECONDS);

  const server: Server = createServer((request, response) => {
    if (applyCors(request, response, origins)) return;
    const first = (request.url ?? '/').split(/[/?#]/)[1] ?? '';
    let segment: string;
    try {
      segment = decodeURIComponent(first);
    } catch {
      sendJson(response, 400, { error: 'bad_request', reason: 'The path is not valid.' });
      return;
    }
    if (ADMIN_ONLY.has(segment) && !isAdminRequest(request, admin)) {
      sendJson(response, 403, {
        error: 'forbidden',
        reason: `Only the classroom's administrator may use /${segment}.`,
      });
      return;
    }
    app(request, response);
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 5984, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}/`;
  const replications: Replication[] = [];
  const databases: PouchDatabase[] = [];
  const stop = async () => {
    for (const replicationRun of replications) replicationRun.cancel();
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
    await Promise.all(databases.map((db) => db.close().catch(() => undefined)));
    for (const [event, listener] of added) Pouch.removeListener(event, listener);
  };

  try {
    const couch = adminClient(url, admin);
    await couch.must('PUT', '_users/_security', USERS_SECURITY);

    const courseDb = courseDatabase(courseId);
    const trainees = people.filter((person) => person.role === 'trainee');
    const supervisors = people.filter((person) => person.role === 'supervisor');
    const setup = couchSetup(
      courseId,
      trainees.map((trainee) => trainee.name),
      supervisors.map((supervisor) => supervisor.name),
    );
    for (const { name, security, design } of setup.databases) {
      await couch.must('PUT', encodeURIComponent(name), undefined, [412]);
      await couch.must('PUT', `${encodeURIComponent(name)}/_security`, security);
      if (await couch.upsert(name, design)) log(`  rules written: ${name}`);
    }

    const users: ClassroomUser[] = [];
    for (const person of people) {
      const role = person.role === 'trainee' ? traineeRole(courseId) : supervisorRole(courseId);
      const path = `_users/${encodeURIComponent(`org.couchdb.user:${person.name}`)}`;
      const existing = await couch.request('GET', path);
      const user: ClassroomUser = { ...person };
      if (person.role === 'trainee') user.database = traineeDatabase(courseId, person.name);
      if (existing.status === 200) {
        const roles = Array.isArray(existing.body.roles) ? existing.body.roles.map(String) : [];
        if (!roles.includes(role))
          await couch.must('PUT', path, { ...existing.body, roles: [...roles, role] });
      } else {
        user.password = generatePassword();
        await couch.must('PUT', path, {
          _id: `org.couchdb.user:${person.name}`,
          type: 'user',
          name: person.name,
          roles: [role],
          password: user.password,
        });
      }
      users.push(user);
    }

    const course: Course = {
      id: courseId,
      title: options.course.trim(),
      scenarios: [...(options.scenarios ?? [])],
      trainees: trainees.map((trainee) => trainee.name),
      ...(options.assisted ? { assisted: true } : {}),
    };
    await couch.upsert(courseDb, courseDoc(course));
    for (const trainee of trainees) {
      await couch.upsert(courseDb, traineeDoc(courseId, { id: trainee.name, name: trainee.displayName }));
    }

    // The replications, in process and as the server: each trainee's database into the course's, and
    // the course's and the trainee's own documents back. Every document has one writer, so none conflict.
    const course$ = new Pouch(courseDb);
    databases.push(course$);
    for (const trainee of trainees) {
      const own = new Pouch(traineeDatabase(courseId, trainee.name));
      databases.push(own);
      const report = (direction: string) => (error: unknown) =>
        log(
          `replication ${direction} ${trainee.name}: ${error instanceof Error ? error.message : String(error)}`,
        );
      replications.push(
        // Not the design document: each database keeps its own rules.
        Pouch.replicate(own, course$, { live: true, retry: true, filter: isNotDesign }).on(
          'error',
          report('from'),
        ),
        Pouch.replicate(course$, own, {
          live: true,
          retry: true,
          doc_ids: [courseDocId(courseId), traineeDocId(trainee.name)],
        }).on('error', report('to')),
      );
    }

    return {
      url,
      host,
      port,
      course,
      courseDatabase: courseDb,
      origins: [...origins],
      users,
      adminAuth: admin,
      ...(adminFile ? { adminFile } : {}),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
