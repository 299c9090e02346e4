/*
 * Bundles: the format, the store's import and export over IndexedDB (fake-indexeddb stands in for the
 * browser's at the edge; the store's own code is real), and hostile input thrown at import by fast-check.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.ts';
import { scoreEvents } from '../../src/scoring/score-attempt.ts';
import { AttemptStore } from '../../src/storage/attempt-store.ts';
import { BundleFormatError, packAttempts, readBundle } from '../../src/supervision/bundle.ts';
import { exportStoredBundle } from '../../src/supervision/bundle-merge.ts';
import { exportBundle, importBundle } from '../../src/supervision/bundle-transfer.ts';
import { deleteCourse, deleteTraineeData } from '../../src/supervision/deletion.ts';
import { catalogueScenarios } from '../../src/supervision/catalogue-scenarios.ts';
import type { Moderation } from '../../src/records/records.ts';
import type { TableStore } from '../../src/records/tables.ts';
import type { ScoringDimension } from '../../machines/vocabulary.ts';
import { defineScenario } from '../../scenarios/define-scenario.ts';
import { replay } from '../../src/engine/replay.ts';
import { fakeAnswerKey, fakeScenario } from '../fixtures/builders.ts';
import { referenceAttempts, sampleBundle } from '../fixtures/sample-bundle.ts';
import { everyStoredRow } from '../fixtures/stored-rows.ts';
import { writeLog } from '../fixtures/write-log.ts';
import { playLog } from '../../src/services/attempt-play.ts';

/** A dimension's mark changed by one supervisor, as the moderation panel stores it. */
function markedBySergeant(
  id: string,
  attempt: string,
  dimension: ScoringDimension,
  mark: number,
  { reason }: { reason: string },
): Moderation {
  return {
    id,
    attempt,
    supervisor: 'Sgt Okafor',
    at: '2026-11-22T15:00:00Z',
    target: { kind: 'dimension', dimension, mark },
    reason,
  };
}

let store: AttemptStore;
let dbCount = 0;
beforeEach(() => {
  store = new AttemptStore(`test-${++dbCount}`);
});
afterEach(() => store.close());

describe('bundle format', () => {
  it('reads a packed bundle, replaying and scoring every attempt', async () => {
    const bundle = await sampleBundle();
    const { outcomes } = await readBundle(JSON.stringify(bundle), catalogueScenarios);
    const two = await referenceAttempts('ltl41-02');
    const historical = outcomes.get(bundle.attempts[1]?.id ?? '');
    expect(historical?.finished).toBe(true);
    // In a bundle it is a trainee's attempt, scored on everything, whatever its events say of their sources.
    expect(historical?.score?.total).toBe(scoreEvents(two.module, two.historical.events).total);
  });

  it('gives the same ids when the same files are packed twice, and packs a repeated file once', async () => {
    const { model } = await referenceAttempts('ltl41-03');
    const once = packAttempts([model], '2026-11-22T12:00:00Z');
    const twice = packAttempts([model, model], '2026-11-23T12:00:00Z');
    expect(twice.attempts.map((a) => a.id)).toEqual(once.attempts.map((a) => a.id));
  });

  it.each([
    ['', 'empty'],
    ['[]', 'not a bundle'],
    ['{"format":"control-room-trainer/attempt"}', 'bundle.format'],
    ['{"format":"control-room-trainer/bundle","formatVersion":9}', 'version 9 is not supported'],
    ['{', 'not valid JSON'],
  ])('refuses %j with a reason naming what is wrong', async (text, reason) => {
    await expect(readBundle(text, catalogueScenarios)).rejects.toThrow(reason);
  });

  it('names the field when a reference does not hold', async () => {
    const bundle = await sampleBundle();
    const broken = { ...bundle, attempts: [{ ...bundle.attempts[0], trainee: 'nobody' }] };
    await expect(readBundle(broken, catalogueScenarios)).rejects.toThrow(
      'bundle.attempts[0].trainee: no trainee "nobody" in the bundle',
    );
  });

  it('refuses an attempt whose events cannot be replayed, naming the event', async () => {
    const bundle = await sampleBundle();
    const row = bundle.attempts[0];
    if (!row) throw new Error('empty');
    const events = [row.attempt.events[0], { type: 'trainee.hangUp', at: 0 }, ...row.attempt.events.slice(1)];
    const broken = {
      ...bundle,
      attempts: [{ ...row, attempt: { ...row.attempt, events } }],
      moderations: [],
      calibrations: [],
    };
    await expect(readBundle(broken, catalogueScenarios)).rejects.toThrow(
      /bundle\.attempts\[0\]\.attempt\.events\[1\]/,
    );
  });
});

