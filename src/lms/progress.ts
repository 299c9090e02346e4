/*
 * What an LMS keeps between a trainee's sessions (SCORM's suspend_data, a cmi5 state document): which
 * attempt counts for each of the course's scenarios, and the call in progress, so it resumes after a
 * reload or on another machine.
 *
 * The first attempt finished at a scenario in an LMS attempt is the one the course counts. The debrief
 * shows the model answer, so a second go is practice: it is reported, with no weight, but it cannot
 * replace the first. A new LMS attempt (the LMS starts the course again) starts with nothing counted.
 *
 * The text is deflated JSON in base64 behind a version tag. SCORM 1.2 keeps 4,096 characters: the call
 * in progress goes in whole or not at all, never cut, and the session says so when it does not fit
 * (it then resumes only in the browser that played it, from its own storage).
 */
import * as z from 'zod';
import { BANDS } from '../../machines/vocabulary.ts';
import {
  ATTEMPT_FORMAT,
  ATTEMPT_FORMAT_VERSION,
  parseAttempt,
  type AttemptEntry,
} from '../engine/attempt.ts';
import type { CourseStatus, PackagedCourse } from './lms.ts';

export interface CountedResult {
  attempt: string;
  scenarioVersion: number;
  total: number;
  band: (typeof BANDS)[number];
  /** ISO time it finished. */
  at: string;
}

export interface CallInProgress {
  attempt: string;
  scenario: string;
  scenarioVersion: number;
  startedAt: string;
  /** Its events so far; absent when they did not fit in what the LMS keeps. */
  events?: AttemptEntry[];
}

export interface Progress {
  counted: Record<string, CountedResult>;
  current?: CallInProgress;
}

export const EMPTY_PROGRESS: Progress = { counted: {} };

const TAG = 'crt1:';

const progressSchema = z.strictObject({
  counted: z.record(
    z.string(),
    z.strictObject({
      attempt: z.string().min(1),
      scenarioVersion: z.number().int().positive(),
      total: z.number().min(0).max(100),
      band: z.enum(BANDS),
      at: z.string(),
    }),
  ),
  current: z
    .strictObject({
      attempt: z.string().min(1),
      scenario: z.string().min(1),
      scenarioVersion: z.number().int().positive(),
      startedAt: z.string(),
      events: z.array(z.unknown()).optional(),
    })
    .optional(),
});

/** Why the kept progress could not be read: it is then ignored, and nothing stored here is touched. */
export class ProgressFormatError extends Error {}

async function squeeze(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function unsqueeze(base64: string): Promise<string> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

export interface EncodedProgress {
  text: string;
  /** Whether the call in progress went in whole (false when it did not fit; true when there is none). */
  carriesCall: boolean;
}

/** The progress as text within `limit` characters (null: no limit). */
export async function encodeProgress(progress: Progress, limit: number | null): Promise<EncodedProgress> {
  const encode = async (p: Progress) => TAG + (await squeeze(JSON.stringify(p)));
  const whole = await encode(progress);
  if (limit === null || whole.length <= limit) return { text: whole, carriesCall: true };
  if (progress.current?.events) {
    const { events: _left, ...current } = progress.current;
    const without = await encode({ ...progress, current });
    if (without.length <= limit) return { text: without, carriesCall: false };
  }
  // Ten scenarios' results take a few hundred characters; a limit this small is not an LMS's.
  throw new RangeError(`the course's results need ${whole.length} characters; the LMS keeps ${limit}`);
}

/** Reads kept progress; empty text is a first launch. Anything else unreadable is a ProgressFormatError. */
export async function decodeProgress(text: string): Promise<Progress> {
  if (text.trim() === '') return EMPTY_PROGRESS;
  if (!text.startsWith(TAG))
    throw new ProgressFormatError('it was not written by this trainer (or by a version it cannot read)');
  let json: unknown;
  try {
    json = JSON.parse(await unsqueeze(text.slice(TAG.length)));
  } catch {
    throw new ProgressFormatError('it is damaged (it does not unpack)');
  }
  const parsed = progressSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProgressFormatError(`${issue?.path.join('.') || 'it'}: ${issue?.message ?? 'not progress'}`);
  }
  const { counted, current } = parsed.data;
  if (!current) return { counted };
  if (!current.events) return { counted, current: { ...current, events: undefined } };
  // The call's events are read as an attempt file's are, so a damaged one is refused, not replayed.
  const attempt = parseAttempt({
    format: ATTEMPT_FORMAT,
    formatVersion: ATTEMPT_FORMAT_VERSION,
    scenario: current.scenario,
    scenarioVersion: current.scenarioVersion,
    trainee: 'lms',
    events: current.events,
  });
  return { counted, current: { ...current, events: attempt.events } };
}

/** The course as it stands, from what is counted. */
export function courseStatus(
  course: Pick<PackagedCourse, 'scenarios' | 'passMark'>,
  counted: Progress['counted'],
  justCompleted = false,
): CourseStatus {
  const totals = course.scenarios.flatMap((id) => (counted[id] ? [counted[id].total] : []));
  const score = totals.length ? Math.round(totals.reduce((sum, t) => sum + t, 0) / totals.length) : null;
  const completed = totals.length === course.scenarios.length;
  return {
    score,
    finished: totals.length,
    of: course.scenarios.length,
    completed,
    justCompleted: completed && justCompleted,
    passed: completed && score !== null ? score >= course.passMark : null,
    passMark: course.passMark,
  };
}
