/* A storage failure reaches the screen in words, whichever way the browser or Dexie reports it. */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { strings } from '../../src/strings/en-gb.ts';
import { describeLoadFailure, describeStorageFailure } from '../../src/services/storage-failure.ts';

const failed = strings.ui.storageFailed;

describe('a change that was not stored', () => {
  it('says a full disk is full, whether the browser or Dexie reports it', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(describeStorageFailure(quota)).toBe(failed.full);
    expect(describeStorageFailure(new Dexie.AbortError('Transaction aborted', quota))).toBe(failed.full);
  });

  it('says storage is blocked when there is no IndexedDB or the browser refuses it', () => {
    expect(describeStorageFailure(new Dexie.MissingAPIError())).toBe(failed.blocked);
    expect(describeStorageFailure(new DOMException('no', 'SecurityError'))).toBe(failed.blocked);
  });

  it('passes on any other reason in a sentence that says nothing was changed', () => {
    expect(describeStorageFailure(new Dexie.ConstraintError('Key already exists'))).toBe(
      failed.other('Key already exists'),
    );
  });
});

describe('a screen that could not be loaded', () => {
  it('says storage is unavailable when the browser keeps no data, however Dexie wraps it', () => {
    expect(describeLoadFailure(new Dexie.MissingAPIError())).toBe(strings.ui.storageUnavailable);
    const refused = new DOMException('A mutation operation was attempted', 'InvalidStateError');
    expect(describeLoadFailure(new Dexie.OpenFailedError(refused))).toBe(strings.ui.storageUnavailable);
  });

  it('passes on a reason already in words', () => {
    expect(describeLoadFailure(new Error(strings.ui.attemptNotFound))).toBe(strings.ui.attemptNotFound);
  });
});
