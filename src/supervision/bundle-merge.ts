/*
 * A store's records as a bundle, and a bundle's records into a store: which records go out (everything,
 * or one trainee's part), and on import which records are new, which are already stored, and which
 * conflict. Written over the store's primitives (records/tables.ts). Import reads what the bundle could
 * meet, decides, and writes, all in one transaction: a conflict refuses the whole bundle and nothing
 * stored changes.
 */
import { ATTEMPT_FORMAT, ATTEMPT_FORMAT_VERSION, type AttemptEntry } from '../engine/attempt.ts';
import type { AttemptRecord, EventRow, TableName, TableRows, TableStore } from '../records/tables.ts';
import { nameKey } from '../records/text.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundleFormatError,
  type Bundle,
  type BundleAttempt,
  type VerifiedBundle,
} from './bundle.ts';

export interface ImportResult {
  added: Record<'trainees' | 'courses' | 'attempts' | 'moderations' | 'calibrations', number>;
  duplicates: number;
}

/**
 * The same data, as JSON would carry it: key order does not count (the app writes a record's keys in one
 * order, a bundle read back through its schema gives them in another) and an undefined value is absent.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]))
    );
  }
  const entriesOf = (value: object) =>
    Object.entries(value).filter(([, v]) => v !== undefined) as [string, unknown][];
  const left = entriesOf(a);
  const right = new Map(entriesOf(b));
  return (
    left.length === right.size && left.every(([key, v]) => right.has(key) && sameData(v, right.get(key)))
  );
}

/** Each attempt's events in order, from event rows of any number of attempts. */
function entriesByAttempt(rows: readonly EventRow[]): Map<string, AttemptEntry[]> {
  const byAttempt = new Map<string, EventRow[]>();
  for (const row of rows) {
    const events = byAttempt.get(row.attemptId);
    if (events) events.push(row);
    else byAttempt.set(row.attemptId, [row]);
  }
  return new Map(
    [...byAttempt].map(([id, events]) => [id, events.sort((a, b) => a.seq - b.seq).map((e) => e.entry)]),
  );
}

/** Everything stored, or one trainee's part of it, as a bundle. */
export async function exportStoredBundle(store: TableStore, only?: { trainee: string }): Promise<Bundle> {
  return store.transaction('read', async (tables) => {
    const trainees = (await tables.all('trainees'))
      .filter((t) => !only || t.id === only.trainee)
      .map(({ id, name }) => ({ id, name }));
    const traineeIds = new Set(trainees.map((t) => t.id));
    const records = (await tables.all('attempts')).filter((a) => traineeIds.has(a.traineeId));
    const courses = (await tables.all('courses'))
      .filter((c) => !only || records.some((a) => a.course === c.id) || c.trainees.includes(only.trainee))
      .map((c) => ({ ...c, trainees: c.trainees.filter((id) => traineeIds.has(id)) }));
    const attemptIds = new Set(records.map((a) => a.id));
    const events = entriesByAttempt(await tables.where('events', 'attemptId', [...attemptIds]));
    const attempts = records.map((record): BundleAttempt => ({
      id: record.id,
      trainee: record.traineeId,
      ...(record.course ? { course: record.course } : {}),
      ...(record.forkedFrom ? { forkedFrom: record.forkedFrom } : {}),
      attempt: {
        format: ATTEMPT_FORMAT,
        formatVersion: ATTEMPT_FORMAT_VERSION,
        scenario: record.scenario,
        scenarioVersion: record.scenarioVersion,
        trainee: record.trainee,
        startedAt: record.startedAt,
        events: events.get(record.id) ?? [],
      },
    }));
    return {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      exportedAt: new Date().toISOString(),
      trainees,
      courses,
      attempts,
      moderations: (await tables.all('moderations')).filter((m) => attemptIds.has(m.attempt)),
      calibrations: (await tables.all('calibrations')).filter((c) => attemptIds.has(c.attempt)),
    } satisfies Bundle;
  });
}

/** The stored rows a bundle's records could be the same as, or conflict with. */
interface Counterparts {
  trainees: TableRows['trainees'][];
  courses: TableRows['courses'][];
  attempts: TableRows['attempts'][];
  events: Map<string, AttemptEntry[]>;
  moderations: TableRows['moderations'][];
  calibrations: TableRows['calibrations'][];
}

type Writes = { [T in TableName]: TableRows[T][] };

/**
 * Decides a bundle's import against what is stored: the rows to write, and what was added and
 * recognised. Records already stored are recognised by id (and trainees by name too) and not doubled;
 * throws a BundleFormatError at the first record whose id is taken by different content.
 */
