/*
 * Whether this device has joined a classroom, and how its sync is going, for every screen. What is
 * remembered (localStorage) is the server, the course and the user, never the password: the server's
 * session cookie is what keeps the device signed in. The sync and PouchDB are loaded only once a
 * classroom is joined (classroom-runner.ts), so a device that never joins never downloads them.
 *
 * Lifecycle: none → (join: signed in) → joined, its sync connecting → online ⇄ offline, or signed-out
 * (sign in again) → (leave) none. A page opened on a joined device resumes the sync (resumeClassroom).
 */
import { useSyncExternalStore } from 'react';
import type { ClassroomPlace, SyncStatus } from '../../services/classroom-sync.ts';
import { readLocal, removeLocal, writeLocal } from '../local-store.ts';
import { loadSupervisorName, saveSupervisorName, saveTraineeName } from '../preferences.ts';

export type ClassroomView =
  | { state: 'none' }
  /** Joined: `status` is null until the sync has loaded and said how it is going. */
  | { state: 'joined'; place: ClassroomPlace; status: SyncStatus | null };

const KEY = 'classroom';
/** Set at the first join and kept after leaving: see `supervisorScreensOpen`. */
const CLASSROOM_DEVICE = 'classroom-device';
const NONE: ClassroomView = { state: 'none' };

/** The classroom this device joined, as remembered; anything else found there is ignored. */
export function joinedClassroom(): ClassroomPlace | null {
  try {
    const value: unknown = JSON.parse(readLocal(KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { server, user, course, role = 'trainee' } = value as Record<string, unknown>;
    if (typeof server !== 'string' || !/^https?:\/\/.+\/$/.test(server)) return null;
    if (typeof user !== 'string' || !user || typeof course !== 'string' || !course) return null;
    if (role !== 'trainee' && role !== 'supervisor') return null;
    return { server, user, course, role };
  } catch {
    return null;
  }
}

let view: ClassroomView = NONE;
const listeners = new Set<() => void>();
const show = (next: ClassroomView) => {
  view = next;
  listeners.forEach((listener) => listener());
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The running sync, once loaded. */
let running: Promise<{ stop(): Promise<void> }> | null = null;

function run(place: ClassroomPlace): void {
  show({ state: 'joined', place, status: null });
  running = import('./classroom-runner.ts').then(({ runClassroomSync }) =>
    runClassroomSync(place, (status) => {
      if (view.state === 'joined' && view.place === place) show({ state: 'joined', place, status });
    }),
  );
  running.catch((error: unknown) =>
    show({
      state: 'joined',
      place,
      status: {
        state: 'failed',
        waiting: 0,
        refused: 0,
        notKept: 0,
        problem: error instanceof Error ? error.message : String(error),
      },
    }),
  );
}

async function stopRunning(): Promise<void> {
  const stopping = running;
  running = null;
  await stopping?.then((sync) => sync.stop()).catch(() => undefined);
}

/** Starts the sync of a device that joined a classroom before this page was opened; once per page. */
export function resumeClassroom(): void {
  const place = joinedClassroom();
  if (place && !running) run(place);
}

/**
 * Signs in and, if the server takes the sign-in, joins (or, signed out, rejoins) its classroom: new
 * attempts are then the classroom user's. Returns null, or what went wrong in words.
 */
export async function joinClassroom(server: string, user: string, password: string): Promise<string | null> {
  const { signIn } = await import('./classroom-runner.ts');
  const result = await signIn(server, user, password);
  if (!result.ok) return result.message;
  await stopRunning();
  writeLocal(KEY, JSON.stringify(result.place));
  writeLocal(CLASSROOM_DEVICE, result.place.server);
  // Moderations and marks record who made them: on a supervisor's device, the signed-in supervisor.
  if (result.place.role === 'supervisor') saveSupervisorName(result.place.user);
  else saveTraineeName(result.place.user);
  run(result.place);
  return null;
}

/**
 * Whether this device may open the supervisor screens (model answers, other trainees' attempts,
 * moderation): when signed in to a classroom as a supervisor, or on a device that has never joined one —
 * a trainer's own machine, used with bundles. A trainee's session never may, and leaving the classroom
 * does not open them: a device that has joined one needs a supervisor's sign-in from then on. What this
 * guards is the screens; what a trainee's credentials can read or write, the server itself enforces.
 */
export function supervisorScreensOpen(): boolean {
  const place = joinedClassroom();
  if (place) return place.role === 'supervisor';
  return readLocal(CLASSROOM_DEVICE) === null;
}

/** Who moderations and marks are recorded as: the signed-in supervisor, or the name typed on this device. */
export function supervisorName(): string {
  const place = joinedClassroom();
  return place?.role === 'supervisor' ? place.user : loadSupervisorName();
}

/** Stops the sync and forgets the classroom; every attempt stays on this device. */
export async function leaveClassroom(): Promise<void> {
  const place = joinedClassroom();
  removeLocal(KEY);
  show(NONE);
  await stopRunning();
  if (place) {
    const { signOut } = await import('./classroom-runner.ts');
    await signOut(place.server);
  }
}

/** `supervisorScreensOpen`, kept current; open while the prerendered page is adopted (it has no such screen). */
export function useSupervisorScreensOpen(): boolean {
  return useSyncExternalStore(subscribe, supervisorScreensOpen, () => true);
}

/** The classroom and its sync, kept current; 'none' while the prerendered home is adopted. */
export function useClassroom(): ClassroomView {
  return useSyncExternalStore(
    subscribe,
    () => view,
    () => NONE,
  );
}
