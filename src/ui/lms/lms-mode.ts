/*
 * Whether the app runs as an LMS package, and the LMS session if so. main.tsx starts the session before
 * the first render (src/lms/launch.ts), so every screen knows from its first paint; outside a package
 * there is none and the app is as it always was.
 */
import { useSyncExternalStore } from 'react';
import type { LmsSession, LmsState } from '../../lms/session.ts';

let current: LmsSession | null = null;

export function setLmsSession(session: LmsSession): void {
  current = session;
}

/** The session of a package's page, or null outside a package. */
export const lmsSession = (): LmsSession | null => current;

const noSession = () => () => {};
const nothing = () => null;

/** The LMS session's state, kept current; null outside a package. */
export function useLms(): LmsState | null {
  return useSyncExternalStore(
    current ? current.subscribe : noSession,
    current ? current.getSnapshot : nothing,
    nothing,
  );
}
