/*
 * Services the UI reaches lazily, so their libraries stay out of the first-paint bundle.
 */
import { askToKeepStorage, type Persistence } from '../services/persistence.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';

const leftForNextOpen = (error: unknown) => console.warn('A repair of stored data is left for later:', error);

let store: Promise<AttemptStore> | null = null;
let persistence: Promise<Persistence> | null = null;

/** Whether the browser keeps the trainer's data; asked for the first time storage is opened. */
export function storagePersistence(): Promise<Persistence> {
  persistence ??= askToKeepStorage();
  return persistence;
}

/**
 * The store, once moderations kept from before findings had ids have been upgraded to ids and attempts
 * left in progress with their debrief reached have been finished. Those repairs write: one that storage
 * refuses (a full disk) is left for the next time the store is opened, and reading goes on.
 */
export function attemptStore(): Promise<AttemptStore> {
  void storagePersistence();
  store ??= Promise.all([
    import('../storage/attempt-store.ts'),
    import('../supervision/finding-refs.ts'),
    import('../supervision/stuck-attempts.ts'),
    import('../supervision/catalogue-scenarios.ts'),
  ]).then(
    async ([
      { AttemptStore },
      { upgradeStoredFindingRefs },
      { finishStuckAttempts },
      { catalogueScenarios },
    ]) => {
      const opened = new AttemptStore();
      await upgradeStoredFindingRefs(opened, catalogueScenarios.load).catch(leftForNextOpen);
      await finishStuckAttempts(opened, catalogueScenarios.load).catch(leftForNextOpen);
      return opened;
    },
  );
  return store;
}
