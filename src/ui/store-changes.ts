/*
 * The app's store changes under an open screen when a classroom's sync keeps what arrived from the
 * server: a moderation of the trainee's attempt, or, on a supervisor's device, the course's attempts as
 * they are played. Screens that read the store take `useStoreVersion()` into what they load by, so they
 * load again when it moves; what the device itself writes, screens already know about.
 */
import { useSyncExternalStore } from 'react';

let version = 0;
const listeners = new Set<() => void>();

/** Says that the sync kept something new in the store. */
export function announceStoreChange(): void {
  version++;
  listeners.forEach((listener) => listener());
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** A number that moves each time the sync has kept something new in the store. */
export function useStoreVersion(): number {
  return useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
}
