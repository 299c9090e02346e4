/*
 * The bundle: how an academy moves trainees, courses, attempts, moderations and calibration marks
 * between machines, as one versioned JSON file. Reading one is all or nothing: the whole bundle is
 * checked (shape, limits, references, and every attempt replayed and scored on this build's scenarios)
 * before anything is stored, and the first problem found is reported as one readable line. Writing one
 * leaves out attempts on scenario versions the build lacks (see replayableHere), since they would make
 * every machine with that build refuse the bundle.
 *
 * Format version 2:
 *   {
 *     "format": "control-room-trainer/bundle", "formatVersion": 2, "exportedAt": "2026-11-22T21:40:00Z",
 *     "trainees": [ { "id": "t-1", "name": "PC 4471 Shah" } ],
 *     "courses": [ { "id": "c-1", "title": "Intake 12", "scenarios": ["ltl41-02"], "trainees": ["t-1"] } ],
 *     "attempts": [ { "id": "a-1", "trainee": "t-1", "course": "c-1",            (course optional)
 *                     "forkedFrom": { "attempt": "a-0", "event": 12 },           (optional)
 *                     "attempt": { ...an attempt file, see src/engine/attempt.ts... } } ],
 *     "moderations": [ { "id", "attempt", "supervisor", "at", "reason",
 *                        "target": { "kind": "dimension", "dimension": "grading", "mark": 40 }
 *                               or { "kind": "finding", "finding": "grading:grade-under:expected=immediate:grade=priority",
 *                                    "verdict": "withdrawn" } } ],
 *     "calibrations": [ { "id", "attempt", "supervisor", "at", "marks": { "openingCode": 80, ... } } ]
 *   }
 * Version 1 is read too: the same, but a moderated finding is named by its English words
 * ("grading: You graded the call ..."); reading upgrades each to the finding's id (see finding-refs.ts).
 */
import * as z from 'zod';
import { SCORING_DIMENSIONS, SEVERITIES } from '../../machines/vocabulary.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { AttemptFormatError, parseAttempt, type Attempt } from '../engine/attempt.ts';
import { ReplayError, replay } from '../engine/replay.ts';
import type { ScenarioVersions } from './catalogue-scenarios.ts';
import {
  FINDING_VERDICTS,
  type Calibration,
  type Course,
  type Moderation,
  type ScoreSummary,
  type Trainee,
} from '../records/records.ts';
import { UNSAFE_CHARACTERS, UNSAFE_CHARACTERS_GLOBAL } from '../records/text.ts';
import { scoreCall } from '../scoring/score.ts';
import { findingRefResolver, isLegacyFindingRef } from './finding-refs.ts';
import { summariseScore } from './score-summary.ts';

export const BUNDLE_FORMAT = 'control-room-trainer/bundle';
export const BUNDLE_FORMAT_VERSION = 2;
/** Versions this build reads; older ones are upgraded as they are read. */
const READABLE_VERSIONS: readonly number[] = [1, BUNDLE_FORMAT_VERSION];
/** Larger than any academy's year of results; anything bigger is refused before it is read. */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
const MAX_REASON_CHARS = 300;

export interface BundleAttempt {
  id: string;
  trainee: string;
  course?: string;
  forkedFrom?: { attempt: string; event: number };
  attempt: Attempt;
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  /** As read; a verified bundle is always the current version. */
  formatVersion: 1 | typeof BUNDLE_FORMAT_VERSION;
  exportedAt?: string;
  trainees: Trainee[];
  courses: Course[];
  attempts: BundleAttempt[];
  moderations: Moderation[];
  calibrations: Calibration[];
}

/** A bundle checked against this build's scenarios, with what each attempt replays to. */
export interface VerifiedBundle {
  bundle: Bundle;
  /** By attempt id: whether the attempt reached its debrief, and its score if it did. */
  outcomes: Map<string, { finished: boolean; score: ScoreSummary | null }>;
}

export class BundleFormatError extends Error {
  override name = 'BundleFormatError';
  constructor(reason: string) {
    super(oneLine(reason));
  }
}

