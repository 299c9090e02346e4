/*
 * Whether the browser will keep the trainer's data. Unless it has agreed to (persistent storage), a
 * browser may clear a site's IndexedDB when the device runs short of space, taking every attempt with
 * it; the supervisor, who holds a cohort's results on the device, is told which it is.
 */
export type Persistence = 'persistent' | 'best-effort' | 'unknown';

/**
 * Asks the browser to keep this site's data, once it is known whether it already does. `storage` is
 * the browser's storage manager (absent in older browsers and outside a secure context).
 */
export async function askToKeepStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage,
): Promise<Persistence> {
  if (!storage || typeof storage.persist !== 'function') return 'unknown';
  try {
    if (await storage.persisted()) return 'persistent';
    return (await storage.persist()) ? 'persistent' : 'best-effort';
  } catch {
    return 'unknown';
  }
}
