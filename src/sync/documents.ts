/*
 * What a classroom server holds, document by document, and where: the one description the classroom
 * server (src/classroom) and the app's sync (src/services/classroom-sync.ts, supervisor-sync.ts) both
 * read. Pure data and names: no Node, no DOM.
 *
 * Every document is written once and never changed, under an id made from what it is, so a device that
 * sends it twice sends the same document, nothing is doubled and nothing conflicts:
 *
 *   attempt:<attempt id>                    the attempt's header as it was created     (the trainee)
 *   attempt:<attempt id>:event:<000042>     one event of the attempt, seq zero-padded (the trainee)
 *   attempt:<attempt id>:finished           when it finished and the machine's marks   (the trainee)
 *   moderation:<id>                         a supervisor's moderation of one attempt   (a supervisor)
 *   calibration:<id>                        a supervisor's blind marks for one attempt (a supervisor)
 *   trainee:<trainee id>                    the trainee's profile                      (the server)
 *   course:<course id>                      the course: title, scenarios, trainees     (the server)
 *
 * Each carries its `type`, its `course` and, but for the course, the `trainee` it belongs to. A trainee's
 * user name on the server is their trainee id.
 *
 * Where (CouchDB restricts reading by database, not by document, so a trainee's results live in a
 * database only they and the course's supervisors can open):
 *
 *   <course>               the whole course, read by its supervisors; filled only by the server, which
 *                          replicates every trainee's database into it (one changes feed for the cohort)
 *   <course>-t-<trainee>   one trainee's attempts and the moderations and marks of them; the trainee and
 *                          the course's supervisors are its members; the course and trainee documents
 *                          are replicated into it from the course database
 *
 * Version 1 of these shapes; a later change of shape bumps `SYNC_FORMAT_VERSION` and each document
 * says which it was written in (`v`).
 */
import type { AttemptEntry } from '../engine/attempt.ts';
import type { Calibration, Course, Moderation, ScoreSummary, Trainee } from '../records/records.ts';
import type { AttemptRecord } from '../records/tables.ts';

export const SYNC_FORMAT_VERSION = 1;

/** The digits of an event's seq in its document id: ids sort in event order up to 999,999 events. */
export const EVENT_SEQ_DIGITS = 6;

export type SyncDocType =
  'attempt' | 'attempt-event' | 'attempt-finished' | 'moderation' | 'calibration' | 'trainee' | 'course';

interface SyncDocBase<T extends SyncDocType> {
  _id: string;
  /** The server's revision; absent on a document not yet written. */
  _rev?: string;
  type: T;
  /** The version of these shapes the document was written in. */
  v: typeof SYNC_FORMAT_VERSION;
  /** The course (its id, which is also its database's name). */
  course: string;
}

/** A trainee's own document: `trainee` is their trainee id, which is their user name on the server. */
interface OwnedDoc<T extends SyncDocType> extends SyncDocBase<T> {
  trainee: string;
}

/** An attempt's header, as it was created: the record's fields that never change. */
export interface AttemptDoc extends OwnedDoc<'attempt'> {
  attempt: string;
  scenario: string;
  scenarioVersion: number;
  /** The trainee's name as it was when the attempt was made. */
  traineeName: string;
  startedAt: string;
  forkedFrom?: { attempt: string; event: number };
}

/** One event of an attempt. */
export interface AttemptEventDoc extends OwnedDoc<'attempt-event'> {
  attempt: string;
  seq: number;
  entry: AttemptEntry;
}

/** The attempt's end: when, how many events, and the machine's marks as this device scored them. */
export interface AttemptFinishedDoc extends OwnedDoc<'attempt-finished'> {
  attempt: string;
  finishedAt: string;
  eventCount: number;
  score: ScoreSummary;
}

/** A moderation (src/records/records.ts), in the database of the trainee whose attempt it moderates. */
export interface ModerationDoc extends OwnedDoc<'moderation'>, Moderation {}

/** A supervisor's blind marks, in the database of the trainee whose attempt they mark. */
export interface CalibrationDoc extends OwnedDoc<'calibration'>, Calibration {}

export interface TraineeDoc extends OwnedDoc<'trainee'> {
  name: string;
}

export interface CourseDoc extends SyncDocBase<'course'>, Course {}

export type SyncDoc =
  AttemptDoc | AttemptEventDoc | AttemptFinishedDoc | ModerationDoc | CalibrationDoc | TraineeDoc | CourseDoc;

/** The documents a trainee writes; everything else is a supervisor's or the server's. */
export const TRAINEE_DOC_TYPES = ['attempt', 'attempt-event', 'attempt-finished'] as const;
/** The documents a supervisor writes (into a trainee's database). */
export const SUPERVISOR_DOC_TYPES = ['moderation', 'calibration'] as const;

// ---- ids ----

/** Ids (attempts, moderations, trainees) are single path segments: no colon, no slash, not empty. */
const ID_PART = /^[^:/\s]+$/;

function idPart(what: string, id: string): string {
  if (!ID_PART.test(id)) throw new Error(`${what} id "${id}" cannot be part of a document id`);
  return id;
}

export const attemptDocId = (attempt: string) => `attempt:${idPart('attempt', attempt)}`;
export const eventDocId = (attempt: string, seq: number) => {
  if (!Number.isInteger(seq) || seq < 0 || seq >= 10 ** EVENT_SEQ_DIGITS) {
    throw new Error(`event seq ${seq} is not a whole number below ${10 ** EVENT_SEQ_DIGITS}`);
  }
  return `${attemptDocId(attempt)}:event:${String(seq).padStart(EVENT_SEQ_DIGITS, '0')}`;
};
export const finishedDocId = (attempt: string) => `${attemptDocId(attempt)}:finished`;
export const moderationDocId = (id: string) => `moderation:${idPart('moderation', id)}`;
export const calibrationDocId = (id: string) => `calibration:${idPart('calibration', id)}`;
export const traineeDocId = (id: string) => `trainee:${idPart('trainee', id)}`;
export const courseDocId = (id: string) => `course:${idPart('course', id)}`;

