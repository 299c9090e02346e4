/*
 * What the review and moderation screens load and do, without the screens: a stored attempt to look
 * back at, a what-if played on from it, a moderation saved. Over a real store (fake-indexeddb stands in
 * for the browser's IndexedDB), and on a full disk.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.ts';
import { startWhatIf } from '../../src/services/attempt-play.ts';
import { saveModeration } from '../../src/services/moderating.ts';
import { loadStoredAttempt, scenarioModule } from '../../src/services/stored-attempt.ts';
import { AttemptStore } from '../../src/storage/attempt-store.ts';
import { strings } from '../../src/strings/en-gb.ts';
import type { BundleAttempt } from '../../src/supervision/bundle.ts';
import { importBundle } from '../../src/supervision/bundle-transfer.ts';
import { withFullDisk } from '../fixtures/full-disk.ts';
import { referenceAttempts, sampleBundle } from '../fixtures/sample-bundle.ts';

let store: AttemptStore;
let dbCount = 0;
let stored: BundleAttempt;
beforeEach(async () => {
  store = new AttemptStore(`review-services-${++dbCount}`);
  const bundle = await sampleBundle();
  await importBundle(store, bundle);
  const [first] = bundle.attempts;
  if (!first) throw new Error('empty');
  stored = first;
});
afterEach(() => store.close());

describe('a stored attempt to look back at', () => {
  it('comes with the scenario it was played on', async () => {
    const { module, record, entries } = await loadStoredAttempt(store, stored.id);
    expect(module.definition.id).toBe(stored.attempt.scenario);
    expect(record.id).toBe(stored.id);
    expect(entries).toEqual(stored.attempt.events);
  });

  it('comes with the earlier version it was played on, when the scenario has moved on since', async () => {
    const [trainee] = await store.trainees();
    if (!trainee) throw new Error('not imported');
    const version = findScenario('ltl41-02')?.version ?? 0;
    const older = await store.create('ltl41-02', version - 1, trainee);
    const { module } = await loadStoredAttempt(store, older.id);
    expect(module.definition).toMatchObject({ id: 'ltl41-02', version: version - 1 });
  });

  it('is refused, saying why, when it is not on this device or was played on a version this build lacks', async () => {
    await expect(loadStoredAttempt(store, 'nowhere')).rejects.toThrow(strings.ui.attemptNotFound);
    const [trainee] = await store.trainees();
    if (!trainee) throw new Error('not imported');
    const newer = (findScenario('ltl41-02')?.version ?? 0) + 1;
    const fromNewer = await store.create('ltl41-02', newer, trainee);
    await expect(loadStoredAttempt(store, fromNewer.id)).rejects.toThrow(
      strings.ui.review.cannotReplay(newer),
    );
  });

  it('names a scenario this build does not have', async () => {
    await expect(scenarioModule('ltl41-99')).rejects.toThrow(strings.ui.scenarioNotFound);
  });
});

describe('a what-if', () => {
  it('from a stored attempt keeps its trainee and the events before the chosen point', async () => {
    const reviewed = await loadStoredAttempt(store, stored.id);
    const created = await startWhatIf(store, reviewed, 5, { name: 'Someone Else' });
    const loaded = await store.load(created.id);
    expect(loaded?.entries).toEqual(stored.attempt.events.slice(0, 5));
    expect(loaded?.record).toMatchObject({
      traineeId: reviewed.record.traineeId,
      forkedFrom: { attempt: stored.id, event: 5 },
    });
  });

  it('from a reference attempt is played on by the trainee named in preferences', async () => {
    const { module, historical } = await referenceAttempts('ltl41-02');
    const reviewed = { module, entries: historical.events, reference: 'historical' as const };
    const created = await startWhatIf(store, reviewed, 4, { name: 'PC 7001 Patel' });
    const loaded = await store.load(created.id);
    // The trainee's what-if: the real call's events, without where the sources say each came from.
    const played = historical.events.slice(0, 4).map(({ provenance: _provenance, ...event }) => event);
    expect(played.length).toBe(4);
    expect(historical.events.slice(0, 4).some((event) => event.provenance)).toBe(true);
    expect(loaded?.entries).toEqual(played);
    expect(loaded?.record).toMatchObject({
      trainee: 'PC 7001 Patel',
      forkedFrom: { attempt: 'reference:ltl41-02:historical', event: 4 },
    });
  });
});

describe('a moderation', () => {
  const target = { kind: 'dimension', dimension: 'grading', mark: 40 } as const;

  it('is stored with who made it, when and why, and says so', async () => {
    const at = new Date('2026-11-22T15:00:00Z');
    const notice = await saveModeration(
      store,
      { attemptId: stored.id, supervisor: ' Sgt\u202e Okafor ', target, reason: '  Graded too low.\n' },
      at,
    );
    expect(notice).toEqual({ kind: 'status', text: strings.ui.review.saved });
    expect(await store.moderationsOf(stored.id)).toEqual([
      {
        id: expect.any(String),
        attempt: stored.id,
        supervisor: 'Sgt Okafor',
        at: at.toISOString(),
        target,
        reason: 'Graded too low.',
      },
    ]);
  });

  it('says what is missing, and stores nothing, without a supervisor’s name or a reason', async () => {
    const unnamed = { attemptId: stored.id, supervisor: '  ', target, reason: 'Graded too low.' };
    expect(await saveModeration(store, unnamed)).toEqual({
      kind: 'alert',
      text: strings.ui.supervise.nameNeeded,
    });
    const unreasoned = { ...unnamed, supervisor: 'Sgt Okafor', reason: ' ' };
    expect(await saveModeration(store, unreasoned)).toEqual({
      kind: 'alert',
      text: strings.ui.review.reasonNeeded,
    });
    expect(await store.moderationsOf(stored.id)).toEqual([]);
  });

  it('says a full disk is full', async () => {
    const full = withFullDisk(store, ['addModeration']);
    const moderation = { attemptId: stored.id, supervisor: 'Sgt Okafor', target, reason: 'Graded too low.' };
    expect(await saveModeration(full, moderation)).toEqual({
      kind: 'alert',
      text: strings.ui.storageFailed.full,
    });
  });
});
