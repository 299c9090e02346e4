/*
 * A trainee's device in a classroom: signing in to the classroom server, and the sync that runs while
 * the device is joined. The device's own store (IndexedDB) stays the app's store; play writes there
 * and never waits for any of this.
 *
 *   store ──(every second: what is new, src/sync/mirror.ts)──▶ local mirror (PouchDB)
 *   local mirror ──(replication, live, retried)──▶ <course>-t-<user> on the server      (the attempts)
 *   <course>-t-<user> ──(replication, live, retried)──▶ local mirror ──▶ store           (moderations,
 *                                                                         calibration marks, the course)
 *
 * Each replication keeps its checkpoint in both databases, so after a dropped network or a restarted
 * server it carries on from where it got to; documents are written once under ids made from what they
 * are, so nothing is sent twice or doubled. What waits for the server is counted by asking it, when it
 * can be asked, which of the mirror's documents it lacks.
 *
 * Lifecycle of a sync: connecting → online (sending, or up to date) ⇄ offline; it stops for good when
 * the server no longer takes the device's sign-in (signed-out) or refuses the database (failed), and
 * when stop() is called. The PouchDB databases are given: PouchDB for the browser is loaded only when
 * a classroom is joined (src/ui/classroom), and Node tests pass their own.
 */
import type { Replication, ReplicationOptions, StoredDoc, SyncDatabase } from 'pouchdb-browser';
import type { Calibration, Course, Moderation } from '../records/records.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';
import { strings } from '../strings/en-gb.ts';
import { calibrationSchema, courseSchema, describeIssue, moderationSchema } from '../supervision/bundle.ts';
import { courseDatabase, slug, traineeDatabase } from '../sync/documents.ts';
import {
  attemptGaps,
  attemptsNamed,
  attemptsToSync,
  attemptsWaiting,
  classroomRole,
  docsForGap,
  isReceivedDoc,
  isSentDoc,
  mirroredAttempts,
  noteMirrored,
  receivedDoc,
  type AttemptGap,
  type ClassroomIdentity,
  type MirroredAttempt,
} from '../sync/mirror.ts';

const c = strings.ui.classroom;

/**
 * A classroom a device has joined: the server's address (ending in '/'), the course, the user, and
 * whether they are one of its trainees (their attempts go out) or its supervisors (the course's
 * attempts come in).
 */
export interface ClassroomPlace extends ClassroomIdentity {
  server: string;
  role: 'trainee' | 'supervisor';
}

// ---- signing in ----

export type SignInResult =
  | { ok: true; place: ClassroomPlace }
  | {
      ok: false;
      problem: 'address' | 'wrong-password' | 'unreachable' | 'not-a-trainee' | 'refused';
      message: string;
    };

/** The server's address as typed ("192.168.1.20:5984"), made whole (`http://192.168.1.20:5984/`), or null. */
export function serverAddress(typed: string): string | null {
  const text = typed.trim();
  if (!text) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.search || url.hash || url.username || url.password) return null;
    return `${url.origin}${url.pathname.replace(/\/*$/, '/')}`;
  } catch {
    return null;
  }
}

/**
 * Signs in to the classroom server (POST /_session): the browser keeps the session cookie, and only
 * the server and user are remembered. The user name is folded as the server made it ("Siân Jones" →
 * "sian-jones"); the course and role are those the server's roles for the user name.
 */
