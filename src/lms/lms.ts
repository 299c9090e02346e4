/*
 * What the app asks of an academy's LMS, whichever standard it speaks. A package (npm run package) puts
 * its course into index.html; launched from an LMS, the app finds the LMS (a SCORM API in the window
 * chain, or cmi5 launch parameters) and opens an `LmsConnection` to it. The connection knows the
 * standard's words; what is reported and when is decided once, in the LMS session (session.ts).
 *
 * Nothing here touches the DOM or React: the SCORM connection is handed the API object it found, and the
 * cmi5 one `fetch` and IndexedDB, so both run under Node in unit tests.
 */
import type { Band, Severity, SourceKind } from '../../machines/vocabulary.ts';
import type { AttemptEntry } from '../engine/attempt.ts';

export const LMS_STANDARDS = ['scorm12', 'scorm2004', 'cmi5'] as const;
export type LmsStandard = (typeof LMS_STANDARDS)[number];

/** The id of the element of a package's index.html that holds its course, as JSON. */
export const COURSE_ELEMENT_ID = 'lms-course';

/** The course a package carries, written into its index.html by npm run package. */
export interface PackagedCourse {
  format: 'control-room-trainer/lms-course';
  formatVersion: 1;
  /** The standard the package was built for. */
  standard: LmsStandard;
  id: string;
  title: string;
  /** The scenarios the course offers, in order. */
  scenarios: string[];
  /** 0–100: the course score a trainee needs to pass. */
  passMark: number;
}

/** Who the LMS says the trainee is. */
export interface Learner {
  id: string;
  name: string;
}

/**
 * The key a learner's trainee record is kept under on this device: the LMS's id for them, apart from
 * typed names (as a classroom's users are), so two learners of one name never share a record. None when
 * the LMS gave no id, and the name is all there is.
 */
export const learnerAccount = (learner: Learner): string | undefined =>
  learner.id ? `lms:${learner.id}` : undefined;

/** A trainee's action as it was stored: sent to an LRS as it happens (cmi5). */
export interface Decision {
  attempt: string;
  scenario: string;
  scenarioVersion: number;
  /** The event's position in the attempt's log: with `attempt`, what makes it this decision. */
  index: number;
  entry: AttemptEntry;
}

/** A scored choice of the call (opening code, grade, risk level): what was chosen and what was wanted. */
export interface ScoredChoice {
  kind: 'opening-code' | 'grade' | 'risk-level';
  /** The vocabulary id chosen last in the call's phase, or null if none was. */
  chosen: string | null;
  /** The vocabulary ids that count as right: the expected one first, then any acceptable. */
  correct: string[];
  result: 'correct' | 'wrong';
}

/** A finding as an LMS keeps it: the stable id, never its words. */
export interface ReportedFinding {
  /** The finding's stable id (src/scoring/findings.ts). */
  id: string;
  dimension: string;
  severity: Severity;
  /** What it rests on: an IOPC finding, the trainer's judgement, … */
  source: SourceKind;
}

/** One finished attempt, as the LMS is told it. */
export interface AttemptOutcome {
  attempt: string;
  scenario: string;
  scenarioVersion: number;
  title: string;
  /** ISO time the attempt finished (the last event's wall time). */
  finishedAt: string;
  /** Whether this attempt is the one the course counts (the first finished at its scenario). */
  counted: boolean;
  total: number;
  band: Band;
  choices: ScoredChoice[];
  findings: ReportedFinding[];
}

/** The course as it stands: what the LMS's gradebook shows. */
export interface CourseStatus {
  /** 0–100: the mean of the counted totals of the scenarios finished so far; null before any. */
  score: number | null;
  /** Scenarios with a counted attempt, and how many the course has. */
  finished: number;
  of: number;
  /** Every scenario of the course has a counted attempt. */
  completed: boolean;
  /** This attempt completed the course: completion and pass or fail are reported now, once. */
  justCompleted: boolean;
  /** Decided once completed: the score reaches the pass mark. */
  passed: boolean | null;
  passMark: number;
}

/** Records on their way to the LMS (cmi5's statements), for the screen to show. */
export interface DeliveryStatus {
  /** Sent; being sent; waiting for an LRS that cannot be reached; stopped (the LMS refused the key). */
  state: 'sent' | 'sending' | 'retrying' | 'stopped';
  waiting: number;
  /** Records the LMS refused for good. */
  refused: number;
  detail?: string;
}

/** Why an LMS call failed, in words a trainee can read (the standard's error code and text included). */
export class LmsError extends Error {}

export interface LmsConnection {
  readonly standard: LmsStandard;
  readonly learner: Learner;
  /**
   * Whether results may be judged in this session (cmi5's Normal launch mode; always for SCORM). In a
   * Browse or Review launch, decisions are still sent but nothing passes, fails or completes.
   */
  readonly judged: boolean;
  /** The pass mark (0–100) the LMS sets, if it sets one: it overrides the package's. */
  readonly passMark?: number | null;
  /** The most progress text the LMS keeps (SCORM 1.2's suspend_data: 4,096), or null for no limit. */
  readonly progressLimit: number | null;
  /** The progress text kept by an earlier session, or null (a first launch, a new LMS attempt). */
  loadProgress(): Promise<string | null>;
  /** Keeps the progress text for the next session, here or on another machine. */
  saveProgress(text: string): Promise<void>;
  /** A trainee's action was stored (cmi5: a statement, queued at once and sent in order). */
  decided(decision: Decision): Promise<void>;
  /** An attempt finished: its choices and findings, and the course as it stands now. */
  finished(outcome: AttemptOutcome, course: CourseStatus): Promise<void>;
  /**
   * Whether the session ends when the page closes. SCORM content finishes on unload, and a reload of the
   * LMS's player starts a new session. A cmi5 AU cannot tell a reload from a close, and a session once
   * `terminated` takes no more statements, so it ends only when the trainee leaves the course (the LMS
   * records a window closed without it as abandoned).
   */
  readonly endsWithPage: boolean;
  /** Records waiting to reach the LMS; absent where every call reaches it at once (SCORM). */
  readonly delivery?: {
    status(): DeliveryStatus;
    subscribe(listener: (status: DeliveryStatus) => void): () => void;
  };
  /** Where the LMS wants the trainee taken when they leave the course, if it said (cmi5's returnURL). */
  readonly returnUrl?: string | null;
  /** The session ends: session time, and LMSFinish / Terminate / cmi5 terminated. */
  end(): void;
}
