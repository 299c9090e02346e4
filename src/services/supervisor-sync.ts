/*
 * A supervisor's device in a classroom: the course's attempts come in as trainees play them, and the
 * supervisor's moderations and calibration marks go out to the trainees they are of. The device's own
 * store (IndexedDB) stays the app's store, so every supervisor screen (cohort, review, moderation,
 * calibration, reports) works on what arrived, online or not.
 *
 *   <course> on the server ──(replication, live, retried)──▶ local mirror ──(changes, in order)──▶ store
 *   store ──(every second: this supervisor's moderations and marks the course does not hold yet)──▶
 *       <course>-t-<trainee> on the server ──(the server's own replication)──▶ <course> ──▶ mirror
 *
 * What comes in is read in the order the mirror took it, from a checkpoint kept in the mirror, so a
 * reload or a dropped network carries on where it stopped and nothing is taken twice. An attempt's
 * documents are checked as they come (src/sync/course-feed.ts); when its finish arrives with every event
 * before it, the attempt is replayed on this build's scenario and scored here: the marks the cohort
 * shows are this device's, not the ones the trainee's device sent, and a difference is said.
 *
 * What goes out is known to have arrived when it comes back in the course database; until then it is
 * counted as waiting and tried again, and a document of that id already on the server is the same one
 * (ids are made from what they are), so nothing is doubled.
 */
import type { ReplicationOptions, StoredDoc, SyncDatabase } from 'pouchdb-browser';
import { loadScenarioVersion } from '../../scenarios/catalogue.ts';
import { replay } from '../engine/replay.ts';
import type { Calibration, Course, Moderation } from '../records/records.ts';
import type { AttemptRecord, EventRow } from '../records/tables.ts';
import { scoreCall } from '../scoring/score.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';
import { strings } from '../strings/en-gb.ts';
import { calibrationSchema, courseSchema, describeIssue, moderationSchema } from '../supervision/bundle.ts';
import { summariseScore } from '../supervision/score-summary.ts';
import { eventsInOrder, readCourseDoc, type CourseFeedItem } from '../sync/course-feed.ts';
import {
  calibrationDoc,
  calibrationDocId,
  finishedDocId,
  moderationDoc,
  moderationDocId,
} from '../sync/documents.ts';
import {
  backOff,
  type ClassroomPlace,
  type ClassroomSync,
  type SyncDatabases,
  type SyncState,
  type SyncStatus,
} from './classroom-sync.ts';

const c = strings.ui.classroom;

export interface SupervisorDatabases extends SyncDatabases {
  /** The mirror of the course database on this device. */
  local: SyncDatabase;
  /** The course database on the server. */
  remote: SyncDatabase;
  /** A trainee's database on the server, where a moderation of their attempt is written. */
  traineeDatabase(trainee: string): SyncDatabase;
}

const APPLIED_MARK = '_local/supervisor-applied';
/** Documents read from the mirror at a time: one store transaction each. */
const BATCH = 500;

const messageOf = (error: unknown) =>
  error instanceof Error
    ? error.message
    : typeof error === 'object' && error !== null && 'message' in error
      ? String((error as { message: unknown }).message)
      : String(error);
const statusOf = (error: unknown) =>
  typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;

/**
 * What a batch kept, for the screens that load again: `progress` when it was only more of attempts still
 * being played (headers and events), which the cohort does not show; `results` when it was anything else
 * (an attempt finished and scored here, a moderation, marks, the course, a trainee).
 */
export type KeptChange = 'progress' | 'results';

/** A classroom's trainee ids are their user names; the store's name index is kept apart from typed names. */
const classroomNameKey = (course: string, trainee: string) => `classroom:${course}:${trainee}`;