export type ParsedDocId =
  | { type: 'attempt'; attempt: string }
  | { type: 'attempt-event'; attempt: string; seq: number }
  | { type: 'attempt-finished'; attempt: string }
  | { type: 'moderation' | 'calibration' | 'trainee' | 'course'; id: string };

/**
 * What a document id says the document is, or undefined for an id of no shape above. The same patterns
 * are written into the databases' validate_doc_update (src/classroom/design.ts), so the server refuses
 * what this refuses.
 */
export const DOC_ID_PATTERNS = {
  attempt: /^attempt:([^:/\s]+)$/,
  'attempt-event': /^attempt:([^:/\s]+):event:(\d{6})$/,
  'attempt-finished': /^attempt:([^:/\s]+):finished$/,
  moderation: /^moderation:([^:/\s]+)$/,
  calibration: /^calibration:([^:/\s]+)$/,
  trainee: /^trainee:([^:/\s]+)$/,
  course: /^course:([^:/\s]+)$/,
} as const satisfies Record<SyncDocType, RegExp>;

export function parseDocId(id: string): ParsedDocId | undefined {
  let match = DOC_ID_PATTERNS.attempt.exec(id);
  if (match?.[1]) return { type: 'attempt', attempt: match[1] };
  match = DOC_ID_PATTERNS['attempt-event'].exec(id);
  if (match?.[1] && match[2]) return { type: 'attempt-event', attempt: match[1], seq: Number(match[2]) };
  match = DOC_ID_PATTERNS['attempt-finished'].exec(id);
  if (match?.[1]) return { type: 'attempt-finished', attempt: match[1] };
  for (const type of ['moderation', 'calibration', 'trainee', 'course'] as const) {
    match = DOC_ID_PATTERNS[type].exec(id);
    if (match?.[1]) return { type, id: match[1] };
  }
  return undefined;
}

// ---- databases, users and roles ----

/**
 * A name folded to what CouchDB accepts in a database name and a user name: lower-case letters, digits
 * and single hyphens ("Siân Jones" → "sian-jones", "PC 4521" → "pc-4521"). Empty when nothing is left.
 */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** A course's id from its title: a database name must start with a letter. */
export function courseIdOf(title: string): string {
  const id = slug(title);
  if (!id) throw new Error(`course "${title}" has no letters or digits to name it by`);
  return /^[a-z]/.test(id) ? id : `c-${id}`;
}

export const courseDatabase = (course: string) => course;
export const traineeDatabase = (course: string, trainee: string) => `${course}-t-${trainee}`;
export const traineeRole = (course: string) => `trainee-${course}`;
export const supervisorRole = (course: string) => `supervisor-${course}`;

// ---- documents from the records ----

/** The header document of an attempt made on a course, from the record the device created. */
export function attemptDoc(course: string, record: AttemptRecord): AttemptDoc {
  return {
    _id: attemptDocId(record.id),
    type: 'attempt',
    v: SYNC_FORMAT_VERSION,
    course,
    trainee: record.traineeId,
    attempt: record.id,
    scenario: record.scenario,
    scenarioVersion: record.scenarioVersion,
    traineeName: record.trainee,
    startedAt: record.startedAt,
    ...(record.forkedFrom ? { forkedFrom: record.forkedFrom } : {}),
  };
}

export function eventDoc(
  course: string,
  trainee: string,
  attempt: string,
  seq: number,
  entry: AttemptEntry,
): AttemptEventDoc {
  return {
    _id: eventDocId(attempt, seq),
    type: 'attempt-event',
    v: SYNC_FORMAT_VERSION,
    course,
    trainee,
    attempt,
    seq,
    entry,
  };
}

export function finishedDoc(
  course: string,
  record: AttemptRecord & { score: ScoreSummary },
): AttemptFinishedDoc {
  return {
    _id: finishedDocId(record.id),
    type: 'attempt-finished',
    v: SYNC_FORMAT_VERSION,
    course,
    trainee: record.traineeId,
    attempt: record.id,
    finishedAt: record.updatedAt,
    eventCount: record.eventCount,
    score: record.score,
  };
}

/** `trainee` is whose attempt is moderated: the document goes into that trainee's database. */
export function moderationDoc(course: string, trainee: string, moderation: Moderation): ModerationDoc {
  return {
    ...moderation,
    _id: moderationDocId(moderation.id),
    type: 'moderation',
    v: SYNC_FORMAT_VERSION,
    course,
    trainee,
  };
}

export function calibrationDoc(course: string, trainee: string, calibration: Calibration): CalibrationDoc {
  return {
    ...calibration,
    _id: calibrationDocId(calibration.id),
    type: 'calibration',
    v: SYNC_FORMAT_VERSION,
    course,
    trainee,
  };
}

export function traineeDoc(course: string, trainee: Trainee): TraineeDoc {
  return {
    _id: traineeDocId(trainee.id),
    type: 'trainee',
    v: SYNC_FORMAT_VERSION,
    course,
    trainee: trainee.id,
    name: trainee.name,
  };
}

export function courseDoc(course: Course): CourseDoc {
  return {
    ...course,
    _id: courseDocId(course.id),
    type: 'course',
    v: SYNC_FORMAT_VERSION,
    course: course.id,
  };
}
