/*
 * A trainee's device keeps its attempts in its own store (IndexedDB) and mirrors them, as the documents
 * of documents.ts, into a local database that replication pushes to the classroom server. This is the
 * arithmetic of that mirror, with no database in it: which attempts a device sends, which of their
 * documents the mirror lacks, the documents that fill the gap, how many attempts still wait for the
 * server, and what comes back (moderations, calibration marks, the course) as records.
 *
 * Every document's id is made from what it is and none is ever changed, so a document written twice is
 * the same document: the mirror refuses the second as a conflict, and the server never sees two.
 */
import type { AttemptEntry } from '../engine/attempt.ts';
import { assertNever } from '../../machines/vocabulary.ts';
import type { AttemptRecord } from '../records/tables.ts';
import {
  SUPERVISOR_DOC_TYPES,
  SYNC_FORMAT_VERSION,
  TRAINEE_DOC_TYPES,
  attemptDoc,
  eventDoc,
  finishedDoc,
  parseDocId,
  supervisorRole,
  traineeRole,
  type AttemptDoc,
  type AttemptEventDoc,
  type AttemptFinishedDoc,
} from './documents.ts';

/** Where a device syncs to: the course (from the user's role) and the user, who is the trainee id there. */
export interface ClassroomIdentity {
  course: string;
  user: string;
}

/**
 * What a user's roles on the server make them: a trainee of a course (the first by name, should they be
 * on several), else a supervisor of one (likewise), or neither.
 */
export function classroomRole(
  roles: readonly string[],
): { role: 'trainee' | 'supervisor'; course: string } | { role: 'none' } {
  const firstCourse = (prefix: string) =>
    roles
      .filter((role) => role.startsWith(prefix))
      .map((role) => role.slice(prefix.length))
      .filter((id) => id !== '')
      .sort()[0];
  const trained = firstCourse(traineeRole(''));
  if (trained !== undefined) return { role: 'trainee', course: trained };
  const supervised = firstCourse(supervisorRole(''));
  if (supervised !== undefined) return { role: 'supervisor', course: supervised };
  return { role: 'none' };
}

/** What the mirror holds of one attempt, read from its document ids. */
export interface MirroredAttempt {
  header: boolean;
  /** The seqs of the events it holds. */
  events: Set<number>;
  finished: boolean;
}

/** What the mirror holds, attempt by attempt, from the ids of the documents in it (others are ignored). */
export function mirroredAttempts(ids: Iterable<string>): Map<string, MirroredAttempt> {
  const attempts = new Map<string, MirroredAttempt>();
  for (const id of ids) noteMirrored(attempts, id);
  return attempts;
}

/** Adds one written document to what the mirror is known to hold. */
export function noteMirrored(attempts: Map<string, MirroredAttempt>, id: string): void {
  const parsed = parseDocId(id);
  if (!parsed || !('attempt' in parsed)) return;
  let held = attempts.get(parsed.attempt);
  if (!held) {
    held = { header: false, events: new Set(), finished: false };
    attempts.set(parsed.attempt, held);
  }
  switch (parsed.type) {
    case 'attempt':
      held.header = true;
      return;
    case 'attempt-event':
      held.events.add(parsed.seq);
      return;
    case 'attempt-finished':
      held.finished = true;
      return;
    default:
      return assertNever(parsed);
  }
}

/**
 * The attempts a device sends to the classroom: those made on the classroom's course by the trainee
 * this device signed in as (`traineeId` is that trainee's id in the device's own store). Attempts whose
 * ids cannot be a document's are left out; so are what-ifs of reference attempts, which have no course.
 */
export function attemptsToSync(
  records: readonly AttemptRecord[],
  identity: ClassroomIdentity,
  traineeId: string,
): AttemptRecord[] {
  return records.filter(
    (record) =>
      record.course === identity.course &&
      record.traineeId === traineeId &&
      parseDocId(`attempt:${record.id}`)?.type === 'attempt',
  );
}

/** What of one attempt the mirror lacks. */
export interface AttemptGap {
  attempt: string;
  header: boolean;
  /** Seqs of stored events not in the mirror, in order. */
  events: number[];
  /** The finish, once the attempt is finished and its marks are kept. */
  finished: boolean;
}

/** For each attempt, what the mirror lacks of it; attempts it holds whole are left out. */
export function attemptGaps(
  records: readonly AttemptRecord[],
  mirrored: ReadonlyMap<string, MirroredAttempt>,
): AttemptGap[] {
  const gaps: AttemptGap[] = [];
  for (const record of records) {
    const held = mirrored.get(record.id);
    const events: number[] = [];
    for (let seq = 0; seq < record.eventCount; seq++) if (!held?.events.has(seq)) events.push(seq);
    const gap: AttemptGap = {
      attempt: record.id,
      header: !held?.header,
      events,
      finished: record.status === 'finished' && record.score !== undefined && !held?.finished,
    };
    if (gap.header || gap.events.length > 0 || gap.finished) gaps.push(gap);
  }
  return gaps;
}

