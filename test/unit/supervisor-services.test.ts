/*
 * What the supervisor, cohort and report screens load and do, without the screens: over a real store
 * (fake-indexeddb stands in for the browser's IndexedDB), and on a full disk.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.ts';
import type { Trainee } from '../../src/records/records.ts';
import { loadCohort } from '../../src/services/cohort-attempts.ts';
import {
  describeImport,
  exportBundleFile,
  importBundleFile,
  loadSupervisorDesk,
} from '../../src/services/supervisor-desk.ts';
import { loadReport } from '../../src/services/trainee-report.ts';
import { AttemptStore } from '../../src/storage/attempt-store.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { importBundle } from '../../src/supervision/bundle-transfer.ts';
import { sampleBundle } from '../fixtures/sample-bundle.ts';
import { withFullDisk } from '../fixtures/full-disk.ts';
import { everyStoredRow } from '../fixtures/stored-rows.ts';

const s = strings.ui.supervise;

const asFile = (value: unknown) => new Blob([typeof value === 'string' ? value : JSON.stringify(value)]);

/** A version of ltl41-02 this build does not have. */
const otherVersion = (findScenario('ltl41-02')?.version ?? 0) + 1;

let store: AttemptStore;
let dbCount = 0;
beforeEach(() => {
  store = new AttemptStore(`services-${++dbCount}`);
});
afterEach(() => store.close());

async function traineeNamed(name: string): Promise<Trainee> {
  const trainee = (await store.trainees()).find((t) => t.name === name);
  if (!trainee) throw new Error(`${name} was not imported`);
  return trainee;
}

describe('the supervisor desk', () => {
  it('lists trainees by name, the courses, and attempts newest first', async () => {
    await importBundle(store, await sampleBundle());
    const desk = await loadSupervisorDesk(store);
    expect(desk.trainees.map((t) => t.name)).toEqual(['PC 4471 Shah', 'PC 5120 Cole']);
    expect(desk.courses.map((c) => c.title)).toEqual(['Intake 12']);
    const started = desk.attempts.map((a) => a.startedAt);
    expect(started).toHaveLength(3);
    expect(started).toEqual([...started].sort().reverse());
  });

  it('imports a bundle file and says what it added, then that it is already here', async () => {
    const bundle = await sampleBundle();
    expect(await importBundleFile(store, asFile(bundle))).toEqual({
      kind: 'status',
      text: s.imported('2 trainees, 1 course, 3 attempts, 1 moderation, 1 calibration mark', 0),
    });
    expect(await importBundleFile(store, asFile(bundle))).toEqual({
      kind: 'status',
      text: s.imported(s.nothingNew, 8),
    });
  });

  it('says why a bundle was refused, and stores nothing of it', async () => {
    const before = await everyStoredRow(store);
    const result = await importBundleFile(store, asFile({ ...(await sampleBundle()), formatVersion: 7 }));
    expect(result.kind).toBe('alert');
    expect(result.text).toMatch(/^Not imported: bundle\.formatVersion: version 7 is not supported/);
    expect(await everyStoredRow(store)).toEqual(before);
  });

  it('says a full disk is full when a bundle cannot be stored', async () => {
    const full = withFullDisk(store, ['transaction']);
    expect(await importBundleFile(full, asFile(await sampleBundle()))).toEqual({
      kind: 'alert',
      text: strings.ui.storageFailed.full,
    });
  });

  it('names an export by what it holds and the day, and says what was left out', async () => {
    await importBundle(store, await sampleBundle());
    const shah = await traineeNamed('PC 4471 Shah');
    await store.create('ltl41-02', otherVersion, shah);
    const day = new Date('2026-11-22T21:40:00Z');
    const everything = await exportBundleFile(store, undefined, day);
    expect(everything.fileName).toBe('control-room-trainer-bundle-2026-11-22.json');
    expect(everything.bundle.attempts).toHaveLength(3);
    expect(everything.summary).toBe(s.exported(3, 1));
    const theirs = await exportBundleFile(store, { trainee: shah.id }, day);
    expect(theirs.fileName).toBe(`control-room-trainer-trainee-${shah.id}-2026-11-22.json`);
    expect(theirs.bundle.trainees).toEqual([{ id: shah.id, name: 'PC 4471 Shah' }]);
    expect(theirs.summary).toBe(s.exported(2, 1));
  });

  it('describes an import that added nothing new', () => {
    const nothing = { trainees: 0, courses: 0, attempts: 0, moderations: 0, calibrations: 0 };
    expect(describeImport({ added: nothing, duplicates: 0 })).toBe(s.imported(s.nothingNew, 0));
  });
});

