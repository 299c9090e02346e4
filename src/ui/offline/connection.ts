/*
 * Whether the network is there, and whether this browser keeps the app for use without it: two small
 * stores for React's useSyncExternalStore, over the browser's online and offline events and the offline
 * worker's registration (src/offline/ builds the worker). Nothing below the UI knows about either: a
 * call is stored on the device as it is played, network or not.
 */
import { useSyncExternalStore } from 'react';
import { WORKER_FILE } from '../../offline/worker-files.ts';

/** The network as the status line tells it; 'back-online' for a while after it returns, then 'online'. */
export type Connection = 'online' | 'offline' | 'back-online';

/** How long "Back online" stays up once the network has returned. */
export const BACK_ONLINE_MS = 8_000;

interface Store<T> {
  get: () => T;
  subscribe: (listener: () => void) => () => void;
}

function store<T>(initial: T): Store<T> & { set: (value: T) => void } {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      listeners.forEach((listener) => listener());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** What the connection store listens to: a window, or a stand-in in tests. */
export interface NetworkEvents {
  readonly navigator: { readonly onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(id: ReturnType<NetworkEvents['setTimeout']>): void;
}

/** Follows the browser's online and offline events from now on. */
export function createConnectionStore(events: NetworkEvents): Store<Connection> {
  const connection = store<Connection>(events.navigator.onLine ? 'online' : 'offline');
  let settle: unknown = null;
  const cancel = () => {
    if (settle !== null) events.clearTimeout(settle);
    settle = null;
  };
  events.addEventListener('offline', () => {
    cancel();
    connection.set('offline');
  });
  events.addEventListener('online', () => {
    cancel();
    if (connection.get() !== 'offline') return;
    connection.set('back-online');
    settle = events.setTimeout(() => {
      settle = null;
      connection.set('online');
    }, BACK_ONLINE_MS);
  });
  return { get: connection.get, subscribe: connection.subscribe };
}

/** The page's connection; at build time (the prerendered home) there is no network to follow. */
const connection: Store<Connection> =
  typeof window === 'undefined' ? store<Connection>('online') : createConnectionStore(window);

export function useConnection(): Connection {
  return useSyncExternalStore(connection.subscribe, connection.get, () => 'online');
}

/**
 * The offline worker's lifecycle, as far as a trainee needs it: 'unavailable' with no worker to speak of
 * (the dev server, an LMS package, a browser without service workers or one that blocks them, or before
 * registering); 'installing' while it fetches the app and the sound; 'ready' once one is active, that is
 * with everything fetched; 'failed' when installing stopped (the network went, or storage was refused):
 * the browser tries again at the next visit.
 */
export type OfflineReadiness = 'unavailable' | 'installing' | 'ready' | 'failed';

const readiness = store<OfflineReadiness>('unavailable');

export function useOfflineReadiness(): OfflineReadiness {
  return useSyncExternalStore(readiness.subscribe, readiness.get, () => 'unavailable');
}

/** Follows a registration to 'ready' or 'failed'. */
export function watchRegistration(
  registration: ServiceWorkerRegistration | undefined,
  set: (value: OfflineReadiness) => void,
): void {
  // A browser (or a test harness) that blocks service workers may answer with nothing at all.
  if (!registration) return set('unavailable');
  if (registration.active) return set('ready');
  const worker = registration.installing ?? registration.waiting;
  if (!worker) return set('failed');
  set('installing');
  worker.addEventListener('statechange', () => {
    if (worker.state === 'activated') set('ready');
    else if (worker.state === 'redundant') set(registration.active ? 'ready' : 'failed');
  });
}

/**
 * Registers the offline worker of a production build, once the page has loaded (its precache download
 * then never competes with the first paint). The caller leaves it out in an LMS package, which has none.
 */
export function registerOfflineWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register(`./${WORKER_FILE}`).then(
      (registration) => watchRegistration(registration, readiness.set),
      () => readiness.set('failed'),
    );
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
