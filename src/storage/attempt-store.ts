/*
 * Everything kept in the browser's IndexedDB (through Dexie): attempts with one row per event, each
 * event written as it happens so a reload resumes the call; trainees and courses; supervisors'
 * moderations and calibration marks. Loaded lazily: the first screen does not need it.
 *
 * Bundle import is one transaction over every table: any conflict aborts it and nothing changes.
 */
import Dexie, { type EntityTable } from 'dexie';
import {
  ATTEMPT_FORMAT,
  ATTEMPT_FORMAT_VERSION,
  upgradeFromVersion1,
  type AttemptEntry,
} from '../engine/attempt.ts';
import type { AttemptLog } from '../engine/session.ts';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BundleFormatError,
  type Bundle,
  type BundleAttempt,
  type VerifiedBundle,
} from '../supervision/bundle.ts';
import type { Calibration, Course, Moderation, ScoreSummary, Trainee } from '../records/records.ts';
import type { AttemptRecord, EventRow, TraineeRow } from '../records/tables.ts';
import { cleanName, nameKey } from '../records/text.ts';

export interface ImportResult {
  added: Record<'trainees' | 'courses' | 'attempts' | 'moderations' | 'calibrations', number>;
  duplicates: number;
}

class TrainerDatabase extends Dexie {
  attempts!: EntityTable<AttemptRecord, 'id'>;
  events!: Dexie.Table<EventRow, [string, number]>;
  trainees!: EntityTable<TraineeRow, 'id'>;
  courses!: EntityTable<Course, 'id'>;
  moderations!: EntityTable<Moderation, 'id'>;
  calibrations!: EntityTable<Calibration, 'id'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      attempts: 'id, scenario, startedAt, status',
      events: '[attemptId+seq], attemptId',
    });
    this.version(2)
      .stores({
        attempts: 'id, scenario, startedAt, status, traineeId, course',
        trainees: 'id, &nameKey',
        courses: 'id',
        moderations: 'id, attempt',
        calibrations: 'id, attempt',
      })
      .upgrade(async (tx) => {
        // Version 1 knew trainees only by the name typed on each attempt: each name becomes a profile.
        const profiles = new Map<string, string>();
        await tx
          .table<AttemptRecord, string>('attempts')
          .toCollection()
          .modify((attempt) => {
            const key = nameKey(attempt.trainee);
            let id = profiles.get(key);
            if (!id) {
              id = crypto.randomUUID();
              profiles.set(key, id);
              void tx.table('trainees').add({ id, name: attempt.trainee.trim(), nameKey: key });
            }
            attempt.traineeId = id;
          });
      });
    // Attempts made before trainees typed their questions were played with the menu: format 1 events,
    // read as format 2 with the menu (assisted mode) on, as attempt files are.
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        await tx
          .table<EventRow, [string, number]>('events')
          .toCollection()
          .modify((row) => {
            row.entry = {
              ...upgradeFromVersion1(row.entry),
              at: row.entry.at,
              ...(row.entry.wall ? { wall: row.entry.wall } : {}),
            };
          });
      });
  }
}

/**
 * The same data, as JSON would carry it: key order does not count (the app writes a record's keys in one
 * order, a bundle read back through its schema gives them in another) and an undefined value is absent.
 */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  const entriesOf = (value: object) =>
    Object.entries(value).filter(([, v]) => v !== undefined) as [string, unknown][];
  const left = entriesOf(a);
  const right = new Map(entriesOf(b));
  return left.length === right.size && left.every(([key, v]) => right.has(key) && same(v, right.get(key)));
}

export class AttemptStore {
  private readonly db: TrainerDatabase;

  constructor(databaseName = 'control-room-trainer') {
    this.db = new TrainerDatabase(databaseName);
  }

