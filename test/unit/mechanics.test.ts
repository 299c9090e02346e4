/*
 * The call mechanics scenarios build on: third parties who answer (and stall), callers who keep talking,
 * callers who prompt, and colleagues who write questions on the log.
 */
import { describe, expect, it } from 'vitest';
import { createCallMachine } from '../../machines/call-machine.ts';
import type { AttemptEvent } from '../../machines/events.ts';
import type { Line } from '../../machines/scenario-format.ts';
import { applyEntry, replay } from '../../src/engine/replay.ts';
import { scoreExpectations } from '../../src/scoring/rubrics/expectations.ts';
import { setAside } from '../../src/scoring/provenance.ts';
import { whenMet } from '../../machines/call-record.ts';
import { scoreGrading as scoreGradingRubric } from '../../src/scoring/rubrics/grading.ts';
import { scoreLogging as scoreLoggingRubric } from '../../src/scoring/rubrics/logging.ts';
import { scoreThrive as scoreThriveRubric } from '../../src/scoring/rubrics/thrive.ts';
import { incidentOf, phasesOfIncident, timelineSeconds } from '../../machines/incidents.ts';
import { generateQueue } from '../../machines/queue.ts';
import { entries, fakeAnswerKey, fakeScenario, saying, trainerSource } from '../fixtures/builders.ts';

const scoreGrading = saying(scoreGradingRubric);
const scoreLogging = saying(scoreLoggingRubric);
const scoreThrive = saying(scoreThriveRubric);

const voice = { voice: 'woman', seconds: 2 };
const extraLines: Line[] = [
  {
    id: 'taxi-urgent',
    phase: 'call',
    speaker: 'third-party',
    text: 'Right, I will get the driver on the radio now.',
    trigger: {
      on: 'contact',
      agency: 'taxi-firm',
      takes: 60,
      ifMessage: {
        patterns: ['urgent.*suicid|suicid.*urgent'],
        examples: { match: ['urgent: he is suicidal'], noMatch: ['please help'] },
      },
    },
    discloses: ['later-fact'],
    audio: voice,
  },
  {
    id: 'taxi-stalls',
    phase: 'call',
    speaker: 'third-party',
    text: 'You will have to email the bookings department.',
    trigger: { on: 'contact', agency: 'taxi-firm', takes: 120 },
    audio: voice,
  },
  {
    id: 'prompt-details',
    phase: 'call',
    speaker: 'caller',
    text: "Don't you need his details?",
    trigger: { on: 'end-call', unless: [{ kind: 'asked', topic: 'subject-details' }] },
    audio: voice,
  },
  {
    id: 'dispatcher-question',
    phase: 'call',
    speaker: 'dispatcher',
    channel: 'log',
    question: true,
    text: 'Have they checked for vital signs?',
    trigger: { on: 'after', line: 'opening', seconds: 30 },
  },
];
const scenario = fakeScenario({ lines: [...fakeScenario().lines, ...extraLines] });
const machine = createCallMachine(scenario);
const opened = entries([0, { type: 'trainee.start', assisted: true }], [0, { type: 'trainee.answer' }]);

