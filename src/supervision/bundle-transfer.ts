import type { TableStore } from '../records/tables.ts';
import { readBundle, replayableHere, type Bundle, type BundleAttempt } from './bundle.ts';
import { exportStoredBundle, importVerifiedBundle, type ImportResult } from './bundle-merge.ts';
import { catalogueScenarios } from './catalogue-scenarios.ts';

/**
 * Reads a bundle (JSON text or a parsed value), checks all of it, then stores it in one transaction.
 * Rejects with a BundleFormatError, storing nothing, if any part of it is wrong.
 */
export async function importBundle(
  store: TableStore,
  input: unknown,
  scenarios = catalogueScenarios,
): Promise<ImportResult> {
  return importVerifiedBundle(store, await readBundle(input, scenarios));
}

/**
 * Everything stored (or one trainee's part) as a bundle another machine with this build will import.
 * Attempts on scenario versions this build does not have are left out and returned, to be reported;
 * they stay on this device.
 */
export async function exportBundle(
  store: TableStore,
  only?: { trainee: string },
  scenarios = catalogueScenarios,
): Promise<{ bundle: Bundle; leftOut: BundleAttempt[] }> {
  return replayableHere(await exportStoredBundle(store, only), scenarios.has);
}