  /** The trainee with this name (or staff number), made if there is none yet. */
  async traineeNamed(typed: string): Promise<Trainee> {
    const name = cleanName(typed);
    if (!name) throw new Error('a trainee needs a name or staff number');
    const key = nameKey(name);
    return this.db.transaction('rw', this.db.trainees, async () => {
      const existing = await this.db.trainees.where('nameKey').equals(key).first();
      if (existing) return { id: existing.id, name: existing.name };
      const trainee = { id: crypto.randomUUID(), name };
      await this.db.trainees.add({ ...trainee, nameKey: key });
      return trainee;
    });
  }

  async trainees(): Promise<Trainee[]> {
    const rows = await this.db.trainees.toArray();
    return rows.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  }

  async create(
    scenario: string,
    scenarioVersion: number,
    trainee: Trainee,
    course?: string,
  ): Promise<AttemptRecord> {
    const now = new Date().toISOString();
    const record: AttemptRecord = {
      id: crypto.randomUUID(),
      scenario,
      scenarioVersion,
      trainee: trainee.name,
      traineeId: trainee.id,
      ...(course ? { course } : {}),
      startedAt: now,
      updatedAt: now,
      status: 'in-progress',
      eventCount: 0,
    };
    await this.db.attempts.add(record);
    return record;
  }

  /** A what-if: a new attempt holding the first `event` events of a stored one, to be played on from there. */
  async fork(attemptId: string, event: number): Promise<AttemptRecord> {
    const source = await this.load(attemptId);
    if (!source) throw new Error(`no attempt "${attemptId}"`);
    const { record } = source;
    return this.startFrom({
      scenario: record.scenario,
      scenarioVersion: record.scenarioVersion,
      trainee: { id: record.traineeId, name: record.trainee },
      ...(record.course ? { course: record.course } : {}),
      entries: source.entries.slice(0, event),
      forkedFrom: { attempt: attemptId, event },
    });
  }

  /** A new attempt that already holds some events (a what-if from any attempt, stored or reference). */
  async startFrom(start: {
    scenario: string;
    scenarioVersion: number;
    trainee: Trainee;
    course?: string;
    entries: readonly AttemptEntry[];
    forkedFrom: { attempt: string; event: number };
  }): Promise<AttemptRecord> {
    return this.db.transaction('rw', this.db.attempts, this.db.events, async () => {
      const now = new Date().toISOString();
      const record: AttemptRecord = {
        id: crypto.randomUUID(),
        scenario: start.scenario,
        scenarioVersion: start.scenarioVersion,
        trainee: start.trainee.name,
        traineeId: start.trainee.id,
        ...(start.course ? { course: start.course } : {}),
        forkedFrom: start.forkedFrom,
        startedAt: now,
        updatedAt: now,
        status: 'in-progress',
        eventCount: start.entries.length,
      };
      await this.db.attempts.add(record);
      await this.db.events.bulkAdd(start.entries.map((entry, seq) => ({ attemptId: record.id, seq, entry })));
      return record;
    });
  }

  /** The attempt log a live session writes to. */
  logFor(attemptId: string): AttemptLog {
    return {
      append: (entry, seq) =>
        this.db.transaction('rw', this.db.attempts, this.db.events, async () => {
          await this.db.events.add({ attemptId, seq, entry });
          await this.db.attempts.update(attemptId, {
            updatedAt: new Date().toISOString(),
            eventCount: seq + 1,
          });
        }),
    };
  }

  async load(attemptId: string): Promise<{ record: AttemptRecord; entries: AttemptEntry[] } | null> {
    const record = await this.db.attempts.get(attemptId);
    if (!record) return null;
    const events = await this.db.events.where('attemptId').equals(attemptId).sortBy('seq');
    return { record, entries: events.map((e) => e.entry) };
  }

  async list(): Promise<AttemptRecord[]> {
    return this.db.attempts.orderBy('startedAt').reverse().toArray();
  }

  async markFinished(attemptId: string, score: ScoreSummary): Promise<void> {
    await this.db.attempts.update(attemptId, { status: 'finished', score });
  }

  /** Keeps the machine's marks for an attempt finished before marks were kept with it. */
  async saveScore(attemptId: string, score: ScoreSummary): Promise<void> {
    await this.db.attempts.update(attemptId, { score });
  }