describe('the cohort', () => {
  it('reads the score kept with each finished attempt, leaving out what-ifs and unfinished attempts', async () => {
    const bundle = await sampleBundle();
    await importBundle(store, bundle);
    const [first] = bundle.attempts;
    if (!first) throw new Error('empty');
    await store.fork(first.id, 3);
    const shah = await traineeNamed('PC 4471 Shah');
    await store.create('ltl41-02', otherVersion, shah);
    const { attempts, courses } = await loadCohort(store);
    const finished = (await store.list()).filter((a) => a.status === 'finished' && !a.forkedFrom);
    expect(attempts).toHaveLength(3);
    expect(attempts.map((a) => [a.id, a.score]).sort()).toEqual(finished.map((a) => [a.id, a.score]).sort());
    expect(courses.map((c) => c.id)).toEqual(['intake-12']);
  });

  it('scores, once, a finished attempt kept without its score', async () => {
    const bundle = await sampleBundle();
    await importBundle(store, bundle);
    const [record] = (await store.list()).filter((a) => a.status === 'finished');
    if (!record?.score) throw new Error('no finished attempt with a score');
    const { score, ...unscored } = record;
    await store.transaction('write', (tables) => tables.put('attempts', [unscored]));
    const { attempts } = await loadCohort(store);
    expect(attempts.find((a) => a.id === record.id)?.score).toEqual(score);
    expect((await store.load(record.id))?.record.score).toEqual(score);
  });

  it('leaves out an unscored attempt played on a scenario version this build does not have', async () => {
    await importBundle(store, await sampleBundle());
    const shah = await traineeNamed('PC 4471 Shah');
    const older = await store.create('ltl41-02', otherVersion, shah);
    await store.transaction('write', (tables) => tables.put('attempts', [{ ...older, status: 'finished' }]));
    const { attempts } = await loadCohort(store);
    expect(attempts.map((a) => a.id)).not.toContain(older.id);
    expect(attempts).toHaveLength(3);
  });
});

describe('a trainee’s report', () => {
  it('has their finished attempts oldest first, moderated, and the cases behind them', async () => {
    const bundle = await sampleBundle();
    await importBundle(store, bundle);
    const cole = await traineeNamed('PC 5120 Cole');
    const report = await loadReport(store, cole.id);
    expect(report.name).toBe('PC 5120 Cole');
    expect(report.attempts.map((a) => a.record.traineeId)).toEqual([cole.id]);
    // The sample's moderation upholds a finding of Cole's attempt.
    expect(report.attempts[0]?.report.findings.some((f) => f.moderation?.id === 'mod-1')).toBe(true);
    expect(report.cases.map((c) => c.meta.id)).toEqual(['ltl41-02']);
    expect(report.notReplayable).toEqual([]);
  });

  it('lists a finished attempt it cannot replay, saying why', async () => {
    await importBundle(store, await sampleBundle());
    const shah = await traineeNamed('PC 4471 Shah');
    const older = await store.create('ltl41-02', otherVersion, shah);
    const marks = { openingCode: 50, grading: 50, thrive: 50, ndm: 50, logging: 50, escalation: 50 };
    await store.markFinished(older.id, { total: 50, band: 'low', dimensions: marks, critical: 0 });
    const { notReplayable } = await loadReport(store, shah.id);
    expect(notReplayable.map(({ record, why }) => [record.id, why])).toEqual([
      [older.id, strings.ui.report.otherVersion(otherVersion)],
    ]);
  });

  it('says the trainee is not on this device', async () => {
    await expect(loadReport(store, 'nobody')).rejects.toThrow(strings.ui.attemptNotFound);
  });
});
