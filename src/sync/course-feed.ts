/*
 * A supervisor's device reads the course database: every trainee's attempts as they are played, the
 * moderations and marks of them, the trainees and the course. This is the arithmetic of reading it, with
 * no database in it: what one document is, as the records the app keeps, or why it is not taken.
 *
 * The server has already checked who wrote each document (validate_doc_update, src/classroom/design.ts):
 * an attempt's documents come from the trainee they name. What the trainee's device wrote inside them is
 * not trusted: events are read with the attempt format's own checks, and an attempt's marks are worked
 * out again on this device (src/services/supervisor-sync.ts) rather than taken from its finish.
 */
import { AttemptFormatError, parseAttemptEntry, type AttemptEntry } from '../engine/attempt.ts';
import type { ScoreSummary, Trainee } from '../records/records.ts';
import type { AttemptRecord } from '../records/tables.ts';
import { SYNC_FORMAT_VERSION, parseDocId } from './documents.ts';

export type CourseFeedItem =
  /** An attempt's header, as an attempt not yet finished with none of its events. */
  | { kind: 'attempt'; record: AttemptRecord }
  | { kind: 'event'; attempt: string; seq: number; entry: AttemptEntry }
  /** The trainee's device says the attempt finished after `eventCount` events, with these marks. */
  | { kind: 'finished'; attempt: string; eventCount: number; finishedAt: string; claimed: ScoreSummary }
  /** A record's own fields, for its schema to take or refuse. */
  | { kind: 'moderation' | 'calibration' | 'course'; id: string; fields: Record<string, unknown> }
  | { kind: 'trainee'; trainee: Trainee }
  | { kind: 'refused'; id: string; reason: string }
  /** Not a classroom document: the database's own (design documents). */
  | { kind: 'ignored' };

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

/** One document of course `course`'s database, read. */
export function readCourseDoc(
  course: string,
  doc: { _id: string } & Record<string, unknown>,
): CourseFeedItem {
  const { _id: id, _rev, _conflicts, _revisions, type, v, course: docCourse, trainee, ...fields } = doc;
  if (id.startsWith('_')) return { kind: 'ignored' };
  const refuse = (reason: string): CourseFeedItem => ({ kind: 'refused', id, reason });
  // Every document is written once, so a second version of one was made after, past the rules: on a
  // force's CouchDB a trainee's own device can replicate one in (README, "On a force's own CouchDB").
  if (Array.isArray(_conflicts) && _conflicts.length > 0)
    return refuse(
      `"${id}" has ${_conflicts.length + 1} versions on the server; it is written once, so all but one were made after it: tampering, or a device gone wrong`,
    );
  const parsed = parseDocId(id);
  if (!parsed || parsed.type !== type) return refuse(`"${id}" is not the id of a ${String(type)} document`);
  if (v !== SYNC_FORMAT_VERSION)
    return refuse(`"${id}" is of version ${String(v)}, not ${SYNC_FORMAT_VERSION}`);
  if (docCourse !== course) return refuse(`"${id}" is not of course "${course}"`);
  if (parsed.type === 'course') {
    return fields.id === parsed.id
      ? { kind: 'course', id, fields }
      : refuse(`"${id}" holds course ${JSON.stringify(fields.id)}`);
  }
  if (!isText(trainee)) return refuse(`"${id}" names no trainee`);
  switch (parsed.type) {
    case 'trainee':
      return isText(fields.name)
        ? { kind: 'trainee', trainee: { id: trainee, name: fields.name } }
        : refuse(`"${id}" has no name`);
    case 'moderation':
    case 'calibration':
      return fields.id === parsed.id
        ? { kind: parsed.type, id, fields }
        : refuse(`"${id}" holds ${parsed.type} ${JSON.stringify(fields.id)}`);
    case 'attempt': {
      const { scenario, scenarioVersion, traineeName, startedAt, forkedFrom } = fields;
      if (!isText(scenario)) return refuse(`"${id}".scenario: must name a scenario`);
      if (!Number.isInteger(scenarioVersion) || (scenarioVersion as number) < 1)
        return refuse(`"${id}".scenarioVersion: must be a version number`);
      if (!isText(traineeName)) return refuse(`"${id}".traineeName: must be the trainee's name`);
      if (!isText(startedAt) || Number.isNaN(Date.parse(startedAt)))
        return refuse(`"${id}".startedAt: must be a time`);
      const fork = forkedFrom as { attempt?: unknown; event?: unknown } | undefined;
      if (fork !== undefined && !(isText(fork.attempt) && isCount(fork.event)))
        return refuse(`"${id}".forkedFrom: must name an attempt and an event`);
      return {
        kind: 'attempt',
        record: {
          id: parsed.attempt,
          scenario,
          scenarioVersion: scenarioVersion as number,
          trainee: traineeName,
          traineeId: trainee,
          course,
          ...(fork ? { forkedFrom: { attempt: fork.attempt as string, event: fork.event as number } } : {}),
          startedAt,
          updatedAt: startedAt,
          status: 'in-progress',
          eventCount: 0,
        },
      };
    }
    case 'attempt-event':
      try {
        const where = `"${id}".entry`;
        return {
          kind: 'event',
          attempt: parsed.attempt,
          seq: parsed.seq,
          entry: parseAttemptEntry(fields.entry, where),
        };
      } catch (error) {
        if (error instanceof AttemptFormatError) return refuse(error.message);
        throw error;
      }
    case 'attempt-finished': {
      const { eventCount, finishedAt, score } = fields;
      if (!isCount(eventCount)) return refuse(`"${id}".eventCount: must be a count`);
      if (!isText(finishedAt) || Number.isNaN(Date.parse(finishedAt)))
        return refuse(`"${id}".finishedAt: must be a time`);
      if (typeof score !== 'object' || score === null) return refuse(`"${id}".score: must be the marks`);
      return {
        kind: 'finished',
        attempt: parsed.attempt,
        eventCount,
        finishedAt,
        claimed: score as ScoreSummary,
      };
    }
  }
}

/** How many of an attempt's events are held from the first on without a gap: what can be replayed. */
export function eventsInOrder(seqs: Iterable<number>): number {
  const held = new Set(seqs);
  let count = 0;
  while (held.has(count)) count++;
  return count;
}