describe('bundles made before trainees typed their questions', () => {
  it('read a format 1 attempt as played with the menu on, replay it and score it as it was', async () => {
    const fixture = defineScenario({
      scenario: fakeScenario(),
      answerKey: fakeAnswerKey(),
      model: null,
      historical: null,
    });
    const formatOne = {
      format: 'control-room-trainer/attempt',
      formatVersion: 1,
      scenario: 'fixture',
      scenarioVersion: 1,
      trainee: 'PC 4471 Shah',
      events: [
        { at: 0, type: 'trainee.start' },
        { at: 0, type: 'trainee.answer' },
        { at: 4, type: 'trainee.ask', topic: 'threats-made' },
        { at: 10, type: 'trainee.check', system: 'local-intelligence', subject: 'caller' },
      ],
    };
    const bundle = packAttempts([formatOne as never], '2026-11-22T12:00:00Z');
    const scenarios = { ids: new Set(['fixture']), load: async () => fixture };
    const { bundle: read, outcomes } = await readBundle(
      JSON.stringify({ ...bundle, attempts: bundle.attempts.map((row) => ({ ...row, attempt: formatOne })) }),
      scenarios,
    );
    const events = read.attempts[0]?.attempt.events ?? [];
    expect(events[0]).toEqual({ type: 'trainee.start', assisted: true, at: 0 });
    expect(outcomes.get(read.attempts[0]?.id ?? '')?.finished).toBe(false);
    const call = replay(fixture.machine, events).context;
    expect(call.questions.map((q) => q.topic)).toEqual(['threats-made']);
    expect(call.checks.map((c) => c.result)).toEqual(['intel']);
  });
});

