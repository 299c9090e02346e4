/*
 * The classroom's document ids: made from what a document is, read back to the same, sorted in event
 * order, and refused when a part would make them ambiguous; names folded to what CouchDB accepts.
 */
import { describe, expect, it } from 'vitest';
import {
  attemptDocId,
  courseIdOf,
  eventDocId,
  finishedDocId,
  moderationDocId,
  parseDocId,
  slug,
  traineeDatabase,
} from '../../src/sync/documents.ts';

describe('document ids', () => {
  it('are read back as what they were made from', () => {
    expect(parseDocId(attemptDocId('a1'))).toEqual({ type: 'attempt', attempt: 'a1' });
    expect(parseDocId(eventDocId('a1', 42))).toEqual({ type: 'attempt-event', attempt: 'a1', seq: 42 });
    expect(parseDocId(finishedDocId('a1'))).toEqual({ type: 'attempt-finished', attempt: 'a1' });
    expect(parseDocId(moderationDocId('m1'))).toEqual({ type: 'moderation', id: 'm1' });
    expect(parseDocId('attempt:a1:event:42')).toBeUndefined();
    expect(parseDocId('something')).toBeUndefined();
  });

  it('sort events in their order', () => {
    const ids = [10, 2, 999_999, 0].map((seq) => eventDocId('a1', seq));
    expect([...ids].sort()).toEqual([0, 2, 10, 999_999].map((seq) => eventDocId('a1', seq)));
  });

  it('refuse parts that would make an id ambiguous', () => {
    expect(() => attemptDocId('a:1')).toThrow(/cannot be part/);
    expect(() => attemptDocId('')).toThrow(/cannot be part/);
    expect(() => eventDocId('a1', 1_000_000)).toThrow(/below/);
    expect(() => eventDocId('a1', 1.5)).toThrow(/whole number/);
  });
});

describe('names', () => {
  it('fold to what a CouchDB database or user name takes', () => {
    expect(slug('Siân Jones')).toBe('sian-jones');
    expect(slug('  PC 4521 ')).toBe('pc-4521');
    expect(slug('***')).toBe('');
    expect(courseIdOf('2027 Intake')).toBe('c-2027-intake');
    expect(traineeDatabase(courseIdOf('Academy: Jan 2027'), slug("D'Arcy"))).toBe(
      'academy-jan-2027-t-d-arcy',
    );
    expect(() => courseIdOf('!!!')).toThrow(/no letters or digits/);
  });
});
