/*
 * Offline: the status line's connection follows the browser's online and offline events ("Back online"
 * for a while, then nothing); the offline worker's registration is followed to ready or failed; and the
 * precache manifest is read back from a built worker's source, as the benchmark weighs it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { precacheUrls } from '../../src/offline/worker-files.ts';
import {
  BACK_ONLINE_MS,
  createConnectionStore,
  watchRegistration,
  type NetworkEvents,
  type OfflineReadiness,
} from '../../src/ui/offline/connection.ts';

/** A window as far as the connection store sees one, its network switched by the test. */
function fakeNetwork(onLine: boolean) {
  const target = new EventTarget();
  const network = {
    navigator: { onLine },
    addEventListener: (type: 'online' | 'offline', listener: () => void) =>
      target.addEventListener(type, listener),
    setTimeout: (handler: () => void, ms: number) => setTimeout(handler, ms),
    clearTimeout: (id: unknown) => clearTimeout(id as ReturnType<typeof setTimeout>),
    go(online: boolean) {
      network.navigator.onLine = online;
      target.dispatchEvent(new Event(online ? 'online' : 'offline'));
    },
  } satisfies NetworkEvents & { go: (online: boolean) => void };
  return network;
}

describe('the connection the status line shows', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts as the browser says, goes offline, is back online for a while, then says nothing', () => {
    const network = fakeNetwork(true);
    const store = createConnectionStore(network);
    const seen: string[] = [];
    store.subscribe(() => seen.push(store.get()));
    expect(store.get()).toBe('online');
    network.go(false);
    expect(store.get()).toBe('offline');
    network.go(true);
    expect(store.get()).toBe('back-online');
    vi.advanceTimersByTime(BACK_ONLINE_MS - 1);
    expect(store.get()).toBe('back-online');
    vi.advanceTimersByTime(1);
    expect(store.get()).toBe('online');
    expect(seen).toEqual(['offline', 'back-online', 'online']);
  });

  it('opens offline when the page loads without a network, and a second drop cancels "Back online"', () => {
    const network = fakeNetwork(false);
    const store = createConnectionStore(network);
    expect(store.get()).toBe('offline');
    network.go(true);
    vi.advanceTimersByTime(BACK_ONLINE_MS / 2);
    network.go(false);
    vi.advanceTimersByTime(BACK_ONLINE_MS);
    expect(store.get()).toBe('offline');
  });

  it('does not say "Back online" to a page that was never offline', () => {
    const network = fakeNetwork(true);
    const store = createConnectionStore(network);
    network.go(true);
    expect(store.get()).toBe('online');
  });
});

/** A registration as the browser hands it over, with a worker whose state the test moves on. */
function fakeRegistration(states: { active?: boolean; installing?: boolean }) {
  const worker = Object.assign(new EventTarget(), { state: 'installing' as ServiceWorkerState });
  const registration = {
    active: states.active ? {} : null,
    installing: states.installing ? worker : null,
    waiting: null,
  };
  const move = (state: ServiceWorkerState, active = false) => {
    worker.state = state;
    if (active) registration.active = {};
    worker.dispatchEvent(new Event('statechange'));
  };
  return { registration: registration as unknown as ServiceWorkerRegistration, move };
}

describe('the offline worker’s readiness', () => {
  const follow = (registration: ServiceWorkerRegistration | undefined) => {
    const seen: OfflineReadiness[] = [];
    watchRegistration(registration, (value) => seen.push(value));
    return seen;
  };

  it('is ready at once when a worker is already active (a later visit)', () => {
    expect(follow(fakeRegistration({ active: true, installing: true }).registration)).toEqual(['ready']);
  });

  it('installs, then is ready when the worker activates (everything fetched)', () => {
    const { registration, move } = fakeRegistration({ installing: true });
    const seen = follow(registration);
    move('installed');
    move('activating');
    move('activated', true);
    expect(seen).toEqual(['installing', 'ready']);
  });

  it('failed when the first install stops (the network went, storage refused)', () => {
    const { registration, move } = fakeRegistration({ installing: true });
    const seen = follow(registration);
    move('redundant');
    expect(seen).toEqual(['installing', 'failed']);
  });

  it('says nothing when registering is blocked and answers with nothing', () => {
    expect(follow(undefined)).toEqual(['unavailable']);
  });
});

describe('the precache manifest, read from a built worker', () => {
  it('lists each entry’s URL, whatever the revision', () => {
    const source =
      'e.precacheAndRoute([{url:"index.html",revision:"3f2a"},{url:"assets/index-Bx1.js",revision:null},' +
      '{"url":"assets/opening-C9.ogg","revision":null}],{});e.registerRoute(/\\.mp3$/,new n({cacheName:"x"}))';
    expect(precacheUrls(source)).toEqual(['index.html', 'assets/index-Bx1.js', 'assets/opening-C9.ogg']);
  });
});
