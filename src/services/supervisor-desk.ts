/*
 * The supervisor screen's work without the screen: what it lists, and bundles in and out with what to
 * say about them. The bundle code (its schema, replay and scoring) is loaded only when a bundle moves.
 */
import type { Course, Trainee } from '../records/records.ts';
import type { AttemptRecord } from '../records/tables.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';
import { strings } from '../strings/en-gb.ts';
import type { Bundle } from '../supervision/bundle.ts';
import type { ImportResult } from '../supervision/bundle-merge.ts';
import type { Notice } from './notice.ts';
import { describeStorageFailure } from './storage-failure.ts';

const s = strings.ui.supervise;

export interface SupervisorDesk {
  trainees: Trainee[];
  courses: Course[];
  /** Newest first. */
  attempts: AttemptRecord[];
}

export async function loadSupervisorDesk(store: AttemptStore): Promise<SupervisorDesk> {
  const [trainees, courses, attempts] = await Promise.all([store.trainees(), store.courses(), store.list()]);
  return { trainees, courses, attempts };
}

/** What an import added and recognised, in a sentence. */
export function describeImport(result: ImportResult): string {
  const added = (Object.keys(result.added) as (keyof ImportResult['added'])[])
    .filter((kind) => result.added[kind] > 0)
    .map((kind) => s.counts[kind](result.added[kind]));
  return s.imported(added.length > 0 ? added.join(', ') : s.nothingNew, result.duplicates);
}

/**
 * Imports a bundle file, all or nothing, and says what happened: what was added, why the bundle was
 * refused, or why it could not be stored.
 */
export async function importBundleFile(store: AttemptStore, file: Pick<Blob, 'text'>): Promise<Notice> {
  try {
    const { importBundle } = await import('../supervision/bundle-transfer.ts');
    return { kind: 'status', text: describeImport(await importBundle(store, await file.text())) };
  } catch (error) {
    // A refused bundle says why in one line (BundleFormatError); anything else is the storage failing.
    const refused = error instanceof Error && error.name === 'BundleFormatError';
    return { kind: 'alert', text: refused ? s.importRefused(error.message) : describeStorageFailure(error) };
  }
}

const bundleFileName = (what: string, when: Date) =>
  `control-room-trainer-${what}-${when.toISOString().slice(0, 10)}.json`;

/**
 * A bundle of everything, or of one trainee, with the name to save it under and a sentence saying what
 * it holds and what was left out. Rejects if the store cannot be read.
 */
export async function exportBundleFile(
  store: AttemptStore,
  only?: { trainee: string },
  when = new Date(),
): Promise<{ bundle: Bundle; fileName: string; summary: string }> {
  const { exportBundle } = await import('../supervision/bundle-transfer.ts');
  const { bundle, leftOut } = await exportBundle(store, only);
  return {
    bundle,
    fileName: bundleFileName(only ? `trainee-${only.trainee}` : 'bundle', when),
    summary: s.exported(bundle.attempts.length, leftOut.length),
  };
}