describe('import and export', () => {
  it('stores a bundle, recognises it when imported again, and exports what it stored', async () => {
    const bundle = await sampleBundle();
    const first = await importBundle(store, JSON.stringify(bundle));
    expect(first.added).toEqual({ trainees: 2, courses: 1, attempts: 3, moderations: 1, calibrations: 1 });
    const stored = await everyStoredRow(store);
    const second = await importBundle(store, JSON.stringify(bundle));
    expect(second.added).toEqual({ trainees: 0, courses: 0, attempts: 0, moderations: 0, calibrations: 0 });
    expect(second.duplicates).toBe(8);
    expect(await everyStoredRow(store)).toEqual(stored);

    const exported = await exportStoredBundle(store);
    const elsewhere = new AttemptStore(`test-elsewhere-${dbCount}`);
    try {
      await importBundle(elsewhere, JSON.stringify(exported));
      const moved = await elsewhere.list();
      expect(moved.map((a) => [a.id, a.score?.total, a.status]).sort()).toEqual(
        (await store.list()).map((a) => [a.id, a.score?.total, a.status]).sort(),
      );
    } finally {
      elsewhere.close();
    }
  });

  it('moves what the app itself stores: a reason over several lines, a name typed with stray characters', async () => {
    const bundle = await sampleBundle();
    await importBundle(store, bundle);
    const typed = await store.traineeNamed('  PC 7001\u202e  Patel\n');
    expect(typed.name).toBe('PC 7001 Patel');
    const attempt = bundle.attempts[0];
    if (!attempt) throw new Error('empty');
    await store.addModeration(
      markedBySergeant('multi-line', attempt.id, 'logging', 70, {
        reason: 'Listened again.\nThe log missed her exact words.\n\tSee the transcript at 0:13.',
      }),
    );
    const elsewhere = new AttemptStore(`test-elsewhere-lines-${dbCount}`);
    try {
      const result = await importBundle(elsewhere, JSON.stringify(await exportStoredBundle(store)));
      expect(result.added.moderations).toBe(2);
      expect(result.added.trainees).toBe(3);
      expect(
        (await elsewhere.moderationsOf(attempt.id)).find((m) => m.id === 'multi-line')?.reason,
      ).toContain('\nThe log missed');
    } finally {
      elsewhere.close();
    }
  });

  it('recognises its own records in its own export, whatever order their fields were written in', async () => {
    const bundle = await sampleBundle();
    await importBundle(store, bundle);
    const [trainee] = await store.trainees();
    const source = bundle.attempts[0];
    if (!trainee || !source) throw new Error('not imported');
    const played = await store.create(source.attempt.scenario, source.attempt.scenarioVersion, trainee);
    const module = await catalogueScenarios.load(source.attempt.scenario, source.attempt.scenarioVersion);
    if (!module) throw new Error('no scenario');
    // As the app's session writes them: the same fields, not in the attempt format's order.
    await writeLog(playLog(store, played.id, module), module.machine, source.attempt.events, {
      write: (entry) => Object.fromEntries(Object.entries(entry).reverse()) as typeof entry,
    });
    await store.addModeration({
      target: { mark: 70, dimension: 'logging', kind: 'dimension' },
      reason: 'Listened again.',
      at: '2026-11-22T15:00:00Z',
      supervisor: 'Sgt Okafor',
      attempt: played.id,
      id: 'written-here',
    });
    const before = await everyStoredRow(store);
    const again = await importBundle(store, JSON.stringify(await exportStoredBundle(store)));
    expect(again.added).toEqual({ trainees: 0, courses: 0, attempts: 0, moderations: 0, calibrations: 0 });
    expect(await everyStoredRow(store)).toEqual(before);
  });

  it('leaves out of an export the attempts on a scenario version this build lacks, so the rest still imports', async () => {
    await importBundle(store, await sampleBundle());
    const [trainee] = await store.trainees();
    if (!trainee) throw new Error('not imported');
    // Played with a newer build, on a version this one has not got.
    const newer = (findScenario('ltl41-02')?.version ?? 0) + 1;
    const fromNewer = await store.create('ltl41-02', newer, trainee);
    await store.addModeration(
      markedBySergeant('on-newer', fromNewer.id, 'grading', 50, { reason: 'Marked on the newer version.' }),
    );
    const everything = await exportStoredBundle(store);
    expect(everything.moderations.map((m) => m.id)).toContain('on-newer');
    const elsewhere = new AttemptStore(`test-elsewhere-versions-${dbCount}`);
    try {
      await expect(importBundle(elsewhere, everything)).rejects.toThrow(
        `played on version ${newer} of ltl41-02, which this build does not have`,
      );
      const { bundle, leftOut } = await exportBundle(store);
      expect(leftOut.map((row) => row.id)).toEqual([fromNewer.id]);
      expect(bundle.moderations.map((m) => m.id)).not.toContain('on-newer');
      expect((await importBundle(elsewhere, bundle)).added.attempts).toBe(3);
      expect((await store.load(fromNewer.id))?.record).toMatchObject({
        id: fromNewer.id,
        scenario: 'ltl41-02',
        scenarioVersion: newer,
      });
    } finally {
      elsewhere.close();
    }
  });

  it('recognises a trainee by name when another machine gave them another id', async () => {
    const existing = await store.traineeNamed('pc 4471  SHAH');
    const bundle = await sampleBundle();
    await importBundle(store, bundle);
    const trainees = await store.trainees();
    expect(trainees.filter((t) => t.id === existing.id)).toHaveLength(1);
    expect(trainees).toHaveLength(2);
    const shahs = (await store.list()).filter((a) => a.traineeId === existing.id);
    expect(shahs).toHaveLength(2);
  });

  it('refuses the whole bundle when an id is taken by different content, changing nothing', async () => {
    const bundle = await sampleBundle();
    await importBundle(store, bundle);
    const before = await everyStoredRow(store);
    const row = bundle.attempts[2];
    if (!row) throw new Error('empty');
    const altered = {
      ...bundle,
      trainees: [...bundle.trainees, { id: 'new-trainee', name: 'PC 9999 New' }],
      attempts: bundle.attempts.map((a) =>
        a === row ? { ...a, attempt: { ...a.attempt, events: a.attempt.events.slice(0, 3) } } : a,
      ),
    };
    await expect(importBundle(store, altered)).rejects.toThrow(
      /already stored with different events; nothing was imported/,
    );
    expect(await everyStoredRow(store)).toEqual(before);
  });

  it('stores nothing of a bundle when writing it fails part way through', async () => {
    const before = await everyStoredRow(store);
    // The calibration marks are written last: by then every other record of the bundle has been put.
    const failingLast: TableStore = {
      transaction: (mode, work) =>
        store.transaction(mode, (tables) =>
          work({
            ...tables,
            put: (table, rows) =>
              table === 'calibrations' ? Promise.reject(new Error('disk full')) : tables.put(table, rows),
          }),
        ),
    };
    await expect(importBundle(failingLast, await sampleBundle())).rejects.toThrow('disk full');
    expect(await everyStoredRow(store)).toEqual(before);
  });

  it('deletes a trainee and everything about them on request', async () => {
    const bundle = await sampleBundle();
    await importBundle(store, bundle);
    const trainees = await store.trainees();
    const cole = trainees.find((t) => t.name === 'PC 5120 Cole');
    const shah = trainees.find((t) => t.name === 'PC 4471 Shah');
    if (!cole || !shah) throw new Error('not imported');
    const colesAttempts = (await store.list()).filter((a) => a.traineeId === cole.id).map((a) => a.id);
    // Named, so what the device keeps beside the store (drafts) can be deleted with them.
    expect((await deleteTraineeData(store, cole.id)).sort()).toEqual(colesAttempts.sort());
    expect(colesAttempts.length).toBeGreaterThan(0);
    const after = await everyStoredRow(store);
    expect(after.trainees.map((t) => t.name)).toEqual(['PC 4471 Shah']);
    const shahsAttempts = bundle.attempts.filter((a) => a.trainee === shah.id);
    expect(after.attempts.map((a) => a.traineeId)).toEqual(shahsAttempts.map(() => shah.id));
    expect(after.events).toHaveLength(shahsAttempts.reduce((n, a) => n + a.attempt.events.length, 0));
    // The sample's moderation is of Cole's attempt; its calibration marks are of Shah's.
    expect(after.moderations).toEqual([]);
    expect(after.calibrations.map((c) => c.id)).toEqual(['cal-1']);
    expect(after.courses.map((c) => c.trainees)).toEqual([[shah.id]]);
  });

  it('deletes a course but keeps its attempts, and still exports a bundle that imports', async () => {
    await importBundle(store, await sampleBundle());
    await deleteCourse(store, 'intake-12');
    expect(await store.courses()).toEqual([]);
    const attempts = await store.list();
    expect(attempts).toHaveLength(3);
    expect(attempts.every((a) => a.course === undefined)).toBe(true);
    const elsewhere = new AttemptStore(`test-elsewhere-course-${dbCount}`);
    try {
      expect((await importBundle(elsewhere, await exportStoredBundle(store))).added.attempts).toBe(3);
    } finally {
      elsewhere.close();
    }
  });

  it('forks a what-if holding the events before the chosen point', async () => {
    const bundle = await sampleBundle();
    await importBundle(store, bundle);
    const source = bundle.attempts[1];
    if (!source) throw new Error('empty');
    const fork = await store.fork(source.id, 10);
    const loaded = await store.load(fork.id);
    expect(loaded?.entries).toEqual(source.attempt.events.slice(0, 10));
    expect(loaded?.record).toMatchObject({
      status: 'in-progress',
      forkedFrom: { attempt: source.id, event: 10 },
    });
    expect(loaded?.record.score).toBeUndefined();
  });
});