export function mergeBundle(
  { bundle, outcomes }: VerifiedBundle,
  stored: Counterparts,
): { writes: Writes; result: ImportResult } {
  const writes: Writes = {
    trainees: [],
    attempts: [],
    events: [],
    courses: [],
    moderations: [],
    calibrations: [],
  };
  const result: ImportResult = {
    added: { trainees: 0, courses: 0, attempts: 0, moderations: 0, calibrations: 0 },
    duplicates: 0,
  };
  const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((row) => [row.id, row]));

  const storedTrainees = byId(stored.trainees);
  // A trainee added by this bundle is there to be recognised by a later one of the same name.
  const traineeByKey = new Map(stored.trainees.map((t) => [t.nameKey, t.id]));
  const traineeIds = new Map<string, string>();
  for (const trainee of bundle.trainees) {
    const key = nameKey(trainee.name);
    const sameId = storedTrainees.get(trainee.id);
    if (sameId && sameId.nameKey !== key)
      throw new BundleFormatError(
        `trainee "${trainee.id}" is already stored under another name; nothing was imported`,
      );
    const existing = sameId?.id ?? traineeByKey.get(key);
    if (existing) {
      result.duplicates++;
      traineeIds.set(trainee.id, existing);
    } else {
      writes.trainees.push({ ...trainee, name: trainee.name.trim(), nameKey: key });
      traineeByKey.set(key, trainee.id);
      result.added.trainees++;
      traineeIds.set(trainee.id, trainee.id);
    }
  }
  const traineeOf = (id: string) => traineeIds.get(id) ?? id;

  const storedCourses = byId(stored.courses);
  for (const course of bundle.courses) {
    const existing = storedCourses.get(course.id);
    const trainees = course.trainees.map(traineeOf);
    if (!existing) {
      writes.courses.push({ ...course, trainees });
      result.added.courses++;
      continue;
    }
    if (existing.title !== course.title || !sameData(existing.scenarios, course.scenarios))
      throw new BundleFormatError(
        `course "${course.id}" is already stored with a different title or scenarios; nothing was imported`,
      );
    result.duplicates++;
    writes.courses.push({ ...existing, trainees: [...new Set([...existing.trainees, ...trainees])] });
  }

  const storedAttempts = byId(stored.attempts);
  for (const row of bundle.attempts) {
    const { attempt } = row;
    const existing = storedAttempts.get(row.id);
    if (existing) {
      if (
        existing.scenario !== attempt.scenario ||
        !sameData(stored.events.get(row.id) ?? [], attempt.events)
      )
        throw new BundleFormatError(
          `attempt "${row.id}" is already stored with different events; nothing was imported`,
        );
      result.duplicates++;
      continue;
    }
    const trainee = bundle.trainees.find((t) => t.id === row.trainee);
    const outcome = outcomes.get(row.id);
    const last = attempt.events.at(-1)?.wall;
    const startedAt =
      attempt.startedAt ?? attempt.events[0]?.wall ?? bundle.exportedAt ?? new Date(0).toISOString();
    const record: AttemptRecord = {
      id: row.id,
      scenario: attempt.scenario,
      scenarioVersion: attempt.scenarioVersion,
      trainee: trainee?.name ?? attempt.trainee,
      traineeId: traineeOf(row.trainee),
      ...(row.course ? { course: row.course } : {}),
      ...(row.forkedFrom ? { forkedFrom: row.forkedFrom } : {}),
      startedAt,
      updatedAt: last ?? startedAt,
      status: outcome?.finished ? 'finished' : 'in-progress',
      eventCount: attempt.events.length,
      ...(outcome?.score ? { score: outcome.score } : {}),
    };
    writes.attempts.push(record);
    writes.events.push(...attempt.events.map((entry, seq) => ({ attemptId: row.id, seq, entry })));
    result.added.attempts++;
  }

  // Moderations and calibration marks are never edited, so one stored under the same id is the same.
  const mergeUnedited = <R extends { id: string }>(
    label: string,
    records: readonly R[],
    kept: readonly R[],
  ) => {
    const storedRecords = byId(kept);
    const added: R[] = [];
    for (const record of records) {
      const existing = storedRecords.get(record.id);
      if (existing && !sameData(existing, record))
        throw new BundleFormatError(
          `${label} "${record.id}" is already stored with different content; nothing was imported`,
        );
      if (existing) result.duplicates++;
      else added.push(record);
    }
    return added;
  };
  writes.moderations = mergeUnedited('moderation', bundle.moderations, stored.moderations);
  writes.calibrations = mergeUnedited('calibration', bundle.calibrations, stored.calibrations);
  result.added.moderations = writes.moderations.length;
  result.added.calibrations = writes.calibrations.length;
  return { writes, result };
}

/**
 * Stores a verified bundle in one transaction: the rows its records could meet are read, the bundle is
 * merged with them (mergeBundle), and the new rows written. A conflict refuses it whole, unchanged.
 */
export async function importVerifiedBundle(
  store: TableStore,
  verified: VerifiedBundle,
): Promise<ImportResult> {
  const { bundle } = verified;
  const ids = (records: readonly { id: string }[]) => records.map((record) => record.id);
  return store.transaction('write', async (tables) => {
    const attempts = await tables.where('attempts', 'id', ids(bundle.attempts));
    const stored: Counterparts = {
      trainees: [
        ...(await tables.where('trainees', 'id', ids(bundle.trainees))),
        ...(await tables.where(
          'trainees',
          'nameKey',
          bundle.trainees.map((t) => nameKey(t.name)),
        )),
      ],
      courses: await tables.where('courses', 'id', ids(bundle.courses)),
      attempts,
      events: entriesByAttempt(await tables.where('events', 'attemptId', ids(attempts))),
      moderations: await tables.where('moderations', 'id', ids(bundle.moderations)),
      calibrations: await tables.where('calibrations', 'id', ids(bundle.calibrations)),
    };
    const { writes, result } = mergeBundle(verified, stored);
    for (const table of Object.keys(writes) as TableName[]) await tables.put(table, writes[table]);
    return result;
  });
}