  async courses(): Promise<Course[]> {
    return this.db.courses.toArray();
  }

  async saveCourse(course: Course): Promise<void> {
    await this.db.courses.put(course);
  }

  /** Removes a course; attempts made on it are kept, no longer attached to any course. */
  async deleteCourse(courseId: string): Promise<void> {
    await this.db.transaction('rw', this.db.courses, this.db.attempts, async () => {
      await this.db.attempts
        .where('course')
        .equals(courseId)
        .modify((attempt) => {
          delete attempt.course;
        });
      await this.db.courses.delete(courseId);
    });
  }

  async moderationsOf(attemptId: string): Promise<Moderation[]> {
    return this.db.moderations.where('attempt').equals(attemptId).toArray();
  }

  async addModeration(moderation: Moderation): Promise<void> {
    await this.db.moderations.add(moderation);
  }

  async allModerations(): Promise<Moderation[]> {
    return this.db.moderations.toArray();
  }

  /** Writes moderations over those with the same ids, all or none. */
  async putModerations(moderations: readonly Moderation[]): Promise<void> {
    await this.db.transaction('rw', this.db.moderations, () => this.db.moderations.bulkPut([...moderations]));
  }

  async calibrationsOf(attemptId: string): Promise<Calibration[]> {
    return this.db.calibrations.where('attempt').equals(attemptId).toArray();
  }

  async addCalibration(calibration: Calibration): Promise<void> {
    await this.db.calibrations.add(calibration);
  }

  /** Removes a trainee and everything about them: attempts, their events, moderations, calibrations. */
  async deleteTrainee(traineeId: string): Promise<void> {
    const db = this.db;
    await db.transaction(
      'rw',
      [db.trainees, db.attempts, db.events, db.courses, db.moderations, db.calibrations],
      async () => {
        const attemptIds = await db.attempts.where('traineeId').equals(traineeId).primaryKeys();
        await db.events.where('attemptId').anyOf(attemptIds).delete();
        await db.moderations.where('attempt').anyOf(attemptIds).delete();
        await db.calibrations.where('attempt').anyOf(attemptIds).delete();
        await db.attempts.bulkDelete(attemptIds);
        await db.courses.toCollection().modify((course) => {
          course.trainees = course.trainees.filter((id) => id !== traineeId);
        });
        await db.trainees.delete(traineeId);
      },
    );
  }

