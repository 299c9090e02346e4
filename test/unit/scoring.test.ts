import { describe, expect, it } from 'vitest';
import type { AttemptEvent } from '../../machines/events.ts';
import type { Severity } from '../../machines/vocabulary.ts';
import { scoreEscalation as scoreEscalationRubric } from '../../src/scoring/rubrics/escalation.ts';
import { scoreGrading as scoreGradingRubric } from '../../src/scoring/rubrics/grading.ts';
import { scoreLogging as scoreLoggingRubric } from '../../src/scoring/rubrics/logging.ts';
import { scoreNdm as scoreNdmRubric } from '../../src/scoring/rubrics/ndm.ts';
import { scoreOpeningCode as scoreOpeningCodeRubric } from '../../src/scoring/rubrics/opening-code.ts';
import { scoreThrive as scoreThriveRubric } from '../../src/scoring/rubrics/thrive.ts';
import { bandFor, scoreCall } from '../../src/scoring/score.ts';
import type { DimensionResult } from '../../src/scoring/types.ts';
import { fakeAnswerKey, fakeScenario, playCall, saying, trainerSource } from '../fixtures/builders.ts';

const scoreEscalation = saying(scoreEscalationRubric);
const scoreGrading = saying(scoreGradingRubric);
const scoreLogging = saying(scoreLoggingRubric);
const scoreNdm = saying(scoreNdmRubric);
const scoreOpeningCode = saying(scoreOpeningCodeRubric);
const scoreThrive = saying(scoreThriveRubric);

const scenario = fakeScenario();
const key = fakeAnswerKey();
const opened: [number, AttemptEvent][] = [
  [0, { type: 'trainee.start', assisted: true }],
  [0, { type: 'trainee.answer' }],
];
const callWith = (...events: [number, AttemptEvent][]) => playCall(scenario, ...opened, ...events);
const severities = (result: DimensionResult) => result.findings.map((f) => f.severity);

const thriveAll = (rationale: (element: string) => string, at = 20): [number, AttemptEvent][] =>
  (['threat', 'harm', 'risk', 'investigation', 'vulnerability', 'engagement'] as const).map((element) => [
    at,
    { type: 'trainee.thrive', element, rationale: rationale(element) },
  ]);
const fullRationale = (element: string) =>
  `The ${element === 'vulnerability' ? 'vulnerable' : element} picture, explained in words.`;

describe('opening code', () => {
  it.each<[string, [number, AttemptEvent][], number, Severity]>([
    ['the expected code', [[5, { type: 'trainee.code', code: 'domestic-abuse' }]], 100, 'good-practice'],
    ['an acceptable alternative', [[5, { type: 'trainee.code', code: 'concern-for-safety' }]], 70, 'minor'],
    ['a wrong code', [[5, { type: 'trainee.code', code: 'disturbance' }]], 0, 'major'],
    ['no code at all', [], 0, 'major'],
    [
      'a wrong code corrected later, with a reason',
      [
        [5, { type: 'trainee.code', code: 'disturbance' }],
        [9, { type: 'trainee.code', code: 'domestic-abuse', reason: 'She says it is her ex-husband.' }],
      ],
      100,
      'good-practice',
    ],
  ])('%s', (_, events, score, severity) => {
    const result = scoreOpeningCode({ scenario, key, call: callWith(...events) });
    expect(result.score).toBe(score);
    expect(severities(result)).toEqual([severity]);
  });

  it('says when the trainee repeated the real call handler’s choice', () => {
    const result = scoreOpeningCode({
      scenario,
      key,
      call: callWith([5, { type: 'trainee.code', code: 'suspicious-circumstances' }]),
    });
    expect(result.findings[0]?.message).toMatch(/real case made the same choice/);
  });
});