/** Sets `value` at a random place in a JSON tree, or deletes a key there. */
function mutate(tree: unknown, path: number[], value: unknown, remove: boolean): unknown {
  if (typeof tree !== 'object' || tree === null) return value;
  const keys = Object.keys(tree);
  if (keys.length === 0 || path.length === 0) return value;
  const [step = 0, ...rest] = path;
  const key = keys[step % keys.length] ?? '';
  const copy: Record<string, unknown> = Array.isArray(tree)
    ? ([...tree] as unknown as Record<string, unknown>)
    : { ...tree };
  if (remove && rest.length === 0 && !Array.isArray(tree)) Reflect.deleteProperty(copy, key);
  else copy[key] = mutate((tree as Record<string, unknown>)[key], rest, value, remove);
  return copy;
}

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '__proto__',
    'constructor',
    '\u202eevil',
    'line\nbreak',
    '\u0000',
    '<script>alert(1)</script>',
    '"; DROP TABLE attempts; --',
    'x'.repeat(5000),
    '\ud800',
  ),
);
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue(),
);

/** Import refused: a BundleFormatError with one short line, and the store exactly as it was. */
async function expectRefusedCleanly(input: unknown, before: unknown): Promise<boolean> {
  try {
    await importBundle(store, input);
    return false;
  } catch (error) {
    expect(error).toBeInstanceOf(BundleFormatError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/[\n\r\u2028\u202e]/);
    expect(message.length).toBeGreaterThan(5);
    expect(message.length).toBeLessThanOrEqual(300);
    expect(await everyStoredRow(store)).toEqual(before);
    return true;
  }
}

