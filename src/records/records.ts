/*
 * What supervisors keep beside the attempts: trainee profiles, courses, moderations and blind
 * calibration marks. Moderations and calibrations are separate records with who and when; the attempt
 * itself (its event log) is never edited. Plain data, shared by storage, supervision and the views, so
 * that storage need not import supervision to know what it keeps.
 */
import type { Band, ScoringDimension, Severity } from '../../machines/vocabulary.ts';

/** A trainee is known by a name or a staff number, nothing more. */
export interface Trainee {
  id: string;
  name: string;
}

/**
 * Who is playing: the name typed or given, and, where something signed them in that knows them by more
 * than a name (an LMS, by its learner id), that account. Two learners of one name are two trainees; a
 * typed name is the only thing that tells people apart where nobody signed in.
 */
export interface Player {
  name: string;
  account?: string;
}

/** A set of scenarios a trainer puts together for an academy intake or a CPD day. */
export interface Course {
  id: string;
  title: string;
  scenarios: string[];
  trainees: string[];
  /** Attempts on the course show the question and advice menu (an academy's first week). */
  assisted?: boolean;
}

export const FINDING_VERDICTS = ['upheld', 'withdrawn', 'regraded'] as const;
export type FindingVerdict = (typeof FINDING_VERDICTS)[number];

export type ModerationTarget =
  | { kind: 'dimension'; dimension: ScoringDimension; mark: number }
  /** `finding` is the finding's stable id (src/scoring/findings.ts), never its words. */
  | { kind: 'finding'; finding: string; verdict: FindingVerdict; severity?: Severity };

/** A supervisor's change to the machine's marking of one attempt, with the reason for it. */
export interface Moderation {
  id: string;
  attempt: string;
  supervisor: string;
  /** ISO time it was made. */
  at: string;
  target: ModerationTarget;
  reason: string;
}

/** One supervisor's marks for an attempt, made without seeing the machine's or anyone else's. */
export interface Calibration {
  id: string;
  attempt: string;
  supervisor: string;
  at: string;
  marks: Record<ScoringDimension, number>;
  note?: string;
}

/** What the cohort view needs of a scored attempt, kept with the attempt so 10,000 need no replay. */
export interface ScoreSummary {
  total: number;
  band: Band;
  dimensions: Record<ScoringDimension, number>;
  critical: number;
}