describe('changes without a reason', () => {
  it('cost the opening code and the grade, wherever in the incident they were made', () => {
    const call = callWith(
      [5, { type: 'trainee.code', code: 'disturbance' }],
      [9, { type: 'trainee.code', code: 'domestic-abuse' }],
      [10, { type: 'trainee.grade', grade: 'scheduled' }],
      [20, { type: 'trainee.grade', grade: 'priority' }],
    );
    const code = scoreOpeningCode({ scenario, key, call });
    expect(code.score).toBe(90);
    expect(code.findings.map((f) => [f.severity, f.message])).toContainEqual([
      'moderate',
      expect.stringMatching(/^You changed the code from Disturbance to Domestic abuse without writing why/),
    ]);
    const grade = scoreGrading({ scenario, key, call });
    expect(grade.score).toBe(90);
    expect(grade.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(
        /^You changed the grade from Grade 3 to Grade 2 \(60 minutes\) without writing why/,
      ),
    );
  });
});

describe('grading', () => {
  it.each<[string, [number, AttemptEvent][], boolean, number, Severity]>([
    [
      'the expected grade in time',
      [[30, { type: 'trainee.grade', grade: 'priority' }]],
      true,
      100,
      'good-practice',
    ],
    ['the expected grade, late', [[300, { type: 'trainee.grade', grade: 'priority' }]], true, 80, 'moderate'],
    ['over-graded', [[30, { type: 'trainee.grade', grade: 'immediate' }]], true, 75, 'minor'],
    [
      'under-graded with danger to life',
      [[30, { type: 'trainee.grade', grade: 'scheduled' }]],
      true,
      0,
      'critical',
    ],
    [
      'under-graded without danger to life',
      [[30, { type: 'trainee.grade', grade: 'scheduled' }]],
      false,
      40,
      'major',
    ],
    ['not graded, danger to life', [], true, 0, 'critical'],
    ['not graded, no danger to life', [], false, 0, 'major'],
  ])('%s', (_, events, dangerToLife, score, severity) => {
    const result = scoreGrading({
      scenario,
      key: fakeAnswerKey({ grading: { ...key.grading, dangerToLife } }),
      call: callWith(...events),
    });
    expect(result.score).toBe(score);
    expect(severities(result)).toEqual([severity]);
  });

  it('names grades in the force’s own words and targets', () => {
    const result = scoreGrading({
      scenario,
      key,
      call: callWith([30, { type: 'trainee.grade', grade: 'scheduled' }]),
    });
    expect(result.findings[0]?.message).toContain('Grade 3; it needed Grade 2 (60 minutes)');
  });
});

describe('THRIVE', () => {
  it('scores full marks for six substantive rationales naming the key factors, the right risk, no new information', () => {
    const result = scoreThrive({
      scenario,
      key,
      call: callWith(...thriveAll(fullRationale), [21, { type: 'trainee.risk', level: 'medium' }]),
    });
    expect(result.score).toBe(100);
    expect(severities(result)).toEqual(['good-practice']);
  });

  it('marks down one-word rationales and says so', () => {
    const result = scoreThrive({
      scenario,
      key,
      call: callWith(...thriveAll((e) => (e === 'vulnerability' ? 'vulnerable' : e)), [
        21,
        { type: 'trainee.risk', level: 'medium' },
      ]),
    });
    expect(result.score).toBe(Math.round(70 * 0.8 + 20 + 10));
    const tooShort = result.findings.find((f) => f.message.startsWith('Rationale too short'));
    expect(tooShort?.severity).toBe('moderate');
    expect(tooShort?.message).toContain('Threat, Harm, Risk, Investigation, Vulnerability, Engagement');
  });

  it('gives nothing for an empty assessment', () => {
    const result = scoreThrive({ scenario, key, call: callWith() });
    expect(result.score).toBe(0);
    expect(severities(result)).toEqual(['major', 'major']);
  });

  it('gives credit for presence and substance but not for rationales that miss the key factors', () => {
    const result = scoreThrive({
      scenario,
      key,
      call: callWith(...thriveAll(() => 'words that say nothing useful'), [
        21,
        { type: 'trainee.risk', level: 'medium' },
      ]),
    });
    expect(result.score).toBe(Math.round(70 * 0.5 + 20 + 10));
    expect(result.findings.filter((f) => f.severity === 'minor')).toHaveLength(6);
  });

  it.each<[string, 'low' | 'medium' | 'high', number, Severity]>([
    ['too low', 'low', 80, 'major'],
    ['too high', 'high', 90, 'minor'],
  ])('marks a risk level that is %s', (_, level, score, severity) => {
    const result = scoreThrive({
      scenario,
      key,
      call: callWith(...thriveAll(fullRationale), [21, { type: 'trainee.risk', level }]),
    });
    expect(result.score).toBe(score);
    expect(severities(result)).toContain(severity);
  });

  it('expects a re-assessment when watched information arrives after the first THRIVE', () => {
    const check: [number, AttemptEvent] = [
      40,
      { type: 'trainee.check', system: 'local-intelligence', query: 'Jo Bloggs', subject: 'caller' },
    ];
    const withoutReassessment = scoreThrive({
      scenario,
      key,
      call: callWith(...thriveAll(fullRationale), [21, { type: 'trainee.risk', level: 'medium' }], check),
    });
    expect(withoutReassessment.score).toBe(90);
    expect(withoutReassessment.findings.find((f) => f.severity === 'moderate')?.message).toContain(
      'She is known to a MARAC.',
    );
    const reassessed = scoreThrive({
      scenario,
      key,
      call: callWith(...thriveAll(fullRationale), [21, { type: 'trainee.risk', level: 'medium' }], check, [
        50,
        {
          type: 'trainee.thrive',
          element: 'vulnerability',
          rationale: 'Now known to a MARAC: vulnerable, repeat victim.',
        },
      ]),
    });
    expect(reassessed.score).toBe(100);
    expect(reassessed.findings.map((f) => f.message)).toContain(
      'You re-assessed THRIVE when new information arrived.',
    );
  });
});