/** A reason fit for one line of a terminal or an alert, whatever the bundle held. */
export function oneLine(text: string): string {
  const flat = text.replace(UNSAFE_CHARACTERS_GLOBAL, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON_CHARS ? `${flat.slice(0, MAX_REASON_CHARS - 1)}…` : flat;
}

/** Names and titles: one line. Reasons and notes (`multiline`) may also hold line breaks and tabs. */
const plainText = (max: number, { multiline = false } = {}) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(
      (text) => !UNSAFE_CHARACTERS.test(multiline ? text.replace(/\r?\n|\t/g, ' ') : text),
      'must not contain control or direction-override characters',
    );

const idSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/,
    'must be 1 to 100 letters, digits, dots, dashes, colons or underscores',
  );
const isoTime = z.iso.datetime({ offset: true });
const mark = z.number().int('must be a whole number').min(0, 'must be 0 to 100').max(100, 'must be 0 to 100');

const traineeSchema = z.strictObject({ id: idSchema, name: plainText(120) });
export const courseSchema = z.strictObject({
  id: idSchema,
  title: plainText(200),
  scenarios: z.array(idSchema).max(500),
  trainees: z.array(idSchema).max(100_000),
  assisted: z.boolean().optional(),
});
const attemptRowSchema = z.strictObject({
  id: idSchema,
  trainee: idSchema,
  course: idSchema.optional(),
  forkedFrom: z.strictObject({ attempt: idSchema, event: z.number().int().nonnegative() }).optional(),
  attempt: z.unknown(),
});
export const moderationSchema = z.strictObject({
  id: idSchema,
  attempt: idSchema,
  supervisor: plainText(120),
  at: isoTime,
  reason: plainText(4000, { multiline: true }),
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('dimension'), dimension: z.enum(SCORING_DIMENSIONS), mark }),
    z.strictObject({
      kind: z.literal('finding'),
      finding: z.string().min(1).max(2000),
      verdict: z.enum(FINDING_VERDICTS),
      severity: z.enum(SEVERITIES).optional(),
    }),
  ]),
});
export const calibrationSchema = z.strictObject({
  id: idSchema,
  attempt: idSchema,
  supervisor: plainText(120),
  at: isoTime,
  marks: z.strictObject(
    Object.fromEntries(SCORING_DIMENSIONS.map((d) => [d, mark])) as Record<
      (typeof SCORING_DIMENSIONS)[number],
      typeof mark
    >,
  ),
  note: plainText(4000, { multiline: true }).optional(),
});
const bundleSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT, `must be "${BUNDLE_FORMAT}"`),
  formatVersion: z.number().int(),
  exportedAt: isoTime.optional(),
  trainees: z.array(traineeSchema).max(100_000),
  courses: z.array(courseSchema).max(10_000),
  attempts: z.array(attemptRowSchema).max(200_000),
  moderations: z.array(moderationSchema).max(1_000_000),
  calibrations: z.array(calibrationSchema).max(1_000_000),
});

/** Where in a value a check failed and why, on one line: `<what>.target.mark: must be 0 to 100`. */
export function describeIssue(issue: z.core.$ZodIssue, what = 'bundle'): string {
  const path = issue.path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('');
  return `${what}${path}: ${issue.message}`;
}

function requireUnique(label: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) throw new BundleFormatError(`bundle.${label}[${index}].id: "${id}" appears twice`);
    seen.add(id);
  });
}

/**
 * Checks a bundle's shape, limits and internal references: the first half of reading one. Accepts JSON
 * text or an already-parsed value; throws a BundleFormatError with one line saying what is wrong.
 */
