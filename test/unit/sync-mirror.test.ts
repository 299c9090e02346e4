/*
 * The mirror's arithmetic, in Node with no database: which attempts a device sends, what the mirror
 * lacks of each, the documents that fill it (the same ones however often they are made), how many
 * attempts wait for the server, and which received documents are kept.
 */
import { describe, expect, it } from 'vitest';
import type { AttemptEntry } from '../../src/engine/attempt.ts';
import {
  attemptDoc,
  courseDoc,
  eventDoc,
  finishedDocId,
  moderationDoc,
  traineeDoc,
} from '../../src/sync/documents.ts';
import {
  attemptGaps,
  attemptsToSync,
  attemptsWaiting,
  classroomRole,
  docsForGap,
  isReceivedDoc,
  isSentDoc,
  mirroredAttempts,
  noteMirrored,
  receivedDoc,
  type ClassroomIdentity,
} from '../../src/sync/mirror.ts';
import { fakeAttemptRecord, fakeScore } from '../fixtures/builders.ts';

const identity: ClassroomIdentity = { course: 'smoke', user: 'a' };
const entries: AttemptEntry[] = [
  { type: 'trainee.start', at: 0 },
  { type: 'trainee.answer', at: 4 },
  { type: 'trainee.endCall', at: 60 },
];

describe('who signs in', () => {
  it('is a trainee of the course their role names, a supervisor, or neither', () => {
    expect(classroomRole(['trainee-smoke'])).toEqual({ role: 'trainee', course: 'smoke' });
    expect(classroomRole(['trainee-zeta', 'trainee-alpha'])).toEqual({ role: 'trainee', course: 'alpha' });
    expect(classroomRole(['supervisor-smoke'])).toEqual({ role: 'supervisor', course: 'smoke' });
    expect(classroomRole(['supervisor-zeta', 'supervisor-alpha'])).toEqual({
      role: 'supervisor',
      course: 'alpha',
    });
    expect(classroomRole(['supervisor-'])).toEqual({ role: 'none' });
    expect(classroomRole(['_admin', 'trainee-'])).toEqual({ role: 'none' });
  });
});

describe('which attempts a device sends', () => {
  it("is the signed-in trainee's attempts on the classroom's course, and no others", () => {
    const records = [
      fakeAttemptRecord({ id: 'mine' }),
      fakeAttemptRecord({ id: 'other-course', course: 'cpd' }),
      fakeAttemptRecord({ id: 'no-course', course: undefined }),
      fakeAttemptRecord({ id: 'someone-else', traineeId: 't-b' }),
      fakeAttemptRecord({ id: 'bad:id' }),
    ];
    expect(attemptsToSync(records, identity, 't-a').map((r) => r.id)).toEqual(['mine']);
  });
});

describe('what the mirror lacks', () => {
  it('is everything of an attempt it has never seen, the finish once marks are kept', () => {
    const record = fakeAttemptRecord({ eventCount: 3 });
    expect(attemptGaps([record], new Map())).toEqual([
      { attempt: 'att-1', header: true, events: [0, 1, 2], finished: true },
    ]);
    const playing = fakeAttemptRecord({ status: 'in-progress', score: undefined, eventCount: 1 });
    expect(attemptGaps([playing], new Map())).toEqual([
      { attempt: 'att-1', header: true, events: [0], finished: false },
    ]);
    // Finished before marks were kept: the finish waits for them.
    const unmarked = fakeAttemptRecord({ score: undefined, eventCount: 0 });
    expect(attemptGaps([unmarked], new Map())[0]?.finished).toBe(false);
  });

  it('is only what is new, read from the ids the mirror holds; nothing when it holds the lot', () => {
    const held = mirroredAttempts([
      'attempt:att-1',
      'attempt:att-1:event:000000',
      'attempt:att-1:event:000002',
      'moderation:m-1',
      '_design/classroom',
    ]);
    const record = fakeAttemptRecord({ eventCount: 4 });
    expect(attemptGaps([record], held)).toEqual([
      { attempt: 'att-1', header: false, events: [1, 3], finished: true },
    ]);
    for (const seq of [1, 3]) noteMirrored(held, `attempt:att-1:event:00000${seq}`);
    noteMirrored(held, finishedDocId('att-1'));
    expect(attemptGaps([record], held)).toEqual([]);
  });
});

