/*
 * A scenario version kept as it was released (scenarios/<id>/released/v<N>/, the files byte for byte as
 * they were when that version was current), read by today's code so that an attempt played on it replays,
 * scores, is moderated and moves in bundles as on the day. The kept files are never edited. What today's
 * format requires and an older release lacked is filled in here, and only with what cannot change a
 * replayed call:
 *  - `contentNote` and `supportTopics` (added with the scenario list's content notes) describe the case,
 *    not the call: the current version's are used.
 *  - a subject's `identifiers` (added when trainees began typing what they search for): attempts from
 *    before then name the subject searched, so identifiers only let a search be typed. The current
 *    version's for the same subject are used, or the name its label starts with.
 *  - a line's `audio.seconds` (added when speech was timed) stays absent: on the day, a line took no time.
 * A change to the format that cannot be filled in like this needs its own step here, with a test
 * (test/unit/released-versions.test.ts replays every kept version's reference attempts).
 */
import type { Line, ScenarioDefinition, Subject } from './scenario-format.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The name a trainer's label starts with: "Carl Ash (her ex-husband)" is searched for as "Carl Ash". */
const nameInLabel = (label: unknown): string[] =>
  typeof label === 'string' ? [label.replace(/\s*\(.*$/, '').trim() || label] : [];

function withIdentifiers(subject: unknown, current: ReadonlyMap<string, Subject>): unknown {
  if (!isObject(subject) || subject['identifiers'] !== undefined) return subject;
  const same = typeof subject['id'] === 'string' ? current.get(subject['id']) : undefined;
  return { ...subject, identifiers: same?.identifiers ?? nameInLabel(subject['label']) };
}

/**
 * A kept version's scenario.json as today's format reads it, given the scenario's current version. Not
 * checked here: `npm run validate` checks every kept version against the schema after this step.
 */
export function readReleasedScenario(released: unknown, current: ScenarioDefinition): unknown {
  if (!isObject(released)) return released;
  const subjects = new Map(current.subjects.map((subject) => [subject.id, subject]));
  return {
    ...released,
    contentNote: released['contentNote'] ?? current.contentNote,
    supportTopics: released['supportTopics'] ?? current.supportTopics,
    subjects: Array.isArray(released['subjects'])
      ? released['subjects'].map((subject) => withIdentifiers(subject, subjects))
      : released['subjects'],
  };
}

const recordedAs = (line: Line): string =>
  JSON.stringify([
    line.text,
    line.audio?.say,
    line.audio?.voice,
    line.audio?.quality,
    line.audio?.background,
  ]);

/**
 * The lines of a kept version with no recording of their own: the audio is made for the current version,
 * so a line it no longer says in the same words and voice (or at all) is heard as captions only.
 */
export function unrecordedLines(kept: ScenarioDefinition, current: ScenarioDefinition): ReadonlySet<string> {
  const now = new Map(current.lines.map((line) => [line.id, recordedAs(line)]));
  return new Set(kept.lines.filter((line) => now.get(line.id) !== recordedAs(line)).map((line) => line.id));
}
