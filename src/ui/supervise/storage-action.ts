/*
 * A change a supervisor makes to what is stored (a trainee deleted, a course saved) either happens or
 * says plainly why it did not: no rejected promise is dropped on the floor.
 */
import { useCallback, useState } from 'react';
import { describeStorageFailure } from '../../services/storage-failure.ts';

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