describe('third parties on the phone', () => {
  it('stall unless told what matters, and each contact costs time on the clock', () => {
    const vague = replay(machine, [
      ...opened,
      ...entries([20, { type: 'trainee.contact', agency: 'taxi-firm', message: 'please help' }]),
    ]);
    expect(vague.context.transcript.map((s) => s.line)).toContain('taxi-stalls');
    expect(vague.context.now).toBe(140);
    const told = replay(machine, [
      ...opened,
      ...entries([
        20,
        { type: 'trainee.contact', agency: 'taxi-firm', message: 'It is urgent: he is suicidal.' },
      ]),
    ]);
    expect(told.context.transcript.map((s) => s.line)).toEqual([
      'opening',
      'worse',
      'taxi-urgent',
      'dispatcher-question',
    ]);
    expect(told.context.contacts).toEqual([
      { phase: 'call', at: 20, agency: 'taxi-firm', message: 'It is urgent: he is suicidal.' },
    ]);
    expect(told.context.now).toBe(80);
  });

  it('counts a contact as saying what matters only when the message matches', () => {
    const said = [
      {
        id: 'told',
        phase: 'call',
        requires: {
          kind: 'contacted' as const,
          agency: 'taxi-firm' as const,
          saying: { patterns: ['suicid'], examples: { match: ['suicidal'], noMatch: ['lost property'] } },
        },
        weight: 1,
        severity: 'major' as const,
        missed: 'Say he is suicidal.',
        source: trainerSource,
      },
    ];
    const vague = replay(machine, [
      ...opened,
      ...entries([20, { type: 'trainee.contact', agency: 'taxi-firm', message: 'lost property' }]),
    ]);
    expect(scoreExpectations('escalation', said, vague.context).score).toBe(0);
    const told = replay(machine, [
      ...opened,
      ...entries([20, { type: 'trainee.contact', agency: 'taxi-firm', message: 'urgent: he is suicidal' }]),
    ]);
    expect(scoreExpectations('escalation', said, told.context).score).toBe(100);
  });

  it('refuses a later event timed inside the contact', () => {
    const contacted = [...opened, ...entries([20, { type: 'trainee.contact', agency: 'taxi-firm' }])];
    expect(() =>
      replay(machine, [...contacted, ...entries([100, { type: 'trainee.log', text: 'too soon' }])]),
    ).toThrow(/earlier than the phase clock \(140 s\)/);
  });
});

describe('two ways of doing the same thing', () => {
  const either = {
    id: 'either',
    phase: 'call',
    requires: {
      kind: 'any-of' as const,
      of: [
        { kind: 'advised' as const, advice: 'start-cpr' as const },
        {
          kind: 'contacted' as const,
          agency: 'taxi-firm' as const,
          saying: { patterns: ['suicid'], examples: { match: ['suicidal'], noMatch: ['lost property'] } },
        },
      ],
    },
    within: 30,
    weight: 1,
    severity: 'major' as const,
    missed: 'Do one or the other.',
    source: trainerSource,
  };
  const eitherWay = [either];
  const when = (...events: [number, AttemptEvent][]) =>
    whenMet(replay(machine, [...opened, ...entries(...events)]).context, 'call', either.requires);

  it('is met by whichever alternative is met first, and by neither when neither is', () => {
    const contact = {
      type: 'trainee.contact',
      agency: 'taxi-firm',
      message: 'urgent: he is suicidal',
    } as const;
    const advice = { type: 'trainee.say', advice: 'start-cpr' } as const;
    expect(when([5, advice])).toBe(5);
    expect(when([20, contact])).toBe(20);
    expect(when([20, contact], [90, advice])).toBe(20);
    expect(when([20, { ...contact, message: 'lost property' }])).toBeNull();
    expect(when([20, { type: 'trainee.say', advice: 'stay-on-line' }])).toBeNull();
  });

  it('is scored as one expectation: met in time, late, or missed', () => {
    const score = (...events: [number, AttemptEvent][]) =>
      scoreExpectations('ndm', eitherWay, replay(machine, [...opened, ...entries(...events)]).context).score;
    const contact = {
      type: 'trainee.contact',
      agency: 'taxi-firm',
      message: 'urgent: he is suicidal',
    } as const;
    expect(score([20, contact])).toBe(100);
    expect(score([40, { type: 'trainee.say', advice: 'start-cpr' }])).toBe(50);
    expect(score([20, { type: 'trainee.say', advice: 'stay-on-line' }])).toBe(0);
  });

  it('is set aside when any alternative rests on what a historical attempt does not assess', () => {
    const unassessed = { dimensions: { escalation: 'not reported' }, calls: {}, failingsAsFound: true };
    expect(setAside(either, unassessed)).toBe(true);
    expect(setAside(either, { ...unassessed, dimensions: { thrive: 'not reported' } })).toBe(false);
  });
});

