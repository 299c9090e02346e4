/*
 * Services the UI reaches lazily, so their libraries stay out of the first-paint bundle.
 */
import type { AttemptStore } from '../storage/attempt-store.ts';

let store: Promise<AttemptStore> | null = null;

/**
 * The store, once moderations kept from before findings had ids have been upgraded to ids and attempts
 * left in progress with their debrief reached have been finished.
 */
export function attemptStore(): Promise<AttemptStore> {
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
      await upgradeStoredFindingRefs(opened, catalogueScenarios.load);
      await finishStuckAttempts(opened, catalogueScenarios.load);
      return opened;
    },
  );
  return store;
}
