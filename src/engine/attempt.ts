/*
 * The attempt file: one trainee's run through one scenario, as the ordered list of events they sent.
 * Everything else (the state at any moment, the score, the replay) is derived from it. Trainers write
 * the model and historical attempts by hand in this format; scenarios/README.md documents it.
 *
 * Format version 2:
 *   {
 *     "format": "control-room-trainer/attempt", "formatVersion": 2,
 *     "scenario": "ltl41-02", "scenarioVersion": 1,
 *     "trainee": "model-answer", "startedAt": "2026-11-22T21:40:00Z",   (startedAt optional)
 *     "notes": ["..."],                                                  (optional)
 *     "events": [ { "at": 0, "type": "trainee.start" }, { "at": 4, "type": "trainee.answer" }, ... ]
 *   }
 * `at` is seconds on the current phase's clock (0 when the phase's call starts ringing); `wall` is an
 * optional ISO time the event was sent, recorded by the app for supervisors, never used in scoring.
 *
 * A historical attempt (the real call, replayed) says where each event comes from: `provenance` is
 * `{ "reported": "<where>", "quote": "<the source's words>" }` when the sources report it, or
 * `{ "added": "<why>" }` when it was added to complete the replay; and `unreported` names the scoring
 * dimensions the sources are silent on, with why, and `unreportedCalls` the calls (phase ids) they are
 * silent on. All are optional in the format, and only reference
 * attempts carry them: a trainee's events are their own.
 *
 * Version 2 added what the trainee typed: `trainee.speak` (their words and what they were read as) and
 * the query of a `trainee.check`. Version 1 attempts were played with every question and piece of advice
 * on a menu, so they are read as version 2 attempts started in assisted mode (`trainee.start` with
 * `assisted: true`); nothing else changes, and they replay and score as they did.
 */
import * as z from 'zod';
import { attemptEventSchema, type AttemptEvent } from '../../machines/events.ts';
import { SCORING_DIMENSIONS, type ScoringDimension } from '../../machines/vocabulary.ts';

export const ATTEMPT_FORMAT = 'control-room-trainer/attempt';
export const ATTEMPT_FORMAT_VERSION = 2;
/** Versions this build reads: older ones are upgraded as they are read. */
const READABLE_VERSIONS = [1, 2];

const provenanceSchema = z.union([
  z.strictObject({ reported: z.string().trim().min(1), quote: z.string().trim().min(1).optional() }),
  z.strictObject({ added: z.string().trim().min(1) }),
]);
/** Whether the sources report an event of a historical attempt, or it completes the replay. */
export type Provenance = z.infer<typeof provenanceSchema>;

export type AttemptEntry = AttemptEvent & { at: number; wall?: string; provenance?: Provenance };

export interface Attempt {
  format: typeof ATTEMPT_FORMAT;
  formatVersion: typeof ATTEMPT_FORMAT_VERSION;
  scenario: string;
  scenarioVersion: number;
  trainee: string;
  startedAt?: string;
  notes?: string[];
  /** Scoring dimensions the sources say nothing about, with why (historical attempts only). */
  unreported?: Partial<Record<ScoringDimension, string>>;
  /** Calls (phase ids) the sources say nothing about, with why (historical attempts only). */
  unreportedCalls?: Record<string, string>;
  events: AttemptEntry[];
}

const entryTimesSchema = z.object({
  at: z.number().nonnegative('must be seconds on the phase clock, 0 or more'),
  wall: z.iso.datetime({ offset: true }).optional(),
  provenance: provenanceSchema.optional(),
});

const headerSchema = z.strictObject({
  format: z.literal(ATTEMPT_FORMAT),
  formatVersion: z.number().int(),
  scenario: z.string().min(1),
  scenarioVersion: z.number().int().positive(),
  trainee: z.string().trim().min(1),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  notes: z.array(z.string()).optional(),
  unreported: z.partialRecord(z.enum(SCORING_DIMENSIONS), z.string().trim().min(1)).optional(),
  unreportedCalls: z.record(z.string(), z.string().trim().min(1)).optional(),
  events: z.array(z.record(z.string(), z.unknown())),
});

export class AttemptFormatError extends Error {
  override name = 'AttemptFormatError';
}

function describeIssue(prefix: string, issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('');
  return `${prefix}${path}: ${issue.message}`;
}

/** A version 1 event as version 2 reads it: those attempts were played with the menu on. */
export function upgradeFromVersion1(event: AttemptEvent): AttemptEvent {
  return event.type === 'trainee.start' ? { type: 'trainee.start', assisted: true } : event;
}

/** Parses an attempt from JSON text or a value (upgrading older versions), refusing it whole with one readable reason. */
export function parseAttempt(input: unknown): Attempt {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new AttemptFormatError(`not valid JSON: ${(error as Error).message}`);
    }
  }
  const header = headerSchema.safeParse(value);
  if (!header.success) {
    const issue = header.error.issues[0];
    throw new AttemptFormatError(issue ? describeIssue('attempt', issue) : 'not an attempt file');
  }
  if (!READABLE_VERSIONS.includes(header.data.formatVersion)) {
    throw new AttemptFormatError(
      `attempt.formatVersion: version ${header.data.formatVersion} is not supported (this build reads versions ${READABLE_VERSIONS.join(' and ')})`,
    );
  }
  const fromVersion = header.data.formatVersion;
  const events = header.data.events.map((raw, index) =>
    parseEntry(raw, `attempt.events[${index}]`, fromVersion),
  );
  return { ...header.data, format: ATTEMPT_FORMAT, formatVersion: ATTEMPT_FORMAT_VERSION, events };
}

/**
 * One event of an attempt of the current format, as it arrives on its own (a classroom's document),
 * refused with a reason naming `where` it was found.
 */
export function parseAttemptEntry(raw: unknown, where: string): AttemptEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AttemptFormatError(`${where}: must be an event object`);
  }
  return parseEntry(raw as Record<string, unknown>, where, ATTEMPT_FORMAT_VERSION);
}

function parseEntry(raw: Record<string, unknown>, where: string, fromVersion: number): AttemptEntry {
  const { at, wall, provenance, ...event } = raw;
  const times = entryTimesSchema.safeParse({ at, wall, provenance });
  const parsed = attemptEventSchema.safeParse(event);
  const issue = times.error?.issues[0] ?? parsed.error?.issues[0];
  if (issue || !times.success || !parsed.success) {
    const type = typeof event.type === 'string' ? ` (${event.type})` : '';
    throw new AttemptFormatError(issue ? describeIssue(`${where}${type}`, issue) : `${where} is invalid`);
  }
  const upgraded = fromVersion === 1 ? upgradeFromVersion1(parsed.data) : parsed.data;
  return {
    ...upgraded,
    at: times.data.at,
    ...(times.data.wall === undefined ? {} : { wall: times.data.wall }),
    ...(times.data.provenance === undefined ? {} : { provenance: times.data.provenance }),
  };
}
