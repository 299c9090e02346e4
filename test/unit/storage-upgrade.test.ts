/*
 * A browser that stored attempts with the first version of the database keeps them: each trainee name
 * typed on an attempt becomes one trainee profile. fake-indexeddb stands in for the browser's IndexedDB.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { AttemptStore } from '../../src/storage/attempt-store.ts';

it('turns version 1 attempts into attempts of trainee profiles, one per name', async () => {
  const name = 'upgrade-test';
  const old = new Dexie(name);
  old
    .version(1)
    .stores({ attempts: 'id, scenario, startedAt, status', events: '[attemptId+seq], attemptId' });
  const attempt = (id: string, trainee: string) => ({
    id,
    scenario: 'ltl41-02',
    scenarioVersion: 3,
    trainee,
    startedAt: `2026-11-0${id}T10:00:00Z`,
    updatedAt: `2026-11-0${id}T10:00:00Z`,
    status: 'in-progress',
    eventCount: 1,
  });
  await old
    .table('attempts')
    .bulkAdd([attempt('1', 'PC Shah'), attempt('2', 'pc shah '), attempt('3', 'PC Cole')]);
  await old.table('events').add({ attemptId: '1', seq: 0, entry: { type: 'trainee.start', at: 0 } });
  old.close();

  const store = new AttemptStore(name);
  const trainees = await store.trainees();
  expect(trainees.map((t) => t.name)).toEqual(['PC Cole', 'PC Shah']);
  const attempts = await store.list();
  const shah = trainees.find((t) => t.name === 'PC Shah')?.id;
  expect(
    attempts
      .filter((a) => a.traineeId === shah)
      .map((a) => a.id)
      .sort(),
  ).toEqual(['1', '2']);
  // Played with every question on a menu: read as format 2 with assisted mode on, like attempt files.
  expect((await store.load('1'))?.entries).toEqual([{ type: 'trainee.start', assisted: true, at: 0 }]);
  store.close();
});