describe('NDM', () => {
  it('credits behaviour done in time, half-credits late, and lists what was missed', () => {
    const inTime = scoreNdm({
      scenario,
      key,
      call: callWith(
        [5, { type: 'trainee.ask', topic: 'threats-made' }],
        [30, { type: 'trainee.check', system: 'local-intelligence', query: 'Jo Bloggs', subject: 'caller' }],
      ),
    });
    expect(inTime.score).toBe(100);
    const late = scoreNdm({
      scenario,
      key,
      call: callWith(
        [5, { type: 'trainee.ask', topic: 'threats-made' }],
        [90, { type: 'trainee.check', system: 'local-intelligence', query: 'Jo Bloggs', subject: 'caller' }],
      ),
    });
    expect(late.score).toBe(Math.round(((1 + 3 * 0.5) / 4) * 100));
    expect(late.findings.find((f) => f.severity === 'major')?.message).toMatch(
      /after 1 min 30 s; it should be within 1 min/,
    );
    const none = scoreNdm({ scenario, key, call: callWith() });
    expect(none.score).toBe(0);
    expect(none.findings.map((f) => f.message)).toEqual(['Ask about threats.', 'Check the caller.']);
  });

  it.each<[string, [number, AttemptEvent][], number]>([
    [
      'rang back and linked',
      [
        [4, { type: 'trainee.endCall' }],
        [30, { type: 'trainee.callBack' }],
        [40, { type: 'trainee.link', incident: 'earlier-call' }],
      ],
      100,
    ],
    ['linked only', [[40, { type: 'trainee.link', incident: 'earlier-call' }]], 50],
    ['neither', [], 0],
  ])('credits ringing back and linking incidents: %s', (_, events, score) => {
    const requirementKey = fakeAnswerKey({
      ndm: {
        expectations: [
          {
            id: 'ring-back',
            element: 'gather',
            phase: 'call',
            requires: { kind: 'called-back' },
            weight: 1,
            severity: 'major',
            missed: 'Ring back.',
            source: key.thrive.source,
          },
          {
            id: 'link',
            element: 'gather',
            phase: 'call',
            requires: { kind: 'linked', incident: 'earlier-call' },
            weight: 1,
            severity: 'major',
            missed: 'Link it.',
            source: key.thrive.source,
          },
        ],
      },
    });
    expect(scoreNdm({ scenario, key: requirementKey, call: callWith(...events) }).score).toBe(score);
  });

  it('checks THRIVE came before the grade', () => {
    const thriveKey = fakeAnswerKey({
      ndm: {
        expectations: [
          {
            id: 't',
            element: 'assess',
            phase: 'call',
            requires: { kind: 'thrive-before-grade' },
            weight: 1,
            severity: 'moderate',
            missed: 'THRIVE first.',
            source: key.thrive.source,
          },
        ],
      },
    });
    const before = scoreNdm({
      scenario,
      key: thriveKey,
      call: callWith(...thriveAll(fullRationale, 20), [30, { type: 'trainee.grade', grade: 'priority' }]),
    });
    expect(before.score).toBe(100);
    const after = scoreNdm({
      scenario,
      key: thriveKey,
      call: callWith([10, { type: 'trainee.grade', grade: 'priority' }], ...thriveAll(fullRationale, 20)),
    });
    expect(after.score).toBe(0);
  });
});