/**
 * The documents that fill a gap, from the attempt's record and its stored events. The documents carry
 * the classroom's user as the trainee, whatever id the device's own store gave them. An event the store
 * does not hold (yet) is left for the next time.
 */
export function docsForGap(
  identity: ClassroomIdentity,
  record: AttemptRecord,
  entries: readonly AttemptEntry[],
  gap: AttemptGap,
): (AttemptDoc | AttemptEventDoc | AttemptFinishedDoc)[] {
  const { course, user } = identity;
  const theirs = { ...record, traineeId: user };
  const docs: (AttemptDoc | AttemptEventDoc | AttemptFinishedDoc)[] = [];
  if (gap.header) docs.push(attemptDoc(course, theirs));
  for (const seq of gap.events) {
    const entry = entries[seq];
    if (entry) docs.push(eventDoc(course, user, record.id, seq, entry));
  }
  // The finish goes after every event, so a server that has it has the whole attempt.
  const whole = gap.events.every((seq) => entries[seq] !== undefined);
  if (gap.finished && whole && theirs.score && entries.length >= record.eventCount) {
    docs.push(finishedDoc(course, { ...theirs, score: theirs.score }));
  }
  return docs;
}

/** The attempts named by these document ids (their own documents only), each once. */
export function attemptsNamed(ids: Iterable<string>): Set<string> {
  const attempts = new Set<string>();
  for (const id of ids) {
    const parsed = parseDocId(id);
    if (parsed && 'attempt' in parsed) attempts.add(parsed.attempt);
  }
  return attempts;
}

/**
 * How many attempts wait for the server: those with documents the mirror holds that the server is not
 * known to have (`unsent`: their ids), and those with documents not yet in the mirror.
 */
export function attemptsWaiting(unsent: Iterable<string>, gaps: readonly AttemptGap[]): number {
  const waiting = attemptsNamed(unsent);
  for (const gap of gaps) waiting.add(gap.attempt);
  return waiting.size;
}

/** A document the device sends: its own attempts' header, events and finish. */
export function isSentDoc(doc: { _id: string; type?: unknown }): boolean {
  return (TRAINEE_DOC_TYPES as readonly unknown[]).includes(doc.type) && !doc._id.startsWith('_');
}

/** A document the device takes back from its database on the server: moderations, marks, the course. */
export function isReceivedDoc(doc: { _id: string; type?: unknown }): boolean {
  return (
    ((SUPERVISOR_DOC_TYPES as readonly unknown[]).includes(doc.type) || doc.type === 'course') &&
    !doc._id.startsWith('_')
  );
}

/** A received document's own fields, for the record's checks to take or refuse; or why it is refused. */
export type ReceivedDoc =
  | { kind: 'moderation' | 'calibration' | 'course'; id: string; fields: Record<string, unknown> }
  | { kind: 'refused'; id: string; reason: string };

/**
 * A received document without its envelope (id, revision, type, version, course, trainee). It must be
 * of this course and, but for the course document, of this trainee, under the id its type makes.
 */
export function receivedDoc(identity: ClassroomIdentity, doc: { _id: string }): ReceivedDoc {
  const {
    _id: id,
    _rev,
    _conflicts,
    _revisions,
    type,
    v,
    course,
    trainee,
    ...fields
  } = doc as {
    _id: string;
  } & Record<string, unknown>;
  const refuse = (reason: string): ReceivedDoc => ({ kind: 'refused', id, reason });
  const parsed = parseDocId(id);
  if (!parsed || parsed.type !== type) return refuse(`"${id}" is not the id of a ${String(type)} document`);
  if (parsed.type !== 'moderation' && parsed.type !== 'calibration' && parsed.type !== 'course')
    return refuse(`a ${parsed.type} document is not taken back from the server`);
  if (v !== SYNC_FORMAT_VERSION)
    return refuse(`"${id}" is of version ${String(v)}, not ${SYNC_FORMAT_VERSION}`);
  if (course !== identity.course) return refuse(`"${id}" is not of course "${identity.course}"`);
  if (parsed.type !== 'course' && trainee !== identity.user)
    return refuse(`"${id}" is not of trainee "${identity.user}"`);
  if (fields.id !== parsed.id) return refuse(`"${id}" holds ${parsed.type} ${JSON.stringify(fields.id)}`);
  return { kind: parsed.type, id, fields };
}
