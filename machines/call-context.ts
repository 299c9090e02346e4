/*
 * What a call has recorded so far: the machine's context. Plain data with its phase and time on every
 * entry, read by the machine, the call record's queries and the scoring, and written only by the machine.
 */
import type { Intent } from './intents.ts';
import type {
  Advice,
  Agency,
  CheckSystem,
  EscalationTarget,
  Grade,
  OpeningCode,
  RiskLevel,
  ThriveElement,
  Topic,
} from './vocabulary.ts';

/** Where and when something happened: the phase and seconds on that phase's clock. */
export interface Stamp {
  phase: string;
  at: number;
}

export interface Spoken extends Stamp {
  line: string;
  /** When it was cut short: the trainee talked over it, or ended the call while it was being said. */
  cutAt?: number;
}

/** What the trainee said in their own words, as it was read when they said it. */
export interface Utterance extends Stamp {
  text: string;
  intents: Intent[];
  /** How many of the intents the caller took in: they answer at most three things at once. */
  taken: number;
}

export interface Disclosure extends Stamp {
  fact: string;
  /** The line or check result that revealed it. */
  via: { line: string } | { check: string };
}

export interface CheckRun extends Stamp {
  system: CheckSystem;
  /** The scenario subject the search found, or null when it matched nobody. */
  subject: string | null;
  /** What was typed into the search (absent in format 1 attempts, which picked from a list). */
  query?: string;
  /** The scenario's check result, or null for "no trace". */
  result: string | null;
}

export interface PhaseProgress {
  phase: string;
  answeredAt: number | null;
  callEndedAt: number | null;
  logClosedAt: number | null;
}

export interface Timer {
  line: string;
  dueAt: number;
  /** An answer still to come to what the trainee asked; dropped if they speak again first. */
  reply?: true;
}

export interface CallContext {
  /** The question and advice menu is on (a trainer's choice for a course). */
  assisted: boolean;
  phaseIndex: number;
  /** Seconds on the current phase's clock. */
  now: number;
  progress: PhaseProgress[];
  /** Everything said or written to the trainee, voice and log lines alike, in order. */
  transcript: Spoken[];
  /**
   * Facts learned, each at the moment it was learned: when the line saying it had been heard to the
   * end, or when a search returned it.
   */
  disclosures: Disclosure[];
  utterances: Utterance[];
  /** Questions put to the caller, with the line that answers (null if nothing in the script does). */
  questions: (Stamp & { topic: Topic; reply: string | null })[];
  advice: (Stamp & { advice: Advice })[];
  checks: CheckRun[];
  sops: (Stamp & { code: OpeningCode })[];
  codes: (Stamp & { code: OpeningCode; reason: string })[];
  thrive: (Stamp & { element: ThriveElement; rationale: string })[];
  risks: (Stamp & { level: RiskLevel })[];
  grades: (Stamp & { grade: Grade; reason: string })[];
  log: (Stamp & { text: string })[];
  escalations: (Stamp & { to: EscalationTarget; reason: string })[];
  contacts: (Stamp & { agency: Agency; message: string })[];
  links: (Stamp & { incident: string })[];
  callBacks: (Stamp & { reason: string })[];
  /** At the dispatcher's desk: units sent, and what was said on the radio. */
  assignments: (Stamp & { unit: string })[];
  radio: (Stamp & { unit: string | null; message: string })[];
  /** Answers to questions colleagues wrote on the log. */
  replies: (Stamp & { line: string; text: string })[];
  /** Calls ended while the caller still had something to say: the lines never heard (in full). */
  cutOffs: (Stamp & { unsaid: string[] })[];
  /** Moments the trainee spoke while the caller was still talking, and the line they cut short. */
  interruptions: (Stamp & { line: string })[];
  timers: Timer[];
}
