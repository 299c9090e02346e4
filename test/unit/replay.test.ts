import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { createCallMachine, type CallMachine } from '../../machines/call-machine.ts';
import { catalogue } from '../../scenarios/catalogue.ts';
import { parseAttempt, type AttemptEntry } from '../../src/engine/attempt.ts';
import {
  applyEntry,
  initialSnapshot,
  nextDueAt,
  replay,
  ReplayError,
  stateAfterEntry,
  type CallSnapshot,
  type Effect,
} from '../../src/engine/replay.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { asking, catalogueScenario, entries, fakeScenario } from '../fixtures/builders.ts';

const ltl4102 = await catalogueScenario('ltl41-02');

const scenario = fakeScenario();
const machine = createCallMachine(scenario);
const start = entries([0, { type: 'trainee.start' }], [2, { type: 'trainee.answer' }]);

/** All of a state a caller could see, and the effects of reaching it. */
const observed = (snapshot: CallSnapshot, effects: readonly Effect[]) => ({
  value: snapshot.value,
  status: snapshot.status,
  context: snapshot.context,
  nodes: snapshot._nodes.map((node) => node.id),
  tags: [...snapshot.tags],
  historyValue: snapshot.historyValue,
  children: snapshot.children,
  effects: effects.map((effect) => [effect.type, effect.params, effect.info.context]),
});

/** The textbook fold: a tick before every later event, and every step XState's own `transition`. */
function stepsByXState(machine: CallMachine, events: readonly AttemptEntry[]) {
  let snapshot = initialSnapshot(machine);
  return events.map((entry) => {
    const effects: Effect[] = [];
    if (entry.at > snapshot.context.now) {
      const [ticked, actions] = transition(machine, snapshot, { type: 'clock.tick', at: entry.at });
      snapshot = ticked;
      effects.push(...actions);
    }
    if (entry.type !== 'clock.tick') {
      const { at, wall, ...event } = entry;
      const [next, actions] = transition(machine, snapshot, event);
      snapshot = next;
      effects.push(...actions);
    }
    return observed(snapshot, effects);
  });
}