export function startSupervisorSync(options: {
  store: AttemptStore;
  place: ClassroomPlace;
  databases: SupervisorDatabases;
  onStatus: (status: SyncStatus) => void;
  /** Something arrived and was kept in the store: open screens load again, as far as it concerns them. */
  onKept?: (change: KeptChange) => void;
  /** How often the store is looked at for moderations and marks to send; 1 s. */
  sendEveryMs?: number;
  /** The longest wait between tries to reach the server; 10 s. */
  maxBackOffMs?: number;
}): ClassroomSync {
  const { store, place, onStatus } = options;
  const { local, remote, replicate } = options.databases;
  const { course } = place;

  let state: SyncState = 'connecting';
  let waiting = 0;
  let refused = 0;
  let notKept = 0;
  let problem: string | undefined;
  let stopped = false;
  const status = (): SyncStatus => ({ state, waiting, refused, notKept, ...(problem ? { problem } : {}) });
  let told = '';
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
  const notKeep = (why: string) => {
    notKept++;
    problem = c.notKept(why);
  };

  // ---- mirror → store ----
  let applied: { seq: number | string; rev?: string } = { seq: 0 };
  /** Finishes whose attempts do not yet hold every event before them, by attempt. */
  const finishes = new Map<string, Extract<CourseFeedItem, { kind: 'finished' }>>();
  /** Ids of moderations and marks the course database holds: they need not be sent. */
  const onServer = new Set<string>();

  const prepared = (async () => {
    const mark = await local.get(APPLIED_MARK).catch(() => null);
    if (mark && (typeof mark.seq === 'number' || typeof mark.seq === 'string'))
      applied = { seq: mark.seq, ...(mark._rev ? { rev: mark._rev } : {}) };
    // Finishes read before a reload whose attempts were still missing events then.
    const unfinished = await store.transaction('read', (tables) =>
      tables.where('attempts', 'course', [course]),
    );
    for (const record of unfinished) {
      if (record.status === 'finished') continue;
      const doc = await local.get(finishedDocId(record.id)).catch(() => null);
      const item = doc ? readCourseDoc(course, doc) : null;
      if (item?.kind === 'finished') finishes.set(item.attempt, item);
    }
  })();

  /**
   * The records of one batch kept: attempts and their events in one transaction, then the rest. Says
   * whether any of it was more than play in progress.
   */
  const keep = async (items: readonly CourseFeedItem[]): Promise<KeptChange> => {
    let results = false;
    const headers = new Map<string, AttemptRecord>();
    const events: EventRow[] = [];
    const moderations: Moderation[] = [];
    const calibrations: Calibration[] = [];
    for (const item of items) {
      switch (item.kind) {
        case 'attempt':
          headers.set(item.record.id, item.record);
          break;
        case 'event':
          events.push({ attemptId: item.attempt, seq: item.seq, entry: item.entry });
          break;
        case 'finished':
          finishes.set(item.attempt, item);
          break;
        case 'moderation':
        case 'calibration': {
          const schema = item.kind === 'moderation' ? moderationSchema : calibrationSchema;
          const checked = schema.safeParse(item.fields);
          if (!checked.success) {
            const issue = checked.error.issues[0];
            notKeep(issue ? describeIssue(issue, item.id) : item.id);
            break;
          }
          onServer.add(item.id);
          if (item.kind === 'moderation') moderations.push(checked.data as Moderation);
          else calibrations.push(checked.data as Calibration);
          break;
        }
        case 'course': {
          const checked = courseSchema.safeParse(item.fields);
          if (checked.success) {
            await store.saveCourse(checked.data as Course);
            results = true;
          } else {
            const issue = checked.error.issues[0];
            notKeep(issue ? describeIssue(issue, item.id) : item.id);
          }
          break;
        }
        case 'trainee':
          await store.transaction('write', (tables) =>
            tables.put('trainees', [{ ...item.trainee, nameKey: classroomNameKey(course, item.trainee.id) }]),
          );
          results = true;
          break;
        case 'refused':
          notKeep(item.reason);
          break;
        case 'ignored':
          break;
      }
    }
    const touched = new Set([...headers.keys(), ...events.map((row) => row.attemptId)]);
    if (touched.size > 0) {
      await store.transaction('write', async (tables) => {
        const ids = [...touched];
        if (events.length > 0) await tables.put('events', events);
        const records = new Map((await tables.where('attempts', 'id', ids)).map((r) => [r.id, r]));
        for (const [id, header] of headers) if (!records.has(id)) records.set(id, header);
        const held = new Map<string, Map<number, EventRow>>();
        for (const row of await tables.where('events', 'attemptId', ids)) {
          const rows = held.get(row.attemptId) ?? new Map<number, EventRow>();
          rows.set(row.seq, row);
          held.set(row.attemptId, rows);
        }
        const changed: AttemptRecord[] = [];
        for (const record of records.values()) {
          if (record.status === 'finished' || record.course !== course) continue;
          const rows = held.get(record.id);
          const eventCount = eventsInOrder(rows?.keys() ?? []);
          const last = rows?.get(eventCount - 1)?.entry.wall;
          changed.push({ ...record, eventCount, updatedAt: last ?? record.updatedAt });
        }
        await tables.put('attempts', changed);
      });
    }
    if (moderations.length > 0) await store.putModerations(moderations);
    if (calibrations.length > 0) await store.putCalibrations(calibrations);
    const finished = await finishWhatCan();
    return results || moderations.length > 0 || calibrations.length > 0 || finished > 0
      ? 'results'
      : 'progress';
  };

  /**
   * Attempts whose finish and every event before it are here: replayed and scored on this device. Returns
   * how many were.
   */
  const finishWhatCan = async (): Promise<number> => {
    let finished = 0;
    for (const [attempt, finish] of [...finishes]) {
      const stored = await store.load(attempt);
      if (!stored) continue;
      if (stored.record.status === 'finished') {
        finishes.delete(attempt);
        continue;
      }
      if (stored.record.eventCount < finish.eventCount) continue;
      finishes.delete(attempt);
      const { record } = stored;
      const module = await loadScenarioVersion(record.scenario, record.scenarioVersion);
      if (!module) {
        notKeep(c.unknownScenario(attempt, `${record.scenario} version ${record.scenarioVersion}`));
        continue;
      }
      let snapshot;
      try {
        snapshot = replay(module.machine, stored.entries.slice(0, finish.eventCount));
      } catch (error) {
        notKeep(c.notReplayable(attempt, messageOf(error)));
        continue;
      }
      if (snapshot.status !== 'done') {
        notKeep(c.notReplayable(attempt, c.didNotEnd));
        continue;
      }
      const score = summariseScore(scoreCall(module.definition, module.answerKey, snapshot.context));
      await store.markFinished(attempt, score);
      finished++;
      if (finish.claimed.total !== score.total || finish.claimed.band !== score.band) {
        problem = c.marksDiffer(record.trainee, attempt, finish.claimed.total, score.total);
      }
    }
    return finished;
  };

  let applying: Promise<void> | null = null;
  let again = false;
  const applyOnce = async () => {
    await prepared;
    for (;;) {
      if (stopped) return;
      const batch = await local.changes({
        since: applied.seq,
        include_docs: true,
        conflicts: true,
        limit: BATCH,
      });
      const docs = batch.results.flatMap((row) => (row.doc && !row.doc._deleted ? [row.doc] : []));
      if (docs.length > 0) {
        const kept = await keep(
          docs.map((doc) => readCourseDoc(course, doc as StoredDoc & Record<string, unknown>)),
        );
        options.onKept?.(kept);
      }
      if (batch.results.length === 0 || batch.last_seq === applied.seq) return;
      const written = await local.put({
        _id: APPLIED_MARK,
        ...(applied.rev ? { _rev: applied.rev } : {}),
        seq: batch.last_seq,
      } as { _id: string });
      applied = { seq: batch.last_seq, rev: written.rev };
      tell();
    }
  };
  /** Reads what is new in the mirror; asked again while reading, it reads once more after. */
  const applyNew = (): Promise<void> => {
    if (applying) {
      again = true;
      return applying;
    }
    applying = applyOnce()
      .catch((error: unknown) => notKeep(messageOf(error)))
      .finally(() => {
        applying = null;
        tell();
        if (again && !stopped) {
          again = false;
          void applyNew();
        }
      });
    return applying;
  };
  const arrivals = local.changes({ since: 'now', live: true }).on('change', () => void applyNew());

  // ---- store → trainees' databases: this supervisor's moderations and marks ----
  const traineeDatabases = new Map<string, SyncDatabase>();
  const openTrainee = (trainee: string) => {
    let database = traineeDatabases.get(trainee);
    if (!database) {
      database = options.databases.traineeDatabase(trainee);
      traineeDatabases.set(trainee, database);
    }
    return database;
  };
  /** Sent and taken by the server, or refused by it for good: not tried again. */
  const settled = new Set<string>();

  let sending: Promise<void> | null = null;
  const sendOnce = async () => {
    await prepared;
    const own = await store.transaction('read', async (tables) => {
      const mine = <T extends { supervisor: string }>(rows: T[]) =>
        rows.filter((row) => row.supervisor === place.user);
      const moderations = mine(await tables.all('moderations')).map((m) => ({
        docId: moderationDocId(m.id),
        attempt: m.attempt,
        doc: (trainee: string) => moderationDoc(course, trainee, m),
      }));
      const calibrations = mine(await tables.all('calibrations')).map((m) => ({
        docId: calibrationDocId(m.id),
        attempt: m.attempt,
        doc: (trainee: string) => calibrationDoc(course, trainee, m),
      }));
      const unsent = [...moderations, ...calibrations].filter(
        (item) => !onServer.has(item.docId) && !settled.has(item.docId),
      );
      const attempts = await tables.where('attempts', 'id', [...new Set(unsent.map((item) => item.attempt))]);
      const ofCourse = new Map(attempts.filter((a) => a.course === course).map((a) => [a.id, a.traineeId]));
      return unsent.flatMap((item) => {
        const trainee = ofCourse.get(item.attempt);
        return trainee ? [{ ...item, trainee }] : [];
      });
    });
    // Already in the mirror (it came back while this device was away): nothing to send.
    if (own.length > 0) {
      const rows = (await local.allDocs({ keys: own.map((item) => item.docId) })).rows;
      for (const row of rows) if (!row.error && !row.value?.deleted) onServer.add(row.key);
    }
    const toSend = own.filter((item) => !onServer.has(item.docId));
    for (const item of toSend) {
      if (stopped || state === 'offline' || state === 'signed-out' || state === 'failed') break;
      try {
        await openTrainee(item.trainee).put(item.doc(item.trainee));
        settled.add(item.docId);
      } catch (error) {
        const code = statusOf(error);
        if (code === 409) settled.add(item.docId);
        else if (code === 401) become('signed-out', c.signedOutWhy);
        else if (code === 403) {
          settled.add(item.docId);
          refused++;
          problem = c.supervisorRefused(messageOf(error));
        } else break; // out of reach: tried again at the next tick
      }
    }
    waiting = toSend.filter((item) => !settled.has(item.docId)).length;
    tell();
  };
  const sendNow = (): Promise<void> => {
    sending ??= sendOnce()
      .catch(() => undefined)
      .finally(() => {
        sending = null;
      });
    return sending;
  };

  // ---- server → mirror ----
  const maxBackOff = options.maxBackOffMs ?? 10_000;
  let pull: { cancel(): void } | null = null;
  const connect = () => {
    if (stopped || state === 'signed-out' || state === 'failed') return;
    const settings: ReplicationOptions = { live: true, retry: true, back_off_function: backOff(maxBackOff) };
    pull = replicate(remote, local, settings)
      .on('active', () => become('online'))
      .on('paused', (error) => {
        become(error ? 'offline' : 'online');
        if (!error) void sendNow();
      })
      .on('error', (error) => {
        pull?.cancel();
        if (statusOf(error) === 401 || (error as { name?: unknown })?.name === 'unauthorized')
          become('signed-out', c.signedOutWhy);
        else become('failed', c.syncFailed(messageOf(error)));
      });
  };

  const timer = setInterval(() => void sendNow(), options.sendEveryMs ?? 1000);
  void prepared.then(
    () => {
      connect();
      return applyNew();
    },
    (error: unknown) => become('failed', c.syncFailed(messageOf(error))),
  );

  return {
    mirrorNow: sendNow,
    reconnect: () => {
      if (stopped) return;
      pull?.cancel();
      if (state === 'offline') state = 'connecting';
      connect();
    },
    wentOffline: () => become('offline'),
    status,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      pull?.cancel();
      arrivals.cancel();
      await Promise.allSettled([applying, sending, prepared]);
      await Promise.allSettled([
        local.close(),
        remote.close(),
        ...[...traineeDatabases.values()].map((d) => d.close()),
      ]);
    },
  };
}