describe('callers who prompt', () => {
  it('keep the call open once with a prompt, then let it end; the prompt is scoreable', () => {
    const prompted = replay(machine, [...opened, ...entries([5, { type: 'trainee.endCall' }])]);
    expect(prompted.matches({ call: 'connected' })).toBe(true);
    expect(prompted.context.transcript.at(-1)?.line).toBe('prompt-details');
    const ended = replay(machine, [
      ...opened,
      ...entries([5, { type: 'trainee.endCall' }], [8, { type: 'trainee.endCall' }]),
    ]);
    expect(ended.matches({ call: 'wrapUp' })).toBe(true);
    const notPrompted = [
      {
        id: 'np',
        phase: 'call',
        requires: { kind: 'not-prompted' as const, line: 'prompt-details' },
        weight: 1,
        severity: 'major' as const,
        missed: 'Prompted.',
        source: trainerSource,
      },
    ];
    expect(scoreExpectations('ndm', notPrompted, ended.context).score).toBe(0);
    const asked = replay(machine, [
      ...opened,
      ...entries([3, { type: 'trainee.ask', topic: 'subject-details' }], [5, { type: 'trainee.endCall' }]),
    ]);
    expect(asked.matches({ call: 'wrapUp' })).toBe(true);
    expect(scoreExpectations('ndm', notPrompted, asked.context).score).toBe(100);
  });
});

describe('callers who keep talking', () => {
  it('records what was left unsaid when the trainee ends the call mid-flow', () => {
    const notCutOff = [
      {
        id: 'nc',
        phase: 'call',
        requires: { kind: 'not-cut-off' as const },
        weight: 1,
        severity: 'major' as const,
        missed: 'Cut off.',
        source: trainerSource,
      },
    ];
    const early = replay(machine, [
      ...opened,
      ...entries([3, { type: 'trainee.ask', topic: 'subject-details' }], [4, { type: 'trainee.endCall' }]),
    ]);
    // Ended while the caller was still answering, with more to come: both count as unsaid.
    expect(early.context.cutOffs).toEqual([{ phase: 'call', at: 4, unsaid: ['unscripted', 'worse'] }]);
    expect(early.context.transcript.find((s) => s.line === 'unscripted')?.cutAt).toBe(4);
    expect(scoreExpectations('ndm', notCutOff, early.context).score).toBe(0);
    const patient = replay(machine, [
      ...opened,
      ...entries([3, { type: 'trainee.ask', topic: 'subject-details' }], [12, { type: 'trainee.endCall' }]),
    ]);
    expect(patient.context.cutOffs).toEqual([]);
    expect(scoreExpectations('ndm', notCutOff, patient.context).score).toBe(100);
  });
});

describe('questions on the log', () => {
  it('arrive on the log (not the speaker) when due, even after the caller has gone', () => {
    const waited = replay(machine, [
      ...opened,
      ...entries([3, { type: 'trainee.ask', topic: 'subject-details' }], [12, { type: 'trainee.endCall' }]),
    ]);
    const { effects, snapshot } = applyEntry(machine, waited, { type: 'clock.tick', at: 31 }, 99);
    expect(snapshot.context.transcript.at(-1)).toEqual({
      phase: 'call',
      at: 30,
      line: 'dispatcher-question',
    });
    expect(effects).toEqual([]);
  });

  it('can be answered only once asked, and unanswered ones cost the log when it is closed', () => {
    expect(() =>
      replay(machine, [
        ...opened,
        ...entries([5, { type: 'trainee.reply', line: 'dispatcher-question', text: 'Yes' }]),
      ]),
    ).toThrow(/cannot happen/);
    const base = [
      ...opened,
      ...entries(
        [3, { type: 'trainee.ask', topic: 'subject-details' }],
        [31, { type: 'trainee.log', text: 'Something is happening at the address.' }],
      ),
    ];
    const key = fakeAnswerKey();
    const unanswered = replay(machine, [...base, ...entries([40, { type: 'trainee.closeLog' }])]).context;
    const answered = replay(machine, [
      ...base,
      ...entries(
        [35, { type: 'trainee.reply', line: 'dispatcher-question', text: 'Caller says no: not checked.' }],
        [40, { type: 'trainee.closeLog' }],
      ),
    ]).context;
    const unansweredScore = scoreLogging({ scenario, key, call: unanswered });
    const answeredScore = scoreLogging({ scenario, key, call: answered });
    expect(answeredScore.score - unansweredScore.score).toBe(25);
    expect(unansweredScore.findings.map((f) => f.message)).toContainEqual(
      expect.stringContaining('"Have they checked for vital signs?"'),
    );
  });
});

