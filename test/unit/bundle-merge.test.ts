/*
 * The bundle merge policy on its own, over plain rows: which records are new, which are already
 * stored, which conflict. bundle.test.ts runs the same policy through a real store.
 */
import { describe, expect, it } from 'vitest';
import type { AttemptEntry } from '../../src/engine/attempt.ts';
import type { Moderation } from '../../src/records/records.ts';
import type { AttemptRecord, TraineeRow } from '../../src/records/tables.ts';
import {
  BundleFormatError,
  packAttempts,
  type Bundle,
  type VerifiedBundle,
} from '../../src/supervision/bundle.ts';
import { mergeBundle, sameData } from '../../src/supervision/bundle-merge.ts';

const start: AttemptEntry = { type: 'trainee.start', at: 0, wall: '2026-11-22T12:00:00.000Z' };
const answer: AttemptEntry = { type: 'trainee.answer', at: 3, wall: '2026-11-22T12:00:03.000Z' };

/** A bundle of one attempt (two events) by "PC 4471 Shah", with whatever else a test adds. */
function bundleOf(extra: Partial<Bundle> = {}): VerifiedBundle {
  const packed = packAttempts(
    [
      {
        format: 'control-room-trainer/attempt',
        formatVersion: 2,
        scenario: 'ltl41-02',
        scenarioVersion: 1,
        trainee: 'PC 4471 Shah',
        events: [start, answer],
      },
    ],
    '2026-11-22T13:00:00Z',
  );
  const bundle = { ...packed, ...extra };
  return {
    bundle,
    outcomes: new Map(bundle.attempts.map((row) => [row.id, { finished: false, score: null }])),
  };
}

const nothingStored = {
  trainees: [],
  courses: [],
  attempts: [],
  events: new Map<string, AttemptEntry[]>(),
  moderations: [],
  calibrations: [],
};

const traineeRow = (id: string, name: string): TraineeRow => ({ id, name, nameKey: name.toLowerCase() });

function moderation(id: string, attempt: string, reason: string): Moderation {
  return {
    id,
    attempt,
    supervisor: 'Sgt Okafor',
    at: '2026-11-22T15:00:00Z',
    target: { kind: 'dimension', dimension: 'grading', mark: 40 },
    reason,
  };
}