export async function signIn(
  typedServer: string,
  typedUser: string,
  password: string,
  request: typeof fetch = fetch,
): Promise<SignInResult> {
  const server = serverAddress(typedServer);
  if (!server) return { ok: false, problem: 'address', message: c.badAddress };
  const user = slug(typedUser);
  let response: Response;
  try {
    response = await request(new URL('_session', server), {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name: user, password }),
    });
  } catch {
    return { ok: false, problem: 'unreachable', message: c.unreachable(server) };
  }
  if (response.status === 401) return { ok: false, problem: 'wrong-password', message: c.wrongPassword };
  const body = (await response.json().catch(() => ({}))) as { name?: unknown; roles?: unknown };
  if (!response.ok) {
    return { ok: false, problem: 'refused', message: c.refusedSignIn(response.status) };
  }
  const roles = Array.isArray(body.roles) ? body.roles.filter((role) => typeof role === 'string') : [];
  const role = classroomRole(roles);
  if (role.role === 'none') return { ok: false, problem: 'not-a-trainee', message: c.notATrainee };
  const name = typeof body.name === 'string' && body.name ? body.name : user;
  return { ok: true, place: { server, user: name, course: role.course, role: role.role } };
}

/** Ends the device's session with the server (DELETE /_session); a server out of reach is no matter. */
export async function signOut(server: string, request: typeof fetch = fetch): Promise<void> {
  await request(new URL('_session', server), { method: 'DELETE', credentials: 'include' }).catch(
    () => undefined,
  );
}

/** The course database on the server: a supervisor's device reads it. */
export const courseDatabaseUrl = (place: ClassroomPlace) => `${place.server}${courseDatabase(place.course)}`;

/** A trainee's database on the server: where their attempts go, and their supervisors' moderations. */
export const traineeDatabaseUrl = (place: ClassroomPlace, trainee: string) =>
  `${place.server}${traineeDatabase(place.course, trainee)}`;

/**
 * The local mirror's name: one per server and trainee database. It must not hold "://", which PouchDB
 * would read as a server's address.
 */
export const mirrorName = (place: ClassroomPlace) =>
  place.role === 'supervisor'
    ? `control-room-classroom-${courseDatabase(place.course)}-s-${place.user}@${new URL(place.server).host}`
    : `control-room-classroom-${traineeDatabase(place.course, place.user)}@${new URL(place.server).host}`;

// ---- the sync ----

export type SyncState = 'connecting' | 'online' | 'offline' | 'signed-out' | 'failed';

export interface SyncStatus {
  state: SyncState;
  /** Attempts with documents the server is not known to have yet. */
  waiting: number;
  /** Documents the server refused; it will never take them. */
  refused: number;
  /** Received documents not kept, because they did not hold (see `problem`). */
  notKept: number;
  /** What went wrong, in words for the screen: why sync stopped, or the last received document refused. */
  problem?: string;
}

export interface SyncDatabases {
  /** The mirror on this device. */
  local: SyncDatabase;
  /** The trainee's database on the server. */
  remote: SyncDatabase;
  replicate(source: SyncDatabase, target: SyncDatabase, options: ReplicationOptions): Replication;
}

export interface ClassroomSync {
  /** Sends what is new in the store now, rather than at the next tick. */
  mirrorNow(): Promise<void>;
  /** Starts the replications again from their checkpoints: the network is back. */
  reconnect(): void;
  /** The network is gone: say so now rather than when a request fails. */
  wentOffline(): void;
  status(): SyncStatus;
  stop(): Promise<void>;
}

/** A wait between tries that doubles from 1 s to at most `max` ms. */
export const backOff =
  (max: number) =>
  (last: number): number =>
    last <= 0 ? Math.min(1000, max) : Math.min(last * 2, max);

const PUSHED_MARK = '_local/classroom-pushed';

/** Whether a replication's failure is the server no longer taking the device's sign-in. */
const isUnauthorised = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { status?: unknown }).status === 401 || (error as { name?: unknown }).name === 'unauthorized');

const messageOf = (error: unknown) =>
  error instanceof Error
    ? error.message
    : typeof error === 'object' && error !== null && 'message' in error
      ? String((error as { message: unknown }).message)
      : String(error);