describe('answers that depend on what was said before', () => {
  const conditional = fakeScenario({
    lines: [
      ...fakeScenario().lines.filter((line) => line.id !== 'threats'),
      {
        id: 'threats-after-worse',
        phase: 'call',
        speaker: 'caller',
        text: 'Now he says he will kill me.',
        trigger: { on: 'ask', topic: 'threats-made' },
        onlyIf: { phase: 'call', requires: { kind: 'heard', line: 'worse' } },
        audio: voice,
      },
      {
        id: 'threats-before',
        phase: 'call',
        speaker: 'caller',
        text: 'No, nothing like that.',
        trigger: { on: 'ask', topic: 'threats-made' },
        audio: voice,
      },
    ],
  });
  const conditionalMachine = createCallMachine(conditional);
  it('give the first answer whose condition holds', () => {
    const early = replay(conditionalMachine, [
      ...opened,
      ...entries([5, { type: 'trainee.ask', topic: 'threats-made' }]),
    ]);
    expect(early.context.transcript.at(-1)?.line).toBe('threats-before');
    const later = replay(conditionalMachine, [
      ...opened,
      ...entries([15, { type: 'trainee.ask', topic: 'threats-made' }]),
    ]);
    expect(later.context.transcript.at(-1)?.line).toBe('threats-after-worse');
  });
});

describe('lines said when their moment comes only if their condition holds', () => {
  const onlyIfAsked = { phase: 'call', requires: { kind: 'asked' as const, topic: 'location' as const } };
  const conditional = createCallMachine(
    fakeScenario({
      lines: fakeScenario().lines.map((line): Line => {
        if (line.id === 'worse' || line.id === 'rang-back') return { ...line, onlyIf: onlyIfAsked };
        return line;
      }),
    }),
  );
  const heard = (events: Parameters<typeof entries>) =>
    replay(conditional, [...opened, ...entries(...events)]).context.transcript.map((spoken) => spoken.line);

  it('a timed line is said if the condition holds when it falls due, and dropped if not', () => {
    expect(
      heard([
        [5, { type: 'trainee.ask', topic: 'location' }],
        [12, { type: 'clock.tick' }],
      ]),
    ).toContain('worse');
    const unasked = replay(conditional, [...opened, ...entries([12, { type: 'clock.tick' }])]).context;
    expect(unasked.transcript.map((spoken) => spoken.line)).not.toContain('worse');
    expect(unasked.timers).toEqual([]);
    // Asking after the moment has passed does not bring the dropped line back.
    expect(
      heard([
        [12, { type: 'clock.tick' }],
        [13, { type: 'trainee.ask', topic: 'location' }],
      ]),
    ).not.toContain('worse');
  });

  it('a caller rung back answers with a line only if its condition holds', () => {
    const ringBack = (ask: boolean) =>
      heard([
        ...(ask ? [[3, { type: 'trainee.ask', topic: 'location' }] as [number, AttemptEvent]] : []),
        [8, { type: 'trainee.endCall' }],
        [30, { type: 'trainee.callBack', reason: 'Worth the risk.' }],
      ]);
    expect(ringBack(true)).toContain('rang-back');
    expect(ringBack(false)).not.toContain('rang-back');
  });
});