describe('the same data', () => {
  it('does not count key order or undefined values', () => {
    expect(sameData({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameData({ a: 1, wall: undefined }, { a: 1 })).toBe(true);
  });

  it('counts the order of a list, a missing key and a different value', () => {
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameData({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameData(null, {})).toBe(false);
    expect(sameData([], {})).toBe(false);
  });
});

describe('merging a bundle into what is stored', () => {
  it('writes every record of a bundle into an empty store, the attempt with its events in order', () => {
    const verified = bundleOf();
    const [row] = verified.bundle.attempts;
    if (!row) throw new Error('pack lost the attempt');
    const { writes, result } = mergeBundle(verified, nothingStored);
    expect(result).toEqual({
      added: { trainees: 1, courses: 0, attempts: 1, moderations: 0, calibrations: 0 },
      duplicates: 0,
    });
    expect(writes.attempts).toEqual([
      expect.objectContaining<Partial<AttemptRecord>>({
        id: row.id,
        trainee: 'PC 4471 Shah',
        startedAt: start.wall,
        updatedAt: answer.wall,
        status: 'in-progress',
        eventCount: 2,
      }),
    ]);
    expect(writes.events).toEqual([
      { attemptId: row.id, seq: 0, entry: start },
      { attemptId: row.id, seq: 1, entry: answer },
    ]);
  });

  it('gives a trainee stored under another id, however the name was typed, the stored id', () => {
    const verified = bundleOf();
    const stored = {
      ...nothingStored,
      trainees: [{ id: 'here', name: 'pc 4471 shah', nameKey: 'pc 4471 shah' }],
    };
    const { writes, result } = mergeBundle(verified, stored);
    expect(writes.trainees).toEqual([]);
    expect(writes.attempts.map((a) => a.traineeId)).toEqual(['here']);
    expect(result.duplicates).toBe(1);
  });

  it('adds one trainee for two in a bundle with the same name, and files both ones attempts under it', () => {
    const verified = bundleOf();
    const [shah] = verified.bundle.trainees;
    const [row] = verified.bundle.attempts;
    if (!shah || !row) throw new Error('pack lost something');
    const twice = bundleOf({
      trainees: [shah, { id: 'shah-again', name: 'PC  4471 SHAH' }],
      attempts: [row, { ...row, id: 'by-the-other', trainee: 'shah-again' }],
    });
    const { writes, result } = mergeBundle(twice, nothingStored);
    expect(writes.trainees.map((t) => t.id)).toEqual([shah.id]);
    expect(writes.attempts.map((a) => a.traineeId)).toEqual([shah.id, shah.id]);
    expect(result.added.trainees).toBe(1);
    expect(result.duplicates).toBe(1);
  });

  it('refuses a bundle whose trainee id is stored under another name', () => {
    const verified = bundleOf();
    const [shah] = verified.bundle.trainees;
    if (!shah) throw new Error('pack lost the trainee');
    const stored = { ...nothingStored, trainees: [traineeRow(shah.id, 'PC 5120 Cole')] };
    expect(() => mergeBundle(verified, stored)).toThrow(
      new BundleFormatError(
        `trainee "${shah.id}" is already stored under another name; nothing was imported`,
      ),
    );
  });

  it('adds the bundle’s trainees to a course already stored, keeping its own', () => {
    const verified = bundleOf();
    const [shah] = verified.bundle.trainees;
    if (!shah) throw new Error('pack lost the trainee');
    const course = { id: 'intake-12', title: 'Intake 12', scenarios: ['ltl41-02'], trainees: [shah.id] };
    const stored = { ...nothingStored, courses: [{ ...course, trainees: ['cole'] }] };
    const { writes } = mergeBundle(bundleOf({ courses: [course] }), stored);
    expect(writes.courses).toEqual([{ ...course, trainees: ['cole', shah.id] }]);
    expect(() =>
      mergeBundle(bundleOf({ courses: [{ ...course, scenarios: ['ltl41-03'] }] }), stored),
    ).toThrow(/course "intake-12" is already stored with a different title or scenarios/);
  });

  it('recognises an attempt stored with the same events, and refuses one stored with others', () => {
    const verified = bundleOf();
    const [row] = verified.bundle.attempts;
    if (!row) throw new Error('pack lost the attempt');
    const record = mergeBundle(verified, nothingStored).writes.attempts;
    const same = { ...nothingStored, attempts: record, events: new Map([[row.id, [start, answer]]]) };
    expect(mergeBundle(verified, same).writes.attempts).toEqual([]);
    const other = { ...same, events: new Map([[row.id, [start]]]) };
    expect(() => mergeBundle(verified, other)).toThrow(
      `attempt "${row.id}" is already stored with different events; nothing was imported`,
    );
  });

  it('recognises a moderation stored with the same content, and refuses one stored with other content', () => {
    const verified = bundleOf();
    const [row] = verified.bundle.attempts;
    if (!row) throw new Error('pack lost the attempt');
    const moderated = bundleOf({ moderations: [moderation('mod-1', row.id, 'Graded too low.')] });
    const kept = { ...nothingStored, moderations: [moderation('mod-1', row.id, 'Graded too low.')] };
    const { writes, result } = mergeBundle(moderated, kept);
    expect(writes.moderations).toEqual([]);
    expect(result.added.moderations).toBe(0);
    const edited = { ...nothingStored, moderations: [moderation('mod-1', row.id, 'Another reason.')] };
    expect(() => mergeBundle(moderated, edited)).toThrow(
      'moderation "mod-1" is already stored with different content; nothing was imported',
    );
  });
});
