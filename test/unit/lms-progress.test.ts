/*
 * The progress an LMS keeps between sessions: read back exactly as written, never cut to fit, refused
 * whole when it is not ours or is damaged; and the course's standing computed from what counts.
 */
import { describe, expect, it } from 'vitest';
import {
  courseStatus,
  decodeProgress,
  encodeProgress,
  ProgressFormatError,
  type Progress,
} from '../../src/lms/progress.ts';
import { referenceAttempts } from '../fixtures/sample-bundle.ts';

const first = {
  attempt: 'a',
  scenarioVersion: 2,
  total: 70,
  band: 'partial',
  at: '2026-12-06T09:00:00.000Z',
} as const;
const counted: Progress['counted'] = { 'ltl41-04': first };

describe('encoding progress', () => {
  it('reads back exactly what was written, call and all', async () => {
    const { model } = await referenceAttempts('ltl41-05');
    const progress: Progress = {
      counted,
      current: {
        attempt: 'b',
        scenario: 'ltl41-05',
        scenarioVersion: model.scenarioVersion,
        startedAt: '2026-12-06T10:00:00.000Z',
        events: model.events,
      },
    };
    const { text, carriesCall } = await encodeProgress(progress, null);
    expect(carriesCall).toBe(true);
    expect(text).toMatch(/^crt1:[A-Za-z0-9+/=]+$/);
    expect(await decodeProgress(text)).toEqual(progress);
    // Deflated: well under the JSON it holds.
    expect(text.length).toBeLessThan(JSON.stringify(progress).length / 2);
  });

  it('leaves out a call that does not fit, whole, and keeps the results; a limit too small for those is an error', async () => {
    const { model } = await referenceAttempts('ltl41-05');
    const progress: Progress = {
      counted,
      current: {
        attempt: 'b',
        scenario: 'ltl41-05',
        scenarioVersion: 1,
        startedAt: '',
        events: model.events,
      },
    };
    const whole = await encodeProgress(progress, null);
    const small = await encodeProgress(progress, whole.text.length - 1);
    expect(small.carriesCall).toBe(false);
    expect(small.text.length).toBeLessThan(whole.text.length);
    const back = await decodeProgress(small.text);
    expect(back.counted).toEqual(counted);
    expect(back.current).toEqual({ attempt: 'b', scenario: 'ltl41-05', scenarioVersion: 1, startedAt: '' });
    await expect(encodeProgress(progress, 10)).rejects.toThrow(/need \d+ characters; the LMS keeps 10/);
  });

  it('reads empty text as a first launch, and refuses what is not ours or is damaged, saying which', async () => {
    expect(await decodeProgress('')).toEqual({ counted: {} });
    await expect(decodeProgress('lesson=3;page=7')).rejects.toThrow(ProgressFormatError);
    await expect(decodeProgress('crt1:!!!')).rejects.toThrow(/damaged/);
    const wrongShape = await encodeProgress({ counted: { x: { total: 150 } } } as unknown as Progress, null);
    await expect(decodeProgress(wrongShape.text)).rejects.toThrow(/counted\.x/);
    const badEvent = await encodeProgress(
      {
        counted: {},
        current: {
          attempt: 'c',
          scenario: 'ltl41-04',
          scenarioVersion: 1,
          startedAt: '',
          events: [{ at: 0, type: 'trainee.fly' }],
        },
      } as unknown as Progress,
      null,
    );
    await expect(decodeProgress(badEvent.text)).rejects.toThrow(/trainee\.fly|type/);
  });
});

describe('the course as it stands', () => {
  const rules = { scenarios: ['ltl41-04', 'ltl41-05'], passMark: 75 };
  const result = (total: number) => ({ ...first, total });

  it('is the mean of the counted totals, complete only when every scenario counts', () => {
    expect(courseStatus(rules, {})).toMatchObject({
      score: null,
      finished: 0,
      completed: false,
      passed: null,
    });
    expect(courseStatus(rules, { 'ltl41-04': result(70) }, true)).toMatchObject({
      score: 70,
      finished: 1,
      completed: false,
      justCompleted: false,
      passed: null,
    });
    expect(courseStatus(rules, { 'ltl41-04': result(70), 'ltl41-05': result(81) }, true)).toMatchObject({
      score: 76,
      completed: true,
      justCompleted: true,
      passed: true,
    });
  });

  it('passes at exactly the pass mark, judged on the whole score the LMS is given, and counts nothing from outside the course', () => {
    expect(courseStatus(rules, { 'ltl41-04': result(75), 'ltl41-05': result(75) }).passed).toBe(true);
    expect(courseStatus(rules, { 'ltl41-04': result(74), 'ltl41-05': result(74) }).passed).toBe(false);
    // 74.5 is given to the LMS as 75, and an LMS judging by its mastery score would pass it: so does this.
    expect(courseStatus(rules, { 'ltl41-04': result(74), 'ltl41-05': result(75) })).toMatchObject({
      score: 75,
      passed: true,
    });
    expect(courseStatus(rules, { 'ltl41-04': result(90), 'ltl41-01': result(10) })).toMatchObject({
      score: 90,
      finished: 1,
    });
  });
});