describe('logging', () => {
  it('scores an empty log zero', () => {
    const result = scoreLogging({ scenario, key, call: callWith() });
    expect(result.score).toBe(0);
    expect(result.findings[0]?.message).toMatch(/recorded nothing/);
  });

  it('only holds the log to facts the trainee elicited', () => {
    // Only the opening fact has been disclosed: the threat and the MARAC were never asked or checked.
    const result = scoreLogging({
      scenario,
      key,
      call: callWith([5, { type: 'trainee.log', text: 'Caller says something is happening now.' }]),
    });
    expect(result.score).toBe(100);
  });

  it('wants the caller’s exact words where the key requires them', () => {
    const asked: [number, AttemptEvent] = [5, { type: 'trainee.ask', topic: 'threats-made' }];
    const paraphrased = scoreLogging({
      scenario,
      key,
      call: callWith(asked, [
        9,
        { type: 'trainee.log', text: 'Something happening; threat to kill made, caller very frightened.' },
      ]),
    });
    expect(paraphrased.score).toBe(Math.round(((1 + 2 * 0.6) / 3) * 100));
    expect(paraphrased.findings.map((f) => f.message)).toContain(
      'Record the caller\'s exact words: "he would kill me".',
    );
    const quoted = scoreLogging({
      scenario,
      key,
      call: callWith(asked, [
        9,
        { type: 'trainee.log', text: 'Something happening. Caller: "He would KILL me."' },
      ]),
    });
    expect(quoted.score).toBe(100);
  });

  it('flags a one-line log that leaves disclosed risk out', () => {
    const result = scoreLogging({
      scenario,
      key,
      call: callWith(
        [5, { type: 'trainee.ask', topic: 'threats-made' }],
        [9, { type: 'trainee.log', text: 'Something happening at the address.' }],
      ),
    });
    expect(result.findings.map((f) => [f.severity, f.message])).toContainEqual([
      'major',
      expect.stringMatching(/^Your log is 5 words long/),
    ]);
  });
});

describe('escalation', () => {
  it.each<[string, [number, AttemptEvent][], number]>([
    ['in time', [[60, { type: 'trainee.escalate', to: 'supervisor', reason: 'risk' }]], 100],
    ['late', [[400, { type: 'trainee.escalate', to: 'supervisor', reason: 'risk' }]], 50],
    ['to the wrong person', [[60, { type: 'trainee.escalate', to: 'dispatcher', reason: 'risk' }]], 0],
    ['not at all', [], 0],
  ])('%s', (_, events, score) => {
    expect(scoreEscalation({ scenario, key, call: callWith(...events) }).score).toBe(score);
  });
});

