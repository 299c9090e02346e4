/* A storage failure reaches the screen in words, whichever way the browser or Dexie reports it. */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { strings } from '../../src/strings/en-gb.ts';
import { askToKeepStorage } from '../../src/services/persistence.ts';
import {
  describeLoadFailure,
  describeStorageFailure,
  whyNotStored,
} from '../../src/services/storage-failure.ts';

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

describe('why a call’s event was not stored', () => {
  it('says full, blocked, or the reason given, in a sentence that says what to do', () => {
    const why = strings.ui.notSaved.why;
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(whyNotStored(new Dexie.AbortError('Transaction aborted', quota))).toBe(why.full);
    expect(whyNotStored(new Dexie.MissingAPIError())).toBe(why.blocked);
    expect(whyNotStored(new Error('Disk I/O'))).toBe(why.other('Disk I/O'));
  });
});

describe('asking the browser to keep the trainer’s data', () => {
  const manager = (persisted: boolean, granted: boolean) => ({
    persisted: () => Promise.resolve(persisted),
    persist: () => Promise.resolve(granted),
  });

  it('is persistent when it already was or is granted, best effort when refused', async () => {
    expect(await askToKeepStorage(manager(true, false))).toBe('persistent');
    expect(await askToKeepStorage(manager(false, true))).toBe('persistent');
    expect(await askToKeepStorage(manager(false, false))).toBe('best-effort');
  });

  it('is unknown where the browser cannot be asked, or the asking fails', async () => {
    expect(await askToKeepStorage(undefined)).toBe('unknown');
    const failing = {
      persisted: () => Promise.reject(new Error('insecure context')),
      persist: () => Promise.resolve(true),
    };
    expect(await askToKeepStorage(failing)).toBe('unknown');
  });
});