describe('the documents that fill a gap', () => {
  it('carry the classroom user as the trainee, events in order, and the finish last', () => {
    const record = fakeAttemptRecord({ eventCount: 3 });
    const [gap] = attemptGaps([record], new Map());
    if (!gap) throw new Error('no gap');
    const docs = docsForGap(identity, record, entries, gap);
    expect(docs.map((doc) => doc._id)).toEqual([
      'attempt:att-1',
      'attempt:att-1:event:000000',
      'attempt:att-1:event:000001',
      'attempt:att-1:event:000002',
      'attempt:att-1:finished',
    ]);
    expect(docs.every((doc) => doc.trainee === 'a' && doc.course === 'smoke')).toBe(true);
    expect(docs[0]).toEqual(attemptDoc('smoke', { ...record, traineeId: 'a' }));
    expect(docs[2]).toEqual(eventDoc('smoke', 'a', 'att-1', 1, { type: 'trainee.answer', at: 4 }));
    expect(docs[4]).toMatchObject({ eventCount: 3, score: fakeScore() });
    // Made again, they are the same documents: written twice, nothing is doubled.
    expect(docsForGap(identity, record, entries, gap)).toEqual(docs);
  });

  it('leave the finish for later while an event is not in the store yet', () => {
    const record = fakeAttemptRecord({ eventCount: 3 });
    const gap = { attempt: 'att-1', header: false, events: [1, 2], finished: true };
    const docs = docsForGap(identity, record, entries.slice(0, 2), gap);
    expect(docs.map((doc) => doc._id)).toEqual(['attempt:att-1:event:000001']);
  });
});

describe('attempts waiting for the server', () => {
  it('counts each attempt once, whether unsent from the mirror or not yet in it', () => {
    const unsent = ['attempt:x:event:000003', 'attempt:x:finished', 'attempt:y', 'moderation:m-1'];
    const gaps = [
      { attempt: 'y', header: false, events: [4], finished: false },
      { attempt: 'z', header: true, events: [], finished: false },
    ];
    expect(attemptsWaiting(unsent, gaps)).toBe(3);
    expect(attemptsWaiting([], [])).toBe(0);
  });
});

describe('what goes each way', () => {
  const moderation = moderationDoc('smoke', 'a', {
    id: 'm-1',
    attempt: 'att-1',
    supervisor: 's',
    at: '2027-01-11T10:00:00.000Z',
    target: { kind: 'dimension', dimension: 'grading', mark: 25 },
    reason: 'Grade 1 was right.',
  });
  const course = courseDoc({ id: 'smoke', title: 'Smoke', scenarios: ['ltl41-02'], trainees: ['a', 'b'] });

  it('sends only the trainee’s attempt documents, and takes back moderations, marks and the course', () => {
    const header = attemptDoc('smoke', fakeAttemptRecord({ traineeId: 'a' }));
    expect(isSentDoc(header)).toBe(true);
    expect(isSentDoc(moderation)).toBe(false);
    expect(isSentDoc({ _id: '_design/classroom' })).toBe(false);
    expect(isReceivedDoc(moderation)).toBe(true);
    expect(isReceivedDoc(course)).toBe(true);
    expect(isReceivedDoc(header)).toBe(false);
    expect(isReceivedDoc(traineeDoc('smoke', { id: 'a', name: 'A' }))).toBe(false);
  });

  it("opens a received document to the record's own fields", () => {
    const stored = { ...moderation, _rev: '1-abc' };
    const { _id, _rev, type, v, course: _c, trainee, ...record } = stored;
    expect(receivedDoc(identity, stored)).toEqual({
      kind: 'moderation',
      id: 'moderation:m-1',
      fields: record,
    });
    expect(receivedDoc(identity, course)).toMatchObject({ kind: 'course', fields: { title: 'Smoke' } });
  });

  it('refuses a document of another trainee or course, of a mismatched id, or of another version', () => {
    const refused = (doc: Record<string, unknown> & { _id: string }) => receivedDoc(identity, doc).kind;
    expect(refused({ ...moderation, trainee: 'b' })).toBe('refused');
    expect(refused({ ...moderation, course: 'cpd' })).toBe('refused');
    expect(refused({ ...moderation, id: 'm-2' })).toBe('refused');
    expect(refused({ ...moderation, _id: 'moderation:m-2' })).toBe('refused');
    expect(refused({ ...moderation, v: 2 })).toBe('refused');
    expect(refused({ ...moderation, type: 'calibration' })).toBe('refused');
    expect(refused({ ...course, id: 'cpd', _id: 'course:cpd', course: 'cpd' })).toBe('refused');
    const ofB = { ...moderation, trainee: 'b' };
    expect(receivedDoc(identity, ofB)).toMatchObject({
      reason: '"moderation:m-1" is not of trainee "a"',
    });
  });
});