describe('the procedure for the code chosen', () => {
  const openedSop = [
    {
      id: 'sop',
      phase: 'call',
      requires: { kind: 'sop-opened' as const },
      weight: 1,
      severity: 'major' as const,
      missed: 'Open it.',
      source: trainerSource,
    },
  ];
  it.each<[string, Parameters<typeof entries>, number]>([
    [
      'opened for the code set',
      [
        [5, { type: 'trainee.code', code: 'sudden-death' }],
        [6, { type: 'trainee.openSop', code: 'sudden-death' }],
      ],
      100,
    ],
    [
      'opened for another code',
      [
        [5, { type: 'trainee.code', code: 'sudden-death' }],
        [6, { type: 'trainee.openSop', code: 'concern-for-safety' }],
      ],
      0,
    ],
    ['no code set', [[6, { type: 'trainee.openSop', code: 'sudden-death' }]], 0],
  ])('%s', (_, events, score) => {
    const call = replay(machine, [...opened, ...entries(...events)]).context;
    expect(scoreExpectations('ndm', openedSop, call).score).toBe(score);
  });
});

describe('calls that come back about the same incident', () => {
  const twoCalls = fakeScenario({
    phases: [
      {
        id: 'call',
        kind: 'call',
        title: 'First call',
        timeLabel: 'Night',
        clockStart: '02:00',
        incoming: '999',
      },
      {
        id: 'update',
        kind: 'call',
        title: 'Update call',
        timeLabel: '10 hours later',
        clockStart: '12:00',
        incoming: '101',
        continues: 'call',
        startsAfter: 600,
      },
    ],
    lines: [
      ...fakeScenario().lines,
      {
        id: 'still-missing',
        phase: 'update',
        speaker: 'caller',
        text: 'Nobody has come. She is known to a MARAC, I found out.',
        trigger: { on: 'answer' },
        discloses: ['check-fact'],
        audio: voice,
      },
    ],
  });
  const twoCallMachine = createCallMachine(twoCalls);
  const key = fakeAnswerKey({
    thrive: { ...fakeAnswerKey().thrive, phase: 'call', reassessAfter: ['check-fact'] },
  });
  const firstCall = entries(
    [0, { type: 'trainee.start' }],
    [0, { type: 'trainee.answer' }],
    ...(['threat', 'harm', 'risk', 'investigation', 'vulnerability', 'engagement'] as const).map(
      (element): Parameters<typeof entries>[number] => [
        10,
        { type: 'trainee.thrive', element, rationale: `The ${element} picture in words.` },
      ],
    ),
    [12, { type: 'trainee.grade', grade: 'priority' }],
    [20, { type: 'trainee.closeLog' }],
    [21, { type: 'trainee.continue' }],
    [2, { type: 'trainee.answer' }],
  );

  it('want the THRIVE re-assessed on the update call when it brings news', () => {
    const stale = replay(twoCallMachine, firstCall).context;
    expect(
      scoreThrive({ scenario: twoCalls, key, call: stale }).findings.map((f) => f.message),
    ).toContainEqual(expect.stringMatching(/^New information arrived after your THRIVE assessment/));
    const revised = replay(twoCallMachine, [
      ...firstCall,
      ...entries([
        30,
        { type: 'trainee.thrive', element: 'vulnerability', rationale: 'Now known to a MARAC: vulnerable.' },
      ]),
    ]).context;
    expect(scoreThrive({ scenario: twoCalls, key, call: revised }).findings.map((f) => f.message)).toContain(
      'You re-assessed THRIVE when new information arrived.',
    );
    const assessed = [
      {
        id: 'a',
        phase: 'update',
        requires: { kind: 'assessed' as const },
        weight: 1,
        severity: 'major' as const,
        missed: 'Re-assess.',
        source: trainerSource,
      },
    ];
    expect(scoreExpectations('ndm', assessed, stale).score).toBe(0);
    expect(scoreExpectations('ndm', assessed, revised).score).toBe(100);
  });

  it('keep the grade across calls and want a reason when it changes', () => {
    const regraded = replay(twoCallMachine, [
      ...firstCall,
      ...entries([30, { type: 'trainee.grade', grade: 'immediate' }]),
    ]).context;
    const graded = [
      {
        id: 'g',
        phase: 'update',
        requires: { kind: 'graded' as const, grade: 'immediate' as const },
        weight: 1,
        severity: 'major' as const,
        missed: 'Regrade.',
        source: trainerSource,
      },
    ];
    expect(scoreExpectations('escalation', graded, regraded).score).toBe(100);
    expect(
      scoreGrading({ scenario: twoCalls, key, call: regraded }).findings.map((f) => f.message),
    ).toContainEqual(
      expect.stringMatching(
        /^You changed the grade from Grade 2 \(60 minutes\) to Grade 1 \(15 minutes\) without writing why/,
      ),
    );
    const reasoned = replay(twoCallMachine, [
      ...firstCall,
      ...entries([
        30,
        { type: 'trainee.grade', grade: 'immediate', reason: 'No attendance after 10 hours; MARAC.' },
      ]),
    ]).context;
    expect(
      scoreGrading({ scenario: twoCalls, key, call: reasoned }).findings.map((f) => f.message),
    ).not.toContainEqual(expect.stringMatching(/without writing why/));
  });

  it('are one incident on one timeline', () => {
    expect(incidentOf(twoCalls, 'update')).toBe('call');
    expect([...phasesOfIncident(twoCalls, 'call')]).toEqual(['call', 'update']);
    expect(timelineSeconds(twoCalls, { phase: 'update', at: 30 })).toBe(600 * 60 + 30);
  });
});