export function parseBundle(input: unknown, knownScenarios: ReadonlySet<string>): Bundle {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > MAX_BUNDLE_BYTES) throw new BundleFormatError(`too large: bundles are at most 64 MB`);
    if (input.trim() === '') throw new BundleFormatError('empty: a bundle is a JSON object');
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new BundleFormatError(`not valid JSON: ${error instanceof Error ? error.message : 'unreadable'}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BundleFormatError(
      'not a bundle: expected a JSON object with "format": "control-room-trainer/bundle"',
    );
  }
  const header = value as { format?: unknown; formatVersion?: unknown };
  if (header.format !== BUNDLE_FORMAT) {
    throw new BundleFormatError(`bundle.format: must be "${BUNDLE_FORMAT}" (is this a bundle?)`);
  }
  if (typeof header.formatVersion !== 'number' || !READABLE_VERSIONS.includes(header.formatVersion)) {
    throw new BundleFormatError(
      `bundle.formatVersion: version ${oneLine(JSON.stringify(header.formatVersion) ?? 'missing').slice(0, 20)} is not supported (this build reads versions ${READABLE_VERSIONS.join(' and ')})`,
    );
  }
  const formatVersion = header.formatVersion as Bundle['formatVersion'];
  const parsed = bundleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BundleFormatError(issue ? describeIssue(issue) : 'not a bundle');
  }
  const data = parsed.data;
  const attempts = data.attempts.map((row, index): BundleAttempt => {
    try {
      const attempt = parseAttempt(row.attempt);
      return { ...row, attempt } as BundleAttempt;
    } catch (error) {
      if (error instanceof AttemptFormatError)
        throw new BundleFormatError(`bundle.attempts[${index}].${error.message}`);
      throw error;
    }
  });
  requireUnique(
    'trainees',
    data.trainees.map((t) => t.id),
  );
  requireUnique(
    'courses',
    data.courses.map((c) => c.id),
  );
  requireUnique(
    'attempts',
    attempts.map((a) => a.id),
  );
  requireUnique(
    'moderations',
    data.moderations.map((m) => m.id),
  );
  requireUnique(
    'calibrations',
    data.calibrations.map((c) => c.id),
  );

  const trainees = new Set(data.trainees.map((t) => t.id));
  const courses = new Set(data.courses.map((c) => c.id));
  const attemptIds = new Set(attempts.map((a) => a.id));
  data.courses.forEach((course, index) => {
    course.scenarios.forEach((scenario, s) => {
      if (!knownScenarios.has(scenario))
        throw new BundleFormatError(
          `bundle.courses[${index}].scenarios[${s}]: no scenario "${scenario}" in this build`,
        );
    });
    course.trainees.forEach((trainee, t) => {
      if (!trainees.has(trainee))
        throw new BundleFormatError(
          `bundle.courses[${index}].trainees[${t}]: no trainee "${trainee}" in the bundle`,
        );
    });
  });
  attempts.forEach((row, index) => {
    if (!trainees.has(row.trainee))
      throw new BundleFormatError(
        `bundle.attempts[${index}].trainee: no trainee "${row.trainee}" in the bundle`,
      );
    if (row.course !== undefined && !courses.has(row.course))
      throw new BundleFormatError(
        `bundle.attempts[${index}].course: no course "${row.course}" in the bundle`,
      );
    if (!knownScenarios.has(row.attempt.scenario))
      throw new BundleFormatError(
        `bundle.attempts[${index}].attempt.scenario: no scenario "${row.attempt.scenario}" in this build`,
      );
  });
  for (const [label, records] of [
    ['moderations', data.moderations],
    ['calibrations', data.calibrations],
  ] as const) {
    records.forEach((record, index) => {
      if (!attemptIds.has(record.attempt))
        throw new BundleFormatError(
          `bundle.${label}[${index}].attempt: no attempt "${record.attempt}" in the bundle`,
        );
    });
  }
  return {
    format: BUNDLE_FORMAT,
    formatVersion,
    ...(data.exportedAt ? { exportedAt: data.exportedAt } : {}),
    trainees: data.trainees,
    courses: data.courses,
    attempts,
    moderations: data.moderations as Moderation[],
    calibrations: data.calibrations as Calibration[],
  };
}

/**
 * The second half of reading a bundle: every attempt replayed on this build's scenario and scored, and
 * every moderated finding found in its attempt's report (a version 1 bundle's words upgraded to ids).
 * Throws a BundleFormatError naming the first attempt or moderation that does not hold.
 */
export async function verifyBundle(
  bundle: Bundle,
  loadScenario: ScenarioVersions['load'],
): Promise<VerifiedBundle> {
  const modules = new Map<string, ScenarioModule>();
  const outcomes: VerifiedBundle['outcomes'] = new Map();
  const resolvers = new Map<string, (ref: string) => string | null>();
  for (const [index, row] of bundle.attempts.entries()) {
    const { scenario, scenarioVersion, events } = row.attempt;
    const played = `${scenario}@${scenarioVersion}`;
    let module = modules.get(played);
    if (!module) {
      module = await loadScenario(scenario, scenarioVersion);
      if (!module)
        throw new BundleFormatError(
          `bundle.attempts[${index}].attempt.scenarioVersion: played on version ${scenarioVersion} of ${scenario}, which this build does not have`,
        );
      modules.set(played, module);
    }
    let snapshot;
    try {
      snapshot = replay(module.machine, events);
    } catch (error) {
      if (error instanceof ReplayError)
        throw new BundleFormatError(`bundle.attempts[${index}].attempt.${error.message}`);
      throw error;
    }
    const report = scoreCall(module.definition, module.answerKey, snapshot.context);
    const finished = snapshot.status === 'done';
    outcomes.set(row.id, { finished, score: finished ? summariseScore(report) : null });
    const context = { scenario: module.definition, key: module.answerKey };
    resolvers.set(row.id, findingRefResolver(report.findings, context));
  }
  const moderations = bundle.moderations.map((moderation, index): Moderation => {
    const { target } = moderation;
    if (target.kind !== 'finding') return moderation;
    const legacy = bundle.formatVersion === 1;
    const resolve = resolvers.get(moderation.attempt);
    const id = legacy || !isLegacyFindingRef(target.finding) ? (resolve?.(target.finding) ?? null) : null;
    if (id === null) {
      throw new BundleFormatError(
        `bundle.moderations[${index}].target.finding: attempt "${moderation.attempt}" has no such finding`,
      );
    }
    if (target.verdict === 'regraded' && !target.severity) {
      throw new BundleFormatError(
        `bundle.moderations[${index}].target.severity: a regraded finding needs its new severity`,
      );
    }
    return { ...moderation, target: { ...target, finding: id } };
  });
  return { bundle: { ...bundle, formatVersion: BUNDLE_FORMAT_VERSION, moderations }, outcomes };
}

/** Parse and verify in one: what import and the CLI's validate do. */
export async function readBundle(
  input: unknown,
  scenarios: Pick<ScenarioVersions, 'ids' | 'load'>,
): Promise<VerifiedBundle> {
  return verifyBundle(parseBundle(input, scenarios.ids), scenarios.load);
}

/**
 * What of a bundle another machine with this build could import: attempts played on a scenario version
 * this build does not have would make any such machine refuse the whole bundle, so they are taken out
 * (with their moderations and calibration marks) and returned, for the exporter to say so.
 */
export function replayableHere(
  bundle: Bundle,
  has: ScenarioVersions['has'],
): { bundle: Bundle; leftOut: BundleAttempt[] } {
  const replayable = (row: BundleAttempt) => has(row.attempt.scenario, row.attempt.scenarioVersion);
  const leftOut = bundle.attempts.filter((row) => !replayable(row));
  if (leftOut.length === 0) return { bundle, leftOut };
  const gone = new Set(leftOut.map((row) => row.id));
  return {
    bundle: {
      ...bundle,
      attempts: bundle.attempts.filter(replayable),
      moderations: bundle.moderations.filter((m) => !gone.has(m.attempt)),
      calibrations: bundle.calibrations.filter((c) => !gone.has(c.attempt)),
    },
    leftOut,
  };
}

/** A short, stable id from content (53-bit hash), so packing the same file twice gives the same id. */
export function contentId(prefix: string, content: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${prefix}-${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

/** A bundle of attempt files, each trainee known by the name in the file (as the CLI's pack does). */
export function packAttempts(attempts: readonly Attempt[], exportedAt: string): Bundle {
  const trainees = new Map<string, Trainee>();
  const rows: BundleAttempt[] = [];
  const ids = new Set<string>();
  for (const attempt of attempts) {
    const name = attempt.trainee.trim();
    const traineeId = contentId('trainee', name.toLowerCase());
    if (!trainees.has(traineeId)) trainees.set(traineeId, { id: traineeId, name });
    const id = contentId('attempt', JSON.stringify(attempt));
    if (ids.has(id)) continue;
    ids.add(id);
    rows.push({ id, trainee: traineeId, attempt });
  }
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt,
    trainees: [...trainees.values()],
    courses: [],
    attempts: rows,
    moderations: [],
    calibrations: [],
  };
}
