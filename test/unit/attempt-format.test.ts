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
      { ...valid, formatVersion: 2 },
      /^attempt\.formatVersion: version 2 is not supported/,
    ],
    ['a missing trainee', { ...valid, trainee: '' }, /^attempt\.trainee: /],
    ['an unknown field', { ...valid, extra: true }, /^attempt: Unrecognized key/],
    [
      'an unknown topic',
      { ...valid, events: [{ at: 0, type: 'trainee.ask', topic: 'weather' }] },
      /^attempt\.events\[0\] \(trainee\.ask\)\.topic: Invalid option/,
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