describe('hostile bundles (property-based)', () => {
  it('refuses any JSON text that is not a bundle, with a one-line reason', async () => {
    await importBundle(store, await sampleBundle());
    const before = await everyStoredRow(store);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), hostileString), async (text) => {
        expect(await expectRefusedCleanly(text, before)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('refuses or accepts whole any mutation of a valid bundle, never half-storing it', async () => {
    const bundle = await sampleBundle();
    const three = await referenceAttempts('ltl41-03');
    const alreadyStored = packAttempts([three.model, three.historical], '2026-11-21T12:00:00Z');
    let refused = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        hostileValue,
        fc.boolean(),
        async (path, value, remove) => {
          const target = new AttemptStore(`test-mutation-${++dbCount}`);
          try {
            await importBundle(target, alreadyStored);
            const before = await everyStoredRow(target);
            try {
              await importBundle(target, JSON.stringify(mutate(bundle, path, value, remove)));
              accepted++;
            } catch (error) {
              refused++;
              expect(error).toBeInstanceOf(BundleFormatError);
              expect((error as Error).message).not.toMatch(/[\n\r\u2028\u202e]/);
              expect(await everyStoredRow(target)).toEqual(before);
            }
          } finally {
            target.close();
          }
        },
      ),
      { numRuns: 600 },
    );
    console.info(`mutated bundles: ${refused} refused, ${accepted} accepted`);
    expect(refused).toBeGreaterThan(300);
    expect(accepted).toBeGreaterThan(0);
  }, 120_000);
});