describe('the dispatcher’s queue', () => {
  const queue = {
    count: 60,
    seed: 41,
    templates: [
      { code: 'disturbance' as const, grade: 'priority' as const, summary: 'Shouting in the street' },
      { code: 'criminal-damage' as const, grade: 'scheduled' as const, summary: 'Car window smashed' },
    ],
    places: ['High Street', 'Station Road'],
  };
  it('is generated the same every time for the same seed, and differently for another', () => {
    const first = generateQueue(queue);
    expect(first).toHaveLength(60);
    expect(generateQueue(queue)).toEqual(first);
    expect(generateQueue({ ...queue, seed: 42 })).not.toEqual(first);
    expect(new Set(first.map((incident) => incident.ref)).size).toBe(60);
    expect(first.every((incident) => incident.waitingMinutes >= 0 && incident.waitingMinutes < 300)).toBe(
      true,
    );
  });
});

describe('the dispatcher’s desk', () => {
  const desk = fakeScenario({
    phases: [
      { id: 'call', kind: 'call', title: 'The call', timeLabel: 'Now', clockStart: '10:00', incoming: '999' },
      {
        id: 'desk',
        kind: 'dispatch',
        title: 'Dispatch',
        timeLabel: 'Then',
        clockStart: '10:05',
        incoming: 'Outstanding incidents',
        continues: 'call',
        startsAfter: 5,
      },
    ],
    units: [
      { id: 'unit-1', callsign: 'Alpha 1', status: 'available' },
      { id: 'unit-2', callsign: 'Alpha 2', status: 'committed', note: 'At a collision' },
    ],
    lines: [
      ...fakeScenario().lines,
      {
        id: 'desk-waiting',
        phase: 'desk',
        speaker: 'dispatcher',
        channel: 'log',
        text: 'Incident waiting for a unit.',
        trigger: { on: 'answer' },
      },
      {
        id: 'alpha-1-ack',
        phase: 'desk',
        speaker: 'officer',
        text: 'Alpha 1, received, on our way.',
        trigger: { on: 'assign', unit: 'unit-1' },
        audio: voice,
      },
      {
        id: 'officers-close',
        phase: 'desk',
        speaker: 'officer',
        text: 'No answer at the door. Shall we close it, no offences disclosed?',
        trigger: { on: 'after', line: 'alpha-1-ack', seconds: 600 },
        audio: voice,
      },
      {
        id: 'officers-force-entry',
        phase: 'desk',
        speaker: 'officer',
        text: 'Understood, forcing entry under section 17.',
        trigger: {
          on: 'radio',
          unit: 'unit-1',
          ifMessage: {
            patterns: ['s(ection)? ?17', 'force entry'],
            examples: { match: ['use s17'], noMatch: ['close it'] },
          },
        },
        audio: voice,
      },
      {
        id: 'officers-ok',
        phase: 'desk',
        speaker: 'officer',
        text: 'Received.',
        trigger: { on: 'radio' },
        audio: voice,
      },
    ],
  });
  const deskMachine = createCallMachine(desk);
  const toDesk = entries(
    [0, { type: 'trainee.start' }],
    [0, { type: 'trainee.answer' }],
    [20, { type: 'trainee.closeLog' }],
    [21, { type: 'trainee.continue' }],
  );

  it('starts without ringing, with what is waiting on the log, and takes time skips', () => {
    const atDesk = replay(deskMachine, toDesk);
    expect(atDesk.matches({ call: 'desk' })).toBe(true);
    expect(atDesk.context.progress[1]).toEqual({
      phase: 'desk',
      answeredAt: 0,
      callEndedAt: null,
      logClosedAt: null,
    });
    expect(atDesk.context.transcript.at(-1)?.line).toBe('desk-waiting');
    const later = replay(deskMachine, [...toDesk, ...entries([0, { type: 'clock.skip', minutes: 60 }])]);
    expect(later.context.now).toBe(3600);
  });

  it('sends units, hears them, and answers radio messages by what they say', () => {
    const state = replay(deskMachine, [
      ...toDesk,
      ...entries(
        [10, { type: 'trainee.assign', unit: 'unit-1' }],
        [700, { type: 'trainee.radio', unit: 'unit-1', message: 'Do not close: use s17 to save life.' }],
        [710, { type: 'trainee.radio', message: 'All units, update please.' }],
      ),
    ]);
    expect(state.context.assignments).toEqual([{ phase: 'desk', at: 10, unit: 'unit-1' }]);
    expect(state.context.transcript.slice(-4).map((s) => s.line)).toEqual([
      'alpha-1-ack',
      'officers-close',
      'officers-force-entry',
      'officers-ok',
    ]);
    const radioed = [
      {
        id: 'r',
        phase: 'desk',
        requires: {
          kind: 'radioed' as const,
          saying: { patterns: ['s17'], examples: { match: ['s17'], noMatch: ['no'] } },
        },
        weight: 1,
        severity: 'major' as const,
        missed: 'Challenge.',
        source: trainerSource,
      },
      {
        id: 'a',
        phase: 'desk',
        requires: { kind: 'assigned' as const, unit: 'unit-1' },
        weight: 1,
        severity: 'major' as const,
        missed: 'Send.',
        source: trainerSource,
      },
    ];
    expect(scoreExpectations('escalation', radioed, state.context).score).toBe(100);
    expect(() =>
      replay(deskMachine, [...toDesk, ...entries([10, { type: 'trainee.assign', unit: 'unit-9' }])]),
    ).toThrow(/cannot happen/);
  });
});

