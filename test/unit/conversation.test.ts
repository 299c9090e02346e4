/*
 * The conversation as the machine keeps it: typed words recorded with their reading, the caller taking
 * one thing at a time and as long as it takes to say, and what talking over them costs.
 */
import { describe, expect, it } from 'vitest';
import { createCallMachine } from '../../machines/call-machine.ts';
import { whenMet } from '../../machines/call-record.ts';
import { replay } from '../../src/engine/replay.ts';
import { advising, asking, entries, fakeScenario } from '../fixtures/builders.ts';

// Opening (answered at 0): 0-3 s; "worse" due 10 s after it: 10-12 s; threats answer 2.5 s.
const scenario = fakeScenario({
  lines: [
    ...fakeScenario().lines,
    {
      id: 'where',
      phase: 'call',
      speaker: 'caller',
      text: 'One Test Street.',
      trigger: { on: 'ask', topic: 'location' },
      discloses: ['check-fact'],
      audio: { voice: 'ms-a', seconds: 2 },
    },
    {
      id: 'staying',
      phase: 'call',
      speaker: 'caller',
      text: 'I am staying on.',
      trigger: { on: 'say', advice: 'stay-on-line' },
      audio: { voice: 'ms-a', seconds: 1 },
    },
  ],
});
const machine = createCallMachine(scenario);
const opened = entries([0, { type: 'trainee.start' }], [0, { type: 'trainee.answer' }]);
const play = (...events: Parameters<typeof entries>) =>
  replay(machine, [...opened, ...entries(...events)]).context;

describe('the conversation', () => {
  it('records what was typed and what it was read as, and answers it', () => {
    const call = play([4, asking('has he threatened you?', 'threats-made')]);
    expect(call.utterances).toEqual([
      { phase: 'call', at: 4, text: 'has he threatened you?', intents: [{ ask: 'threats-made' }], taken: 1 },
    ]);
    expect(call.questions).toEqual([{ phase: 'call', at: 4, topic: 'threats-made', reply: 'threats' }]);
    expect(call.transcript.at(-1)).toEqual({ phase: 'call', at: 4, line: 'threats' });
  });

  it('answers several things asked at once one after another, each taking as long as it is', () => {
    const asked = play([4, asking('has he threatened you and where are you?', 'threats-made', 'location')]);
    expect(asked.transcript.map((s) => s.line)).toEqual(['opening', 'threats']);
    const later = play(
      [4, asking('has he threatened you and where are you?', 'threats-made', 'location')],
      [8, { type: 'clock.tick' }],
    );
    // 4 + 2.5 s of threats + a half-second pause.
    expect(later.transcript.map((s) => [s.line, s.at])).toEqual([
      ['opening', 0],
      ['threats', 4],
      ['where', 7],
    ]);
    expect(later.disclosures.find((d) => d.fact === 'check-fact')?.at).toBe(9);
  });

  it('takes in at most three things from one message; the rest go unanswered', () => {
    const call = play([
      4,
      {
        type: 'trainee.speak',
        text: 'whats happened, where are you, any threats, any kids?',
        intents: [
          { ask: 'what-is-happening' },
          { ask: 'location' },
          { ask: 'threats-made' },
          { ask: 'children' },
        ],
      },
    ]);
    expect(call.utterances[0]?.taken).toBe(3);
    expect(call.questions.map((q) => q.topic)).toEqual(['what-is-happening', 'location', 'threats-made']);
  });

  it('gives words it cannot read the unscripted reply, recorded and taking its time', () => {
    const call = play([4, { type: 'trainee.speak', text: 'what colour is the sky', intents: [] }]);
    expect(call.utterances[0]).toMatchObject({ text: 'what colour is the sky', intents: [] });
    expect(call.transcript.at(-1)).toEqual({ phase: 'call', at: 4, line: 'unscripted' });
    expect(call.questions).toEqual([]);
  });

  it('cuts the caller short when the trainee talks over them: recorded, and what they were saying not learned', () => {
    const call = play([1, asking('has he threatened you?', 'threats-made')]);
    expect(call.interruptions).toEqual([{ phase: 'call', at: 1, line: 'opening' }]);
    expect(call.transcript[0]).toEqual({ phase: 'call', at: 0, line: 'opening', cutAt: 1 });
    expect(call.disclosures.map((d) => d.fact)).toEqual(['asked-fact']);
  });

  it('drops what the caller still had to answer when the trainee speaks again first', () => {
    const call = play(
      [4, asking('has he threatened you and where are you?', 'threats-made', 'location')],
      [5, advising('stay on the line', 'stay-on-line')],
      [20, { type: 'clock.tick' }],
    );
    expect(call.interruptions.map((i) => i.line)).toEqual(['threats']);
    expect(call.transcript.map((s) => s.line)).not.toContain('where');
    // Asked, but the answer never heard: not asked, as far as the score is concerned.
    expect(whenMet(call, 'call', { kind: 'asked', topic: 'location' })).toBeNull();
    expect(whenMet(call, 'call', { kind: 'asked', topic: 'threats-made' })).toBeNull();
  });

  it('counts a question as asked once its answer has been heard to the end', () => {
    const call = play([4, asking('has he threatened you?', 'threats-made')], [20, { type: 'clock.tick' }]);
    expect(whenMet(call, 'call', { kind: 'asked', topic: 'threats-made' })).toBe(4);
  });

  it('holds a line that falls due while the caller is answering until they finish', () => {
    // "worse" is due at 10; the threats answer runs 9 to 11.5.
    const call = play([9, asking('has he threatened you?', 'threats-made')], [20, { type: 'clock.tick' }]);
    expect(call.transcript.map((s) => [s.line, s.at])).toEqual([
      ['opening', 0],
      ['threats', 9],
      ['worse', 11.5],
    ]);
    expect(call.interruptions).toEqual([]);
  });

  it('offers the menu only in assisted mode, and records the mode', () => {
    expect(() => play([4, { type: 'trainee.ask', topic: 'threats-made' }])).toThrow(/cannot happen/);
    const assisted = replay(machine, [
      ...entries([0, { type: 'trainee.start', assisted: true }], [0, { type: 'trainee.answer' }]),
      ...entries([4, { type: 'trainee.ask', topic: 'threats-made' }]),
    ]).context;
    expect(assisted.assisted).toBe(true);
    expect(assisted.questions.map((q) => q.topic)).toEqual(['threats-made']);
    expect(assisted.utterances).toEqual([]);
  });
});
