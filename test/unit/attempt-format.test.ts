import { describe, expect, it } from 'vitest';
import { AttemptFormatError, parseAttempt } from '../../src/engine/attempt.ts';

const valid = {
  format: 'control-room-trainer/attempt',
  formatVersion: 1,
  scenario: 'ltl41-02',
  scenarioVersion: 1,
  trainee: 'someone',
  events: [
    { at: 0, type: 'trainee.start' },
    { at: 3, type: 'trainee.ask', topic: 'location', wall: '2026-11-22T21:40:03Z' },
  ],
};

describe('attempt files', () => {
  it('reads a format 1 attempt as format 2 with the menu on: it was played with every question on screen', () => {
    const attempt = parseAttempt(JSON.stringify(valid));
    expect(attempt.formatVersion).toBe(2);
    expect(attempt.events[0]).toEqual({ type: 'trainee.start', assisted: true, at: 0 });
    expect(attempt.events.slice(1)).toEqual(parseAttempt({ ...valid, formatVersion: 2 }).events.slice(1));
  });

  it('keeps what was typed and what it was read as, and a search with no trace', () => {
    const attempt = parseAttempt({
      ...valid,
      formatVersion: 2,
      events: [
        { at: 0, type: 'trainee.start' },
        { at: 9, type: 'trainee.speak', text: 'whereabouts are you?', intents: [{ ask: 'location' }] },
        { at: 20, type: 'trainee.check', system: 'pnc', query: 'AB12 CDE', subject: null },
      ],
    });
    expect(attempt.events[0]).toEqual({ type: 'trainee.start', at: 0 });
    expect(attempt.events[1]).toMatchObject({ text: 'whereabouts are you?', intents: [{ ask: 'location' }] });
    expect(attempt.events[2]).toMatchObject({ query: 'AB12 CDE', subject: null });
  });

  it('reads a valid attempt, keeping times', () => {
    const attempt = parseAttempt(JSON.stringify(valid));
    expect(attempt.events[1]).toEqual({
      type: 'trainee.ask',
      topic: 'location',
      at: 3,
      wall: '2026-11-22T21:40:03Z',
    });
  });

  it.each([
    ['not JSON', '{"format":', /^not valid JSON/],
    ['another kind of file', { ...valid, format: 'something-else' }, /^attempt\.format: /],
    [
      'a newer format version',
      { ...valid, formatVersion: 3 },
      /^attempt\.formatVersion: version 3 is not supported/,
    ],
    ['a missing trainee', { ...valid, trainee: '' }, /^attempt\.trainee: /],
    ['an unknown field', { ...valid, extra: true }, /^attempt: Unrecognized key/],
    [
      'an unknown topic',
      { ...valid, events: [{ at: 0, type: 'trainee.ask', topic: 'weather' }] },
      /^attempt\.events\[0\] \(trainee\.ask\)\.topic: Invalid option/,
    ],
    [
      'a message read as an unknown topic',
      {
        ...valid,
        formatVersion: 2,
        events: [
          { at: 0, type: 'trainee.speak', text: 'what is the weather', intents: [{ ask: 'weather' }] },
        ],
      },
      /^attempt\.events\[0\] \(trainee\.speak\)\.intents\[0\]/,
    ],
    [
      'an unknown event',
      { ...valid, events: [{ at: 0, type: 'trainee.dance' }] },
      /^attempt\.events\[0\] \(trainee\.dance\)\.type: /,
    ],
    [
      'a negative time',
      { ...valid, events: [{ at: -1, type: 'trainee.start' }] },
      /^attempt\.events\[0\] \(trainee\.start\)\.at: must be seconds/,
    ],
    [
      'a blank log entry',
      { ...valid, events: [{ at: 0, type: 'trainee.log', text: '   ' }] },
      /^attempt\.events\[0\] \(trainee\.log\)\.text: /,
    ],
  ])('refuses %s with one readable line', (_, input, reason) => {
    expect(() => parseAttempt(typeof input === 'string' ? input : JSON.stringify(input))).toThrow(
      AttemptFormatError,
    );
    expect(() => parseAttempt(typeof input === 'string' ? input : JSON.stringify(input))).toThrow(reason);
  });
});