describe('misleading wording on the log', () => {
  it('is flagged wherever it is written about the incident, and costs the log', () => {
    const base = fakeAnswerKey();
    const key = fakeAnswerKey({
      logging: {
        ...base.logging,
        ambiguous: [
          {
            id: 'no-action',
            matcher: {
              patterns: ['no (further )?action (is )?required'],
              examples: { match: ['No action required'], noMatch: ['Action: sergeant told'] },
            },
            severity: 'major',
            message: "'No action required' can be read as 'nothing to do'.",
            source: trainerSource,
          },
        ],
      },
    });
    const clear = replay(machine, [
      ...opened,
      ...entries([
        5,
        { type: 'trainee.log', text: 'Something is happening. Sergeant told; awaiting a unit.' },
      ]),
    ]).context;
    const vague = replay(machine, [
      ...opened,
      ...entries([5, { type: 'trainee.log', text: 'Something is happening. No action required.' }]),
    ]).context;
    const clearScore = scoreLogging({ scenario, key, call: clear });
    const vagueScore = scoreLogging({ scenario, key, call: vague });
    expect(clearScore.score - vagueScore.score).toBe(25);
    expect(vagueScore.findings.map((f) => f.message)).toContain(
      "'No action required' can be read as 'nothing to do'.",
    );
  });
});