describe('total and band', () => {
  it.each<[number, boolean, string]>([
    [95, false, 'high'],
    [90, false, 'high'],
    [80, false, 'compliant'],
    [65, false, 'partial'],
    [45, false, 'low'],
    [10, false, 'non-compliant'],
    [95, true, 'low'],
    [20, true, 'non-compliant'],
  ])('total %i with critical %s is %s', (total, critical, band) => {
    expect(bandFor(total, critical)).toBe(band);
  });

  it('weights the dimensions, sorts findings worst first and scores an empty attempt zero', () => {
    const report = scoreCall(scenario, key, callWith());
    expect(report.total).toBe(0);
    expect(report.band).toBe('non-compliant');
    expect(report.findings[0]?.severity).toBe('critical');
    const weights = Object.values(report.dimensions).map((d) => d.weight);
    expect(weights.reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('what a button-clicker cannot get away with', () => {
  const harmful = fakeAnswerKey({
    ndm: {
      ...key.ndm,
      harmful: [
        {
          id: 'cpr',
          advice: 'start-cpr',
          phase: 'call',
          weight: 2,
          severity: 'major',
          why: 'Nobody is hurt.',
          source: { kind: 'trainer-judgement', ref: 'test' },
        },
        {
          id: 'scene',
          advice: 'preserve-evidence',
          phase: 'call',
          unless: { kind: 'asked', topic: 'threats-made' },
          weight: 1,
          severity: 'moderate',
          why: 'Not before you know what happened.',
          source: { kind: 'trainer-judgement', ref: 'test' },
        },
      ],
    },
  });
  const speak = (text: string, advice: 'start-cpr' | 'preserve-evidence'): AttemptEvent => ({
    type: 'trainee.speak',
    text,
    intents: [{ advise: advice }],
  });
  const done: [number, AttemptEvent][] = [
    [5, { type: 'trainee.ask', topic: 'threats-made' }],
    [10, { type: 'trainee.check', system: 'local-intelligence', query: 'Jo Bloggs', subject: 'caller' }],
  ];

  it('makes advice wrong for the call a finding with its reason, and costs its weight', () => {
    const clean = scoreNdm({ scenario, key: harmful, call: callWith(...done) });
    const wrong = scoreNdm({
      scenario,
      key: harmful,
      call: callWith(...done, [20, speak('start cpr', 'start-cpr')]),
    });
    expect(clean.score).toBe(100);
    expect(wrong.score).toBe(50); // (4 earned - 2 harmful) of 4
    expect(wrong.findings.find((f) => f.message.includes('Nobody is hurt.'))?.severity).toBe('major');
  });

  it('excuses advice once what makes it right was done first', () => {
    const early = callWith([3, speak("don't touch anything", 'preserve-evidence')], ...done);
    const late = callWith(...done, [20, speak("don't touch anything", 'preserve-evidence')]);
    expect(
      scoreNdm({ scenario, key: harmful, call: early }).findings.some((f) =>
        f.message.includes('Not before'),
      ),
    ).toBe(true);
    expect(
      scoreNdm({ scenario, key: harmful, call: late }).findings.some((f) => f.message.includes('Not before')),
    ).toBe(false);
  });

  it('costs points for talking over the caller, more the more often', () => {
    const polite = scoreNdm({ scenario, key, call: callWith(...done) });
    const once = scoreNdm({
      scenario,
      key,
      call: callWith(
        [1, { type: 'trainee.ask', topic: 'threats-made' }],
        [10, { type: 'trainee.check', system: 'local-intelligence', query: 'Jo Bloggs', subject: 'caller' }],
      ),
    });
    expect(polite.findings.some((f) => /talked over/.test(f.message))).toBe(false);
    const talkedOver = once.findings.find((f) => /talked over the caller 1 time/.test(f.message));
    expect(talkedOver?.severity).toBe('minor');
    expect(talkedOver?.source.kind).toBe('trainer-judgement');
    expect(once.score).toBeLessThan(polite.score);
  });

  it('gives THRIVE no credit for a factor the trainee had not learned, and flags it', () => {
    const withFacts = fakeAnswerKey({
      thrive: {
        ...key.thrive,
        elements: {
          ...key.thrive.elements,
          vulnerability: {
            keyFactors: [
              {
                id: 'marac',
                label: 'A MARAC',
                matcher: { patterns: ['marac'], examples: { match: ['marac'], noMatch: ['x'] } },
                facts: ['check-fact'],
              },
            ],
          },
        },
      },
    });
    const guessed = thriveAll(
      (e) => (e === 'vulnerability' ? 'She is known to a MARAC, I think.' : fullRationale(e)),
      20,
    );
    const before = scoreThrive({ scenario, key: withFacts, call: callWith(...guessed) });
    const after = scoreThrive({
      scenario,
      key: withFacts,
      call: callWith(
        [10, { type: 'trainee.check', system: 'local-intelligence', query: 'Jo Bloggs', subject: 'caller' }],
        ...guessed,
      ),
    });
    expect(after.score).toBeGreaterThan(before.score);
    expect(before.findings.some((f) => /nothing on this call had told you/.test(f.message))).toBe(true);
    expect(after.findings.some((f) => /nothing on this call had told you/.test(f.message))).toBe(false);
  });

  it('credits a message only for what it carries and what had been learned when it was sent', () => {
    const flag = fakeAnswerKey({
      escalation: {
        expectations: [
          {
            id: 'flag',
            phase: 'call',
            requires: {
              kind: 'escalated',
              to: 'dispatcher',
              saying: { patterns: ['marac'], examples: { match: ['marac'], noMatch: ['door'] } },
              about: ['check-fact'],
            },
            weight: 1,
            severity: 'major',
            missed: 'Tell dispatch about the MARAC.',
            source: { kind: 'iopc-finding', ref: 'test' },
          },
        ],
      },
    });
    const escalate = (at: number, reason: string): [number, AttemptEvent] => [
      at,
      { type: 'trainee.escalate', to: 'dispatcher', reason },
    ];
    const check: [number, AttemptEvent] = [
      10,
      { type: 'trainee.check', system: 'local-intelligence', query: 'Jo Bloggs', subject: 'caller' },
    ];
    const vague = scoreEscalation({
      scenario,
      key: flag,
      call: callWith(check, escalate(20, "someone's buzzing at my door")),
    });
    const guessed = scoreEscalation({
      scenario,
      key: flag,
      call: callWith(escalate(5, 'MARAC victim'), check),
    });
    const told = scoreEscalation({
      scenario,
      key: flag,
      call: callWith(check, escalate(20, 'MARAC victim, ex at the door')),
    });
    expect([vague.score, guessed.score, told.score]).toEqual([0, 0, 100]);
    expect(guessed.findings.some((f) => /names risk nothing on this call had told you/.test(f.message))).toBe(
      true,
    );
  });

  it('keeps a call that repeats a major failing the IOPC found out of the top band, whatever its total', () => {
    const iopc = fakeAnswerKey({
      ndm: {
        expectations: [
          ...key.ndm.expectations.map((e) =>
            e.id === 'check-caller'
              ? { ...e, weight: 1, source: { kind: 'iopc-finding' as const, ref: 'no checks' } }
              : e,
          ),
          {
            id: 'filler',
            element: 'options',
            phase: 'call',
            requires: { kind: 'logged' },
            weight: 50,
            severity: 'minor',
            missed: 'Log.',
            source: trainerSource,
          },
        ],
      },
    });
    const good = [
      [4, { type: 'trainee.code', code: 'domestic-abuse' }],
      ...thriveAll(
        (e) =>
          `${fullRationale(e)} ${e === 'vulnerability' ? 'vulnerab' : e === 'engagement' ? 'engage' : e}`,
        15,
      ),
      [16, { type: 'trainee.risk', level: 'medium' }],
      [20, { type: 'trainee.grade', grade: 'priority' }],
      [5, { type: 'trainee.ask', topic: 'threats-made' }],
      [25, { type: 'trainee.log', text: 'Something is happening: he said "he would kill me". MARAC.' }],
      [26, { type: 'trainee.escalate', to: 'supervisor', reason: 'high risk' }],
    ] as [number, AttemptEvent][];
    const ordered = good.sort((a, b) => a[0] - b[0]);
    const report = scoreCall(scenario, iopc, callWith(...ordered));
    expect(report.total).toBeGreaterThanOrEqual(90);
    expect(report.band).toBe('compliant');
    expect(report.capped).toBe('iopc-failing');
  });
});
