/*
 * The rows kept, table by table: attempts with one row per event, trainees, courses, moderations and
 * calibration marks. Storage keeps them; supervision and the screens read and write them.
 */
import type { AttemptEntry } from '../engine/attempt.ts';
import type { ScoreSummary, Trainee } from './records.ts';

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
