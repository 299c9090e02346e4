import { readBundle } from '../supervision/bundle.ts';
import { catalogueScenarios } from '../supervision/catalogue-scenarios.ts';
import type { AttemptStore, ImportResult } from './attempt-store.ts';

/**
 * Reads a bundle (JSON text or a parsed value), checks all of it, then stores it in one transaction.
 * Rejects with a BundleFormatError, storing nothing, if any part of it is wrong.
 */
export async function importBundle(
  store: AttemptStore,
  input: unknown,
  scenarios = catalogueScenarios,
): Promise<ImportResult> {
  return store.importBundle(await readBundle(input, scenarios));
}