  /** Everything stored, or one trainee's part of it, as a bundle. */
  async exportBundle(only?: { trainee: string }): Promise<Bundle> {
    const db = this.db;
    return db.transaction(
      'r',
      [db.trainees, db.attempts, db.events, db.courses, db.moderations, db.calibrations],
      async () => {
        const trainees = (await db.trainees.toArray())
          .filter((t) => !only || t.id === only.trainee)
          .map(({ id, name }) => ({ id, name }));
        const traineeIds = new Set(trainees.map((t) => t.id));
        const records = (await db.attempts.toArray()).filter((a) => traineeIds.has(a.traineeId));
        const courses = (await db.courses.toArray())
          .filter((c) => !only || records.some((a) => a.course === c.id) || c.trainees.includes(only.trainee))
          .map((c) => ({ ...c, trainees: c.trainees.filter((id) => traineeIds.has(id)) }));
        const attemptIds = new Set(records.map((a) => a.id));
        const attempts = await Promise.all(
          records.map(async (record): Promise<BundleAttempt> => {
            const events = await db.events.where('attemptId').equals(record.id).sortBy('seq');
            return {
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
                events: events.map((e) => e.entry),
              },
            };
          }),
        );
        return {
          format: BUNDLE_FORMAT,
          formatVersion: BUNDLE_FORMAT_VERSION,
          exportedAt: new Date().toISOString(),
          trainees,
          courses,
          attempts,
          moderations: (await db.moderations.toArray()).filter((m) => attemptIds.has(m.attempt)),
          calibrations: (await db.calibrations.toArray()).filter((c) => attemptIds.has(c.attempt)),
        } satisfies Bundle;
      },
    );
  }

  /**
   * Stores a verified bundle. Records already here are recognised by id (and trainees by name too) and
   * not doubled; a record whose id is taken by different content refuses the whole bundle, unchanged.
   */
  async importBundle({ bundle, outcomes }: VerifiedBundle): Promise<ImportResult> {
    const db = this.db;
    const result: ImportResult = {
      added: { trainees: 0, courses: 0, attempts: 0, moderations: 0, calibrations: 0 },
      duplicates: 0,
    };
    await db.transaction(
      'rw',
      [db.trainees, db.attempts, db.events, db.courses, db.moderations, db.calibrations],
      async () => {
        const traineeIds = new Map<string, string>();
        for (const trainee of bundle.trainees) {
          const key = nameKey(trainee.name);
          const byId = await db.trainees.get(trainee.id);
          if (byId && byId.nameKey !== key)
            throw new BundleFormatError(
              `trainee "${trainee.id}" is already stored under another name; nothing was imported`,
            );
          const existing = byId ?? (await db.trainees.where('nameKey').equals(key).first());
          if (existing) {
            result.duplicates++;
            traineeIds.set(trainee.id, existing.id);
          } else {
            await db.trainees.add({ ...trainee, name: trainee.name.trim(), nameKey: key });
            result.added.trainees++;
            traineeIds.set(trainee.id, trainee.id);
          }
        }
        const traineeOf = (id: string) => traineeIds.get(id) ?? id;
        for (const course of bundle.courses) {
          const existing = await db.courses.get(course.id);
          const trainees = course.trainees.map(traineeOf);
          if (!existing) {
            await db.courses.add({ ...course, trainees });
            result.added.courses++;
            continue;
          }
          if (existing.title !== course.title || !same(existing.scenarios, course.scenarios))
            throw new BundleFormatError(
              `course "${course.id}" is already stored with a different title or scenarios; nothing was imported`,
            );
          result.duplicates++;
          await db.courses.update(course.id, { trainees: [...new Set([...existing.trainees, ...trainees])] });
        }
        for (const row of bundle.attempts) {
          const { attempt } = row;
          const existing = await db.attempts.get(row.id);
          if (existing) {
            const stored = await db.events.where('attemptId').equals(row.id).sortBy('seq');
            if (
              existing.scenario !== attempt.scenario ||
              !same(
                stored.map((e) => e.entry),
                attempt.events,
              )
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
          await db.attempts.add({
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
          });
          await db.events.bulkAdd(attempt.events.map((entry, seq) => ({ attemptId: row.id, seq, entry })));
          result.added.attempts++;
        }
        for (const [table, records, label] of [
          [db.moderations, bundle.moderations, 'moderations'],
          [db.calibrations, bundle.calibrations, 'calibrations'],
        ] as const) {
          for (const record of records) {
            const existing = await (table as Dexie.Table<Moderation | Calibration, string>).get(record.id);
            if (existing && !same(existing, record))
              throw new BundleFormatError(
                `${label === 'moderations' ? 'moderation' : 'calibration'} "${record.id}" is already stored with different content; nothing was imported`,
              );
            if (existing) {
              result.duplicates++;
              continue;
            }
            await (table as Dexie.Table<Moderation | Calibration, string>).add(record);
            result.added[label]++;
          }
        }
      },
    );
    return result;
  }

  /** Every stored row, for tests that must show an import changed nothing. */
  async snapshotAll(): Promise<unknown> {
    const db = this.db;
    return db.transaction(
      'r',
      [db.trainees, db.attempts, db.events, db.courses, db.moderations, db.calibrations],
      async () => ({
        trainees: await db.trainees.toArray(),
        attempts: await db.attempts.toArray(),
        events: await db.events.toArray(),
        courses: await db.courses.toArray(),
        moderations: await db.moderations.toArray(),
        calibrations: await db.calibrations.toArray(),
      }),
    );
  }

  close(): void {
    this.db.close();
  }
}
