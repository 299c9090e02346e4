/*
 * The rows kept, table by table: attempts with one row per event, trainees, courses, moderations and
 * calibration marks; and the few primitives any store of them offers (read, write and delete rows, in
 * one transaction). Storage implements them over IndexedDB; the policies that decide which rows to write
 * are written over them in supervision, so neither layer imports the other.
 */
import type { AttemptEntry } from '../engine/attempt.ts';
import type { Calibration, Course, Moderation, ScoreSummary, Trainee } from './records.ts';

export type AttemptStatus = 'in-progress' | 'finished';

export interface AttemptRecord {
  id: string;
  scenario: string;
  scenarioVersion: number;
  /** The trainee's name as it was when the attempt was made. */
  trainee: string;
  traineeId: string;
  course?: string;
  /** A what-if: played on from this attempt after its first `event` events. */
  forkedFrom?: { attempt: string; event: number };
  /** ISO time the attempt was created. */
  startedAt: string;
  /** ISO time of the last stored event. */
  updatedAt: string;
  status: AttemptStatus;
  eventCount: number;
  /** The machine's marks, kept once the attempt is finished so cohort views need no replay. */
  score?: ScoreSummary;
}

/** One event of an attempt, written as it happens so a reload resumes the call. */
export interface EventRow {
  attemptId: string;
  seq: number;
  entry: AttemptEntry;
}

export interface TraineeRow extends Trainee {
  /** The name folded for matching (text.ts): one person, however the name was typed. */
  nameKey: string;
}

/** Each table's rows. */
export interface TableRows {
  trainees: TraineeRow;
  attempts: AttemptRecord;
  events: EventRow;
  courses: Course;
  moderations: Moderation;
  calibrations: Calibration;
}
export type TableName = keyof TableRows;

/** The fields rows can be looked up by: each table's key and its indexed fields. */
export interface TableIndexes {
  trainees: 'id' | 'nameKey';
  attempts: 'id' | 'scenario' | 'startedAt' | 'status' | 'traineeId' | 'course';
  events: 'attemptId';
  courses: 'id';
  moderations: 'id' | 'attempt';
  calibrations: 'id' | 'attempt';
}

/** What can be done to the tables inside one transaction. */
export interface Tables {
  /** Every row of a table. */
  all<T extends TableName>(table: T): Promise<TableRows[T][]>;
  /** The rows whose `field` is one of `values`, in that field's order. */
  where<T extends TableName>(
    table: T,
    field: TableIndexes[T],
    values: readonly string[],
  ): Promise<TableRows[T][]>;
  /** Writes rows, each over any row with the same key. */
  put<T extends TableName>(table: T, rows: readonly TableRows[T][]): Promise<void>;
  /** Deletes the rows whose `field` is one of `values`. */
  remove<T extends TableName>(table: T, field: TableIndexes[T], values: readonly string[]): Promise<void>;
}

/**
 * A store as the policies over it (bundles, deletion) see it: tables, and transactions over all of
 * them. Inside `work`, what is read is one state of the store, and the writes all happen or, if `work`
 * throws, none do. `work` may wait only on the tables (IndexedDB commits a transaction left idle).
 */
export interface TableStore {
  transaction<R>(mode: 'read' | 'write', work: (tables: Tables) => Promise<R>): Promise<R>;
}
