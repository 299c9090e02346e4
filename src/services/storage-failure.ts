/*
 * A storage failure in words a trainee or supervisor can act on, whichever way the browser or Dexie
 * reports it (Dexie wraps the browser's error as `inner`).
 */
import { strings } from '../strings/en-gb.ts';

const failed = strings.ui.storageFailed;

function isNamed(error: unknown, names: readonly string[]): boolean {
  const name = error instanceof Error ? error.name : '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  return names.some((n) => n === name || n === inner);
}

/** The browser keeps no data for this site: no IndexedDB, or it is refused (private windows). */
const isBlocked = (error: unknown) =>
  isNamed(error, ['MissingAPIError', 'InvalidStateError', 'SecurityError']);

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Why a change was not stored. */
export function describeStorageFailure(error: unknown): string {
  if (isNamed(error, ['QuotaExceededError'])) return failed.full;
  if (isBlocked(error)) return failed.blocked;
  return failed.other(reasonOf(error));
}

/** Why storage did not keep a call's event, in a sentence that ends with what to do about it. */
export function whyNotStored(error: unknown): string {
  const why = strings.ui.notSaved.why;
  if (isNamed(error, ['QuotaExceededError'])) return why.full;
  if (isBlocked(error)) return why.blocked;
  return why.other(reasonOf(error));
}

/**
 * Why a screen could not be loaded: storage the browser refuses is said so; any other reason (an attempt
 * not on this device, a scenario this build lacks) is already in words and passed on.
 */
export function describeLoadFailure(error: unknown): string {
  return isBlocked(error) ? strings.ui.storageUnavailable : reasonOf(error);
}