describe('replay', () => {
  it('gives the same state and score every time for the same log', () => {
    const attempt = parseAttempt(ltl4102.referenceAttempts.model);
    const first = replay(ltl4102.machine, attempt.events);
    const second = replay(ltl4102.machine, structuredClone(attempt.events));
    expect(second.context).toEqual(first.context);
    expect(second.value).toEqual(first.value);
    expect(scoreAttempt(ltl4102, attempt)).toEqual(
      scoreAttempt(ltl4102, parseAttempt(ltl4102.referenceAttempts.model)),
    );
  });

  it('reaches the same state from a checkpoint plus the tail of the log as from the start', () => {
    const attempt = parseAttempt(ltl4102.referenceAttempts.model);
    const half = Math.floor(attempt.events.length / 2);
    const checkpoint = replay(ltl4102.machine, attempt.events.slice(0, half));
    const resumed = replay(ltl4102.machine, attempt.events, { snapshot: checkpoint, index: half });
    expect(resumed.context).toEqual(replay(ltl4102.machine, attempt.events).context);
  });

  it('leaves every earlier state as it was: later steps share the lists they do not change, and change none', () => {
    const attempt = parseAttempt(ltl4102.referenceAttempts.model);
    let snapshot = initialSnapshot(ltl4102.machine);
    const states = attempt.events.map((entry, index) => {
      snapshot = applyEntry(ltl4102.machine, snapshot, entry, index).snapshot;
      return { context: snapshot.context, asItWas: structuredClone(snapshot.context) };
    });
    const shared = states.filter(
      ({ context }, i) => i > 0 && context.questions === states[i - 1]?.context.questions,
    );
    expect(shared.length).toBeGreaterThan(0);
    for (const { context, asItWas } of states) expect(context).toEqual(asItWas);
  });

  const attempts: [string, () => Promise<{ machine: CallMachine; events: AttemptEntry[] }>][] = [
    ...catalogue.flatMap((entry) =>
      (['model', 'historical'] as const).map((kind): (typeof attempts)[number] => [
        `${entry.id} ${kind}`,
        async () => {
          const module = await entry.load();
          return { machine: module.machine, events: parseAttempt(module.referenceAttempts[kind]).events };
        },
      ]),
    ),
    [
      'an assisted call: menu questions and advice, the caller talked over, answers queued, a contact and a call back',
      async () => ({
        machine,
        events: entries(
          [0, { type: 'trainee.start', assisted: true }],
          [1, { type: 'trainee.answer' }],
          [2, { type: 'trainee.ask', topic: 'threats-made' }],
          [3, { type: 'trainee.say', advice: 'stay-on-line' }],
          [6, asking('where are you, and has he threatened you?', 'location', 'threats-made')],
          [7, { type: 'trainee.check', system: 'local-intelligence', query: 'Jo Bloggs', subject: 'caller' }],
          [8, { type: 'clock.tick' }],
          [12, { type: 'clock.skip', minutes: 1 }],
          [75, { type: 'trainee.contact', agency: 'ambulance', message: 'Injured woman.' }],
          [80, { type: 'trainee.endCall' }],
          [85, { type: 'trainee.callBack' }],
          [86, { type: 'trainee.closeLog' }],
          [87, { type: 'trainee.continue' }],
        ),
      }),
    ],
    [
      'a call started late, with time passing in every state',
      async () => ({
        machine,
        events: entries(
          [3, { type: 'trainee.start' }],
          [5, { type: 'trainee.answer' }],
          [9, asking('has he threatened you?', 'threats-made')],
          [20, { type: 'clock.tick' }],
          [25, { type: 'trainee.endCall' }],
          [40, { type: 'trainee.log', text: 'Caller threatened.' }],
          [50, { type: 'trainee.closeLog' }],
          [60, { type: 'trainee.continue' }],
        ),
      }),
    ],
  ];

  it.each(attempts)(
    '%s: each step gives the state and effects XState’s own transition gives',
    async (_, load) => {
      const { machine, events } = await load();
      let snapshot = initialSnapshot(machine);
      const steps = events.map((entry, index) => {
        const applied = applyEntry(machine, snapshot, entry, index);
        snapshot = applied.snapshot;
        return observed(applied.snapshot, applied.effects);
      });
      expect(steps).toEqual(stepsByXState(machine, events));
    },
  );

  it.each(attempts)(
    '%s: each step without its effects (as replay takes it) gives the state XState’s own transition gives',
    async (_, load) => {
      const { machine, events } = await load();
      let snapshot = initialSnapshot(machine);
      const states = events.map((entry, index) => {
        snapshot = stateAfterEntry(machine, snapshot, entry, index);
        return observed(snapshot, []);
      });
      expect(states).toEqual(stepsByXState(machine, events).map((step) => ({ ...step, effects: [] })));
    },
  );

  it('speaks the answering line at once and the timed line when the clock reaches it', () => {
    const answered = replay(machine, start);
    expect(answered.context.transcript.map((s) => s.line)).toEqual(['opening']);
    expect(nextDueAt(answered)).toBe(12);
    const later = replay(machine, [...start, ...entries([11, { type: 'clock.tick' }])]);
    expect(later.context.transcript.map((s) => s.line)).toEqual(['opening']);
    const due = replay(machine, [...start, ...entries([12, { type: 'clock.tick' }])]);
    expect(due.context.transcript).toEqual([
      { phase: 'call', at: 2, line: 'opening' },
      { phase: 'call', at: 12, line: 'worse' },
    ]);
    expect(due.context.disclosures.map((d) => d.fact)).toEqual(['opening-fact', 'later-fact']);
  });

  it('speaks a due line before the event that comes after it', () => {
    const state = replay(machine, [
      ...start,
      ...entries([30, asking('has he threatened you?', 'threats-made')]),
    ]);
    expect(state.context.transcript.map((s) => [s.line, s.at])).toEqual([
      ['opening', 2],
      ['worse', 12],
      ['threats', 30],
    ]);
  });

  it('answers an unscripted question with the fallback line and discloses nothing new', () => {
    const state = replay(machine, [...start, ...entries([6, asking('what car is it?', 'vehicle')])]);
    expect(state.context.transcript.at(-1)?.line).toBe('unscripted');
    expect(state.context.disclosures.map((d) => d.fact)).toEqual(['opening-fact']);
  });

  it('returns the cues to play as effects, without running them', () => {
    const answered = replay(machine, entries([0, { type: 'trainee.start' }]));
    const { effects } = applyEntry(machine, answered, { type: 'trainee.answer', at: 1 }, 1);
    expect(effects.map((e) => [e.type, e.params])).toEqual([['playCues', { lines: ['opening'] }]]);
  });

  it('records check results and the facts they disclose, and "no trace" for unscripted checks', () => {
    const state = replay(machine, [
      ...start,
      ...entries(
        [5, { type: 'trainee.check', system: 'local-intelligence', query: 'Jo Bloggs', subject: 'caller' }],
        [6, { type: 'trainee.check', system: 'local-intelligence', query: '1 Test Street', subject: 'home' }],
        [7, { type: 'trainee.check', system: 'local-intelligence', query: 'Nobody Atall', subject: null }],
      ),
    ]);
    expect(state.context.checks.map((c) => [c.query, c.result])).toEqual([
      ['Jo Bloggs', 'intel'],
      ['1 Test Street', null],
      ['Nobody Atall', null],
    ]);
    expect(state.context.disclosures.at(-1)).toEqual({
      phase: 'call',
      at: 5,
      fact: 'check-fact',
      via: { check: 'intel' },
    });
  });

  it('rings the caller back after the call ended, reconnecting and hearing the call-back line', () => {
    const state = replay(machine, [
      ...start,
      ...entries([4, { type: 'trainee.endCall' }], [60, { type: 'trainee.callBack' }]),
    ]);
    expect(state.matches({ call: 'connected' })).toBe(true);
    expect(state.context.callBacks).toEqual([{ phase: 'call', at: 60, reason: '' }]);
    expect(state.context.transcript.map((s) => s.line)).toEqual(['opening', 'rang-back']);
  });

  it('links a previous incident the scenario knows, and refuses one it does not', () => {
    const linked = replay(machine, [
      ...start,
      ...entries([5, { type: 'trainee.link', incident: 'earlier-call' }]),
    ]);
    expect(linked.context.links).toEqual([{ phase: 'call', at: 5, incident: 'earlier-call' }]);
    expect(() =>
      replay(machine, [...start, ...entries([5, { type: 'trainee.link', incident: 'made-up' }])]),
    ).toThrow(/events\[2\] \(trainee.link\) cannot happen during the call/);
  });

  it('ends the call, stops timed lines, and finishes in the debrief after the log is closed', () => {
    const state = replay(machine, [
      ...start,
      ...entries(
        [4, { type: 'trainee.endCall' }],
        [20, { type: 'trainee.closeLog' }],
        [21, { type: 'trainee.continue' }],
      ),
    ]);
    expect(state.context.transcript.map((s) => s.line)).toEqual(['opening']);
    expect(state.context.progress).toEqual([
      { phase: 'call', answeredAt: 2, callEndedAt: 4, logClosedAt: 20 },
    ]);
    expect(state.status).toBe('done');
  });

  it.each([
    [
      'time going backwards',
      entries([5, asking('where are you?', 'location')], [4, { type: 'trainee.endCall' }]),
      /events\[3\] \(trainee.endCall\) at 4 s is earlier than the phase clock \(5 s\)/,
    ],
    [
      'a question after the call ended',
      entries([4, { type: 'trainee.endCall' }], [5, asking('where are you?', 'location')]),
      /events\[3\] \(trainee.speak\) cannot happen after the call has ended/,
    ],
    [
      'a question from the menu when assisted mode is off',
      entries([5, { type: 'trainee.ask', topic: 'location' }]),
      /events\[2\] \(trainee.ask\) cannot happen during the call/,
    ],
    [
      'a check on a subject the scenario does not have',
      entries([4, { type: 'trainee.check', system: 'pnc', subject: 'nobody' }]),
      /events\[2\] \(trainee.check\) cannot happen during the call/,
    ],
    [
      'a PNC check on an address',
      entries([4, { type: 'trainee.check', system: 'pnc', subject: 'home' }]),
      /cannot happen/,
    ],
  ])('refuses %s, naming the event', (_, tail, message) => {
    expect(() => replay(machine, [...start, ...tail])).toThrow(ReplayError);
    expect(() => replay(machine, [...start, ...tail])).toThrow(message);
  });

  it('refuses an event after the attempt has finished', () => {
    const done = entries(
      [3, { type: 'trainee.closeLog' }],
      [4, { type: 'trainee.continue' }],
      [5, { type: 'trainee.log', text: 'late' }],
    );
    expect(() => replay(machine, [...start, ...done])).toThrow(
      /events\[4\] \(trainee.log\) comes after the attempt has finished/,
    );
  });

  it('refuses answering before the scenario starts', () => {
    expect(() => replay(machine, entries([0, { type: 'trainee.answer' }]))).toThrow(
      /before the scenario has started/,
    );
  });

  it('moves through phases, each with its own clock', () => {
    const twoCalls = fakeScenario({
      phases: [
        { id: 'call', kind: 'call', title: 'First', timeLabel: 'Now', clockStart: '10:00', incoming: '999' },
        {
          id: 'later',
          kind: 'call',
          title: 'Second',
          timeLabel: 'An hour later',
          clockStart: '11:00',
          incoming: '101',
        },
      ],
      lines: [
        ...fakeScenario().lines,
        {
          id: 'again',
          phase: 'later',
          speaker: 'caller',
          text: 'Me again.',
          trigger: { on: 'answer' },
          audio: { voice: 'ms-a', seconds: 2 },
        },
      ],
    });
    const twoCallMachine = createCallMachine(twoCalls);
    const state = replay(twoCallMachine, [
      ...start,
      ...entries(
        [30, { type: 'trainee.closeLog' }],
        [31, { type: 'trainee.continue' }],
        [5, { type: 'trainee.answer' }],
      ),
    ]);
    expect(state.matches({ call: 'connected' })).toBe(true);
    expect(state.context.now).toBe(5);
    expect(state.context.transcript.map((s) => [s.phase, s.line, s.at])).toEqual([
      ['call', 'opening', 2],
      ['call', 'worse', 12],
      ['later', 'again', 5],
    ]);
  });

  it('starts in the briefing', () => {
    expect(initialSnapshot(machine).value).toBe('briefing');
  });
});
