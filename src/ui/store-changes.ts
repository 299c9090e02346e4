/*
 * The app's store changes under an open screen when a classroom's sync keeps what arrived from the
 * server: a moderation of the trainee's attempt, or, on a supervisor's device, the course's attempts as
 * they are played. Screens that read the store take `useStoreVersion()` into what they load by, so they
 * load again when it moves; what the device itself writes, screens already know about.
 */
import { useSyncExternalStore } from 'react';
import type { KeptChange } from '../services/supervisor-sync.ts';

let version = 0;
/** Moves only for `results`: what is more than play in progress. */
let resultsVersion = 0;
const listeners = new Set<() => void>();

/**
 * Says that the sync kept something new in the store: `progress` when it was only more of attempts still
 * being played (a supervisor's device takes a trainee's attempt in several pieces as it is played),
 * `results` otherwise.
 */
export function announceStoreChange(change: KeptChange = 'results'): void {
  version++;
  if (change === 'results') resultsVersion++;
  listeners.forEach((listener) => listener());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * A number that moves each time the sync has kept something new in the store; with `'results'`, only
 * when that was more than play in progress: for a screen that shows finished attempts only (the cohort),
 * which would otherwise load 10,000 attempts again for every piece of an attempt still being played.
 */
export function useStoreVersion(of: 'any' | 'results' = 'any'): number {
  return useSyncExternalStore(
    subscribe,
    () => (of === 'results' ? resultsVersion : version),
    () => 0,
  );
}
