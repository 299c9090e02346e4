import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { describeLoadFailure } from '../../services/storage-failure.ts';

export type Async<T> =
  { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; value: T };

/**
 * Runs `load` after first paint and again whenever `key` changes or `reload` is called; a result that
 * arrives after the screen has moved on to another key is dropped, and a failure is kept in words.
 *
 * `refresh` is for what changes under an open screen (the store version a classroom's sync moves): its
 * change loads again without throwing away a load in flight. A supervisor's cohort takes most of a second
 * to load at 10,000 attempts while the sync may keep things every few hundred milliseconds; dropping the
 * load in flight each time would never show anything new, and starting one each time would pile them up.
 * So a refresh during a load waits for that load to finish, and any number of them make one more load.
 */
export function useAsync<T>(
  load: () => Promise<T>,
  key: string,
  refresh: unknown = null,
): [Async<T>, () => void] {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  const latestLoad = useRef(load);
  const loading = useRef<Load | null>(null);

  useEffect(() => {
    latestLoad.current = load;
  });

  const start = useCallback(() => startLoad(loading, latestLoad, setResult), []);

  useEffect(() => {
    start();
    return () => {
      loading.current = null;
    };
  }, [key, version, start]);

  const seenRefresh = useRef(refresh);
  useEffect(() => {
    if (Object.is(refresh, seenRefresh.current)) return;
    seenRefresh.current = refresh;
    if (loading.current) loading.current.again = true;
    else start();
    // Only a change of `refresh` starts this; `key` changes have their own load above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refresh]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return [result, reload];
}

/** A load in flight; `again` when the store moved while it ran. */
interface Load {
  again: boolean;
}

function startLoad<T>(
  loading: RefObject<Load | null>,
  load: RefObject<() => Promise<T>>,
  show: (result: Async<T>) => void,
): void {
  const run: Load = { again: false };
  loading.current = run;
  const settle = (next: Async<T>) => {
    // Another key (or a reload) took over: its own load says what is shown.
    if (loading.current !== run) return;
    show(next);
    loading.current = null;
    if (run.again) startLoad(loading, load, show);
  };
  load.current().then(
    (value) => settle({ state: 'ready', value }),
    (error: unknown) => settle({ state: 'error', message: describeLoadFailure(error) }),
  );
}
