/*
 * A change a supervisor makes to what is stored (a trainee deleted, a course saved) either happens or
 * says plainly why it did not: no rejected promise is dropped on the floor.
 */
import { useCallback, useState } from 'react';
import { strings } from '../../strings/en-gb.ts';

const failed = strings.ui.storageFailed;

/** A storage failure in words a supervisor can act on. */
export function describeStorageFailure(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if ([name, inner].includes('QuotaExceededError')) return failed.full;
  if (['MissingAPIError', 'InvalidStateError', 'SecurityError'].some((n) => n === name || n === inner))
    return failed.blocked;
  return failed.other(error instanceof Error ? error.message : String(error));
}

/**
 * Returns the last failure (empty when none) and `run`, which performs a storage change and then `done`,
 * or records why it failed.
 */
export function useStorageAction(): [string, (work: () => Promise<unknown>, done?: () => void) => void] {
  const [failure, setFailure] = useState('');
  const run = useCallback((work: () => Promise<unknown>, done?: () => void) => {
    setFailure('');
    work().then(
      () => done?.(),
      (error: unknown) => setFailure(describeStorageFailure(error)),
    );
  }, []);
  return [failure, run];
}