export function startClassroomSync(options: {
  store: AttemptStore;
  place: ClassroomPlace;
  databases: SyncDatabases;
  onStatus: (status: SyncStatus) => void;
  /** Something received was kept in the store (a moderation, marks, the course): open screens load again. */
  onKept?: () => void;
  /** How often the store is looked at for what is new; 1 s. */
  mirrorEveryMs?: number;
  /** The longest wait between tries to reach the server; 10 s. */
  maxBackOffMs?: number;
}): ClassroomSync {
  const { store, place, onStatus } = options;
  const { local, remote, replicate } = options.databases;
  const identity: ClassroomIdentity = { course: place.course, user: place.user };

  let state: SyncState = 'connecting';
  let waiting = 0;
  let refused = 0;
  let notKept = 0;
  let problem: string | undefined;
  let stopped = false;
  const status = (): SyncStatus => ({ state, waiting, refused, notKept, ...(problem ? { problem } : {}) });
  let told = '';
  /** Says the status when it has changed. */
  const tell = () => {
    const now = status();
    const said = JSON.stringify(now);
    if (stopped || said === told) return;
    told = said;
    onStatus(now);
  };
  const become = (next: SyncState, why?: string) => {
    if (state === 'signed-out' || state === 'failed') return;
    state = next;
    if (why) problem = why;
    tell();
  };

  // ---- store → mirror ----
  let mirrored: Map<string, MirroredAttempt> | null = null;
  let traineeId: string | null = null;
  let gaps: AttemptGap[] = [];
  let pushed: { seq: number | string; rev?: string } = { seq: 0 };

  const prepared = (async () => {
    traineeId = (await store.traineeNamed(place.user)).id;
    mirrored = mirroredAttempts((await local.allDocs()).rows.map((row) => row.id));
    const mark = await local.get(PUSHED_MARK).catch(() => null);
    if (mark && (typeof mark.seq === 'number' || typeof mark.seq === 'string'))
      pushed = { seq: mark.seq, ...(mark._rev ? { rev: mark._rev } : {}) };
  })();

  let mirroring: Promise<void> | null = null;
  const mirrorOnce = async () => {
    await prepared;
    if (!mirrored || traineeId === null) return;
    const held = mirrored;
    const records = attemptsToSync(
      await store.transaction('read', (tables) => tables.where('attempts', 'traineeId', [traineeId ?? ''])),
      identity,
      traineeId,
    );
    for (const gap of attemptGaps(records, held)) {
      if (stopped) return;
      const loaded = await store.load(gap.attempt);
      if (!loaded) continue;
      const docs = docsForGap(identity, loaded.record, loaded.entries, gap);
      if (docs.length === 0) continue;
      const results = await local.bulkDocs(docs);
      results.forEach((result, index) => {
        const id = docs[index]?._id;
        // Written now, or already there (a conflict: the same id, written once before).
        if (id && (result.ok || result.status === 409)) noteMirrored(held, id);
      });
    }
    gaps = attemptGaps(records, held);
    await countWaiting();
  };
  const mirrorNow = (): Promise<void> => {
    mirroring ??= mirrorOnce().finally(() => {
      mirroring = null;
    });
    return mirroring;
  };

  // ---- what waits for the server ----
  let idle = false;
  let counting: Promise<void> | null = null;
  const countOnce = async () => {
    await prepared;
    const since = await local.changes({ since: pushed.seq, style: 'main_only' });
    const unsent = since.results.filter((row) => attemptsNamed([row.id]).size > 0);
    let missing = unsent.map((row) => row.id);
    if (idle && state === 'online') {
      // Caught up: ask the server which of them it lacks (none, unless it refused some).
      const revisions = Object.fromEntries(unsent.map((row) => [row.id, row.changes.map((ch) => ch.rev)]));
      const lacking = unsent.length > 0 ? await remote.revsDiff(revisions) : {};
      missing = Object.keys(lacking);
      if (missing.length === 0 && since.last_seq !== pushed.seq) {
        const written = await local.put({
          _id: PUSHED_MARK,
          ...(pushed.rev ? { _rev: pushed.rev } : {}),
          seq: since.last_seq,
        } as { _id: string });
        pushed = { seq: since.last_seq, rev: written.rev };
      }
    }
    waiting = attemptsWaiting(missing, gaps);
    tell();
  };
  const countWaiting = async () => {
    // One count at a time; a count asked for meanwhile is the one running.
    counting ??= countOnce()
      .catch(() => undefined)
      .finally(() => {
        counting = null;
      });
    return counting;
  };

  // ---- mirror ⇄ server ----
  const maxBackOff = options.maxBackOffMs ?? 10_000;
  let push: { cancel(): void } | null = null;
  let pull: { cancel(): void } | null = null;
  const connect = () => {
    if (stopped || state === 'signed-out' || state === 'failed') return;
    const settings = { live: true, retry: true, back_off_function: backOff(maxBackOff) };
    const fatal = (error: unknown) => {
      push?.cancel();
      pull?.cancel();
      if (isUnauthorised(error)) become('signed-out', c.signedOutWhy);
      else become('failed', c.syncFailed(messageOf(error)));
    };
    const pushing = replicate(local, remote, { ...settings, filter: isSentDoc });
    pushing
      .on('active', () => {
        idle = false;
        become('online');
      })
      .on('change', () => void countWaiting())
      .on('paused', (error) => {
        idle = !error;
        become(error ? 'offline' : 'online');
        void countWaiting();
      })
      .on('denied', () => {
        refused++;
        tell();
      })
      .on('error', fatal);
    const pulling = replicate(remote, local, { ...settings, filter: isReceivedDoc });
    pulling
      .on('active', () => become('online'))
      .on('paused', (error) => {
        if (error) become('offline');
      })
      .on('error', fatal);
    push = pushing;
    pull = pulling;
  };
  const disconnect = () => {
    push?.cancel();
    pull?.cancel();
    push = pull = null;
  };

  // ---- mirror → store: what comes back ----
  let applying = Promise.resolve();
  const keep = async (doc: StoredDoc) => {
    const opened = receivedDoc(identity, doc);
    if (opened.kind === 'refused') {
      notKept++;
      problem = c.notKept(opened.reason);
      return;
    }
    const schema = { moderation: moderationSchema, calibration: calibrationSchema, course: courseSchema }[
      opened.kind
    ];
    const checked = schema.safeParse(opened.fields);
    if (!checked.success) {
      notKept++;
      const issue = checked.error.issues[0];
      problem = c.notKept(issue ? describeIssue(issue, opened.id) : opened.id);
      return;
    }
    if (opened.kind === 'moderation') await store.putModerations([checked.data as Moderation]);
    else if (opened.kind === 'calibration') await store.putCalibrations([checked.data as Calibration]);
    else await store.saveCourse(checked.data as Course);
    options.onKept?.();
  };
  const received = local
    .changes({ since: 0, live: true, include_docs: true, filter: isReceivedDoc })
    .on('change', (change) => {
      const { doc } = change;
      if (!doc || doc._deleted) return;
      applying = applying.then(() =>
        keep(doc).then(tell, (error: unknown) => {
          notKept++;
          problem = c.notKept(messageOf(error));
          tell();
        }),
      );
    });

  const timer = setInterval(() => void mirrorNow().catch(() => undefined), options.mirrorEveryMs ?? 1000);
  void prepared.then(
    () => {
      connect();
      return mirrorNow();
    },
    (error: unknown) => become('failed', c.syncFailed(messageOf(error))),
  );

  return {
    mirrorNow,
    reconnect: () => {
      if (stopped) return;
      disconnect();
      connect();
    },
    wentOffline: () => {
      idle = false;
      become('offline');
    },
    status,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      disconnect();
      received.cancel();
      await Promise.allSettled([mirroring, counting, applying, prepared]);
      await Promise.allSettled([local.close(), remote.close()]);
    },
  };
}
