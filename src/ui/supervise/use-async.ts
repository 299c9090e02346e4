import { useCallback, useEffect, useState } from 'react';
import { describeLoadFailure } from '../../services/storage-failure.ts';

export type Async<T> =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/**
 * Runs `load` after first paint and again whenever `key` changes or `reload` is called; a result that
 * arrives after the screen has moved on is dropped, and a failure is kept in words.
 */
export function useAsync<T>(load: () => Promise<T>, key: string): [Async<T>, () => void] {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setResult({ state: 'ready', value }),
      (error: unknown) => current && setResult({ state: 'error', message: describeLoadFailure(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` and `version` say when its answer changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return [result, reload];
}
