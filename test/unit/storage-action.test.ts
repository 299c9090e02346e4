/* A storage failure reaches the supervisor in words, whichever way the browser or Dexie reports it. */
import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { strings } from '../../src/strings/en-gb.ts';
import { describeStorageFailure } from '../../src/ui/supervise/storage-action.ts';

const failed = strings.ui.storageFailed;

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