describe('ringing back', () => {
  it('can be expected to come with the reason it is worth the risk', () => {
    const withReason = [
      {
        id: 'cb',
        phase: 'call',
        requires: {
          kind: 'called-back' as const,
          saying: { patterns: ['risk'], examples: { match: ['worth the risk'], noMatch: ['no reason'] } },
        },
        weight: 1,
        severity: 'major' as const,
        missed: 'Say why.',
        source: trainerSource,
      },
    ];
    const ended = entries(
      [3, { type: 'trainee.ask', topic: 'subject-details' }],
      [12, { type: 'trainee.endCall' }],
    );
    const bare = replay(machine, [
      ...opened,
      ...ended,
      ...entries([30, { type: 'trainee.callBack' }]),
    ]).context;
    const reasoned = replay(machine, [
      ...opened,
      ...ended,
      ...entries([
        30,
        { type: 'trainee.callBack', reason: 'Worth the risk: possible DA victim, cough heard.' },
      ]),
    ]).context;
    expect(scoreExpectations('ndm', withReason, bare).score).toBe(0);
    expect(scoreExpectations('ndm', withReason, reasoned).score).toBe(100);
  });
});

describe('a grade put right later in the incident', () => {
  it('is late rather than lost', () => {
    const twoCalls = fakeScenario({
      phases: [
        {
          id: 'call',
          kind: 'call',
          title: 'First call',
          timeLabel: 'Night',
          clockStart: '02:00',
          incoming: '999',
        },
        {
          id: 'desk',
          kind: 'dispatch',
          title: 'At the desk',
          timeLabel: 'Later',
          clockStart: '02:30',
          incoming: 'Queue',
          continues: 'call',
        },
      ],
    });
    const key = fakeAnswerKey({
      grading: { ...fakeAnswerKey().grading, expected: 'immediate', dangerToLife: true },
    });
    const toDesk = entries(
      [0, { type: 'trainee.start' }],
      [0, { type: 'trainee.answer' }],
      [10, { type: 'trainee.grade', grade: 'priority' }],
      [20, { type: 'trainee.closeLog' }],
      [21, { type: 'trainee.continue' }],
    );
    const machineAtDesk = createCallMachine(twoCalls);
    const never = scoreGrading({ scenario: twoCalls, key, call: replay(machineAtDesk, toDesk).context });
    expect(never.score).toBe(0);
    expect(never.findings[0]?.severity).toBe('critical');
    const later = scoreGrading({
      scenario: twoCalls,
      key,
      call: replay(machineAtDesk, [
        ...toDesk,
        ...entries([60, { type: 'trainee.grade', grade: 'immediate', reason: 'MARAC found.' }]),
      ]).context,
    });
    expect(later.score).toBe(50);
    expect(later.findings[0]?.severity).toBe('major');
    expect(later.findings[0]?.message).toMatch(
      /only raised it to Grade 1 \(15 minutes\) later \(At the desk\)/,
    );
  });
});
