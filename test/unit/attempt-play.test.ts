/*
 * Starting, loading and finishing an attempt, without the attempt page, over a real store
 * (fake-indexeddb stands in for the browser's IndexedDB).
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findScenario } from '../../scenarios/catalogue.ts';
import { initialSnapshot } from '../../src/engine/replay.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { loadAttemptToPlay, playLog, startAttempt } from '../../src/services/attempt-play.ts';
import { AttemptStore } from '../../src/storage/attempt-store.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { catalogueScenarios } from '../../src/supervision/catalogue-scenarios.ts';
import { summariseScore } from '../../src/supervision/score-summary.ts';
import { finishStuckAttempts } from '../../src/supervision/stuck-attempts.ts';
import { referenceAttempts } from '../fixtures/sample-bundle.ts';
import { writeLog } from '../fixtures/write-log.ts';

const scenario = findScenario('ltl41-02');
if (!scenario) throw new Error('no scenario ltl41-02');

let store: AttemptStore;
let dbCount = 0;
beforeEach(() => {
  store = new AttemptStore(`attempt-play-${++dbCount}`);
});
afterEach(() => store.close());

describe('starting an attempt', () => {
  it('files it under the trainee of that name, however it was typed, on the chosen course', async () => {
    const trainee = await store.traineeNamed('PC 4471 Shah');
    const record = await startAttempt(store, scenario, { name: '  pc 4471 SHAH ' }, 'intake-12');
    expect(record).toMatchObject({
      scenario: 'ltl41-02',
      scenarioVersion: scenario.version,
      traineeId: trainee.id,
      course: 'intake-12',
      status: 'in-progress',
      eventCount: 0,
    });
    expect(await store.trainees()).toHaveLength(1);
  });

  it('files an LMS learner under their account: two learners of one name are two trainees, and a typed name a third', async () => {
    const first = await startAttempt(store, scenario, { name: 'J Smith', account: 'lms:4471' }, 'intake-12');
    const again = await startAttempt(store, scenario, { name: 'J Smith', account: 'lms:4471' }, 'intake-12');
    const second = await startAttempt(store, scenario, { name: 'J Smith', account: 'lms:5120' }, 'intake-12');
    const typed = await startAttempt(store, scenario, { name: 'J Smith' });
    expect(again.traineeId).toBe(first.traineeId);
    expect(new Set([first.traineeId, second.traineeId, typed.traineeId]).size).toBe(3);
    expect((await store.trainees()).map((t) => t.name)).toEqual(['J Smith', 'J Smith', 'J Smith']);
    expect((await store.traineeWithAccount('lms:5120', 'J Smith'))?.id).toBe(second.traineeId);
    expect(await store.traineeWithAccount('lms:9999', 'Someone Else')).toBeUndefined();
  });

  it('gives a learner back what was filed under their name before learners were known by account, once', async () => {
    const before = await startAttempt(store, scenario, { name: 'J Smith' }, 'intake-12');
    const back = await store.traineeWithAccount('lms:4471', 'J Smith');
    expect(back?.id).toBe(before.traineeId);
    const next = await startAttempt(store, scenario, { name: 'J Smith', account: 'lms:4471' }, 'intake-12');
    expect(next.traineeId).toBe(before.traineeId);
    // Taken over: a namesake who comes later is someone new.
    const namesake = await startAttempt(store, scenario, { name: 'J Smith', account: 'lms:5120' });
    expect(namesake.traineeId).not.toBe(before.traineeId);
    expect(await store.trainees()).toHaveLength(2);
  });
});

describe('loading an attempt to play on', () => {
  it('brings its scenario and events, and whether its course shows the menu', async () => {
    await store.saveCourse({
      id: 'first-week',
      title: 'First week',
      scenarios: [],
      trainees: [],
      assisted: true,
    });
    const assisted = await startAttempt(store, scenario, { name: 'PC 4471 Shah' }, 'first-week');
    const unassisted = await startAttempt(store, scenario, { name: 'PC 4471 Shah' });
    const { module } = await referenceAttempts('ltl41-02');
    await playLog(store, assisted.id, module).append(
      { type: 'trainee.start', at: 0 },
      0,
      initialSnapshot(module.machine),
    );
    const loaded = await loadAttemptToPlay(store, assisted.id);
    expect(loaded.scenario.definition.id).toBe('ltl41-02');
    expect(loaded.entries).toEqual([{ type: 'trainee.start', at: 0 }]);
    expect(loaded.assisted).toBe(true);
    expect((await loadAttemptToPlay(store, unassisted.id)).assisted).toBe(false);
  });

  it('says why not when the attempt is not on this device or its scenario is not in this build', async () => {
    await expect(loadAttemptToPlay(store, 'nowhere')).rejects.toThrow(strings.ui.attemptNotFound);
    const trainee = await store.traineeNamed('PC 4471 Shah');
    const gone = await store.create('ltl41-99', 1, trainee);
    await expect(loadAttemptToPlay(store, gone.id)).rejects.toThrow(strings.ui.scenarioNotFound);
  });
});

describe('finishing an attempt', () => {
  it('is stored with the event that reaches the debrief, with the machine’s marks for the call as it ended', async () => {
    const { module, model } = await referenceAttempts('ltl41-02');
    const record = await startAttempt(store, scenario, { name: 'PC 4471 Shah' });
    const log = playLog(store, record.id, module);
    const last = model.events.length - 1;
    await writeLog(log, module.machine, model.events.slice(0, last));
    // One event short of the debrief: still in progress, no marks.
    expect((await store.load(record.id))?.record).toMatchObject({ status: 'in-progress', eventCount: last });
    expect((await store.load(record.id))?.record.score).toBeUndefined();

    await writeLog(log, module.machine, model.events, { from: last });
    expect((await store.load(record.id))?.record).toMatchObject({
      status: 'finished',
      eventCount: model.events.length,
      score: summariseScore(scoreAttempt(module, model)),
    });
  });
});

describe('an attempt an older build left in progress with its debrief reached', () => {
  it('is finished when storage opens, with its marks; one still being played is left as it is', async () => {
    const { module, model } = await referenceAttempts('ltl41-02');
    // Older builds stored the events first and the finishing in a second write the page could miss.
    const stuck = await startAttempt(store, scenario, { name: 'PC 4471 Shah' });
    const neverFinishing = store.logFor(stuck.id, () => summariseScore(scoreAttempt(module, model)));
    const notAtDebrief = initialSnapshot(module.machine);
    for (const [index, entry] of model.events.entries())
      await neverFinishing.append(entry, index, notAtDebrief);
    const playing = await startAttempt(store, scenario, { name: 'PC 5120 Cole' });
    await writeLog(playLog(store, playing.id, module), module.machine, model.events.slice(0, 5));
    expect((await store.load(stuck.id))?.record.status).toBe('in-progress');

    expect(await finishStuckAttempts(store, catalogueScenarios.load)).toBe(1);
    expect((await store.load(stuck.id))?.record).toMatchObject({
      status: 'finished',
      score: summariseScore(scoreAttempt(module, model)),
    });
    expect((await store.load(playing.id))?.record).toMatchObject({ status: 'in-progress', eventCount: 5 });
    expect(await finishStuckAttempts(store, catalogueScenarios.load)).toBe(0);
  });
});
