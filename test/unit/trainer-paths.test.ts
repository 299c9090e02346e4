/*
 * Paths a trainer would mark down, played on the real scenarios: pressing everything, skipping the
 * checks the IOPC found missing, telling dispatch nothing, misspelling a search. Built from the model
 * attempt, so each differs from best practice in the one way it is named for.
 */
import { describe, expect, it } from 'vitest';
import type { AttemptEvent } from '../../machines/events.ts';
import { findSubject } from '../../machines/search.ts';
import { ADVICE, TOPICS } from '../../machines/vocabulary.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { parseAttempt, type AttemptEntry } from '../../src/engine/attempt.ts';
import { scoreEvents } from '../../src/scoring/score-attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { sourceOf } from '../../src/strings/findings.ts';
import { catalogueScenario, withWords } from '../fixtures/builders.ts';

const ltl4102 = await catalogueScenario('ltl41-02');
const ltl4104 = await catalogueScenario('ltl41-04');

const modelOf = (scenario: ScenarioModule) => parseAttempt(scenario.referenceAttempts.model).events;
const phaseOf = (scenario: ScenarioModule, events: readonly AttemptEntry[]) => {
  let phase = 0;
  return events.map((event) => {
    const here = phase;
    if (event.type === 'trainee.continue') phase++;
    return scenario.definition.phases[here]?.id ?? '';
  });
};

/** The model with these events put in after the answer to the given call, everything later moved on. */
function pressEverythingFirst(scenario: ScenarioModule, phase: string, gap: number): AttemptEntry[] {
  const events = modelOf(scenario);
  const phases = phaseOf(scenario, events);
  const answer = events.findIndex((e, i) => e.type === 'trainee.answer' && phases[i] === phase);
  const from = (events[answer]?.at ?? 0) + 2;
  const said: AttemptEvent[] = [
    ...TOPICS.map((topic): AttemptEvent => ({
      type: 'trainee.speak',
      text: `(${topic})`,
      intents: [{ ask: topic }],
    })),
    ...ADVICE.map((advice): AttemptEvent => ({
      type: 'trainee.speak',
      text: `(${advice})`,
      intents: [{ advise: advice }],
    })),
  ];
  const pressed = said.map((event, i) => ({ ...event, at: from + i * gap }) as AttemptEntry);
  const shift = said.length * gap + 5;
  return [
    ...events.slice(0, answer + 1),
    ...pressed,
    ...events
      .slice(answer + 1)
      .map((event, i) => (phases[answer + 1 + i] === phase ? { ...event, at: event.at + shift } : event)),
  ];
}

/** Scored, each finding with the words the trainee reads. */
const score = (scenario: ScenarioModule, events: readonly AttemptEntry[]) => {
  const report = scoreEvents(scenario, events);
  const context = { scenario: scenario.definition, key: scenario.answerKey };
  return { ...report, findings: report.findings.map((finding) => withWords(finding, context)) };
};
const messages = (report: ReturnType<typeof score>) => report.findings.map((f) => f.message);

describe('case 2: what a trainer takes off', () => {
  const model = score(ltl4102, modelOf(ltl4102));

  it('the model is high compliance', () => {
    expect(model.total).toBeGreaterThanOrEqual(90);
    expect(model.band).toBe('high');
  });

  it.each([1, 6])(
    'asking every question and giving every piece of advice first (one every %i s) scores worse than the model, never high',
    (gap) => {
      const report = score(ltl4102, pressEverythingFirst(ltl4102, 'call-999', gap));
      expect(report.band).not.toBe('high');
      expect(report.total).toBeLessThan(model.total - 10);
      // Advice wrong for the call is named with its reason.
      expect(
        report.findings.filter((f) => f.dimension === 'ndm' && f.message.startsWith('You told the caller'))
          .length,
      ).toBeGreaterThanOrEqual(3);
      if (gap === 1) expect(messages(report).some((m) => /talked over the caller/.test(m))).toBe(true);
    },
  );

  it('a 999 call with no intelligence checks cannot reach the top band, and says what the IOPC found', () => {
    const events = modelOf(ltl4102);
    const phases = phaseOf(ltl4102, events);
    const report = score(
      ltl4102,
      events.filter((e, i) => !(e.type === 'trainee.check' && phases[i] === 'call-999')),
    );
    expect(report.band).not.toBe('high');
    expect(
      report.findings.some(
        (f) =>
          f.source.kind === 'iopc-finding' && /no intelligence checks/i.test(sourceOf(f.source).quote ?? ''),
      ),
    ).toBe(true);
  });

  it('handing the call to dispatch with only the first line earns no credit for flagging the risk', () => {
    const vague = modelOf(ltl4102).map((e) =>
      e.type === 'trainee.escalate' && e.to === 'dispatcher'
        ? { ...e, reason: "someone's buzzing at my door, don't know who it is" }
        : e,
    );
    const report = score(ltl4102, vague);
    const flagged = ltl4102.answerKey.escalation.expectations.find(
      (x) => x.requires.kind === 'escalated' && x.requires.to === 'dispatcher',
    );
    expect(messages(report)).toContain(flagged?.missed);
    expect(report.dimensions.escalation.score).toBeLessThan(model.dimensions.escalation.score);
  });

  it('a misspelt search still finds the person, as a real system would; a wrong one finds nothing', () => {
    const subjects = ltl4102.definition.subjects;
    expect(findSubject(subjects, 'local-intelligence', 'Amanda Asch')).toBe('caller');
    expect(findSubject(subjects, 'address-markers', '14 alder cl')).toBe('home-address');
    expect(findSubject(subjects, 'address-markers', '41 Alder Close')).toBeNull();
    const misspelt = modelOf(ltl4102).map((e) =>
      e.type === 'trainee.check' && e.subject === 'caller' ? { ...e, query: 'amanda asch' } : e,
    );
    expect(score(ltl4102, misspelt).total).toBe(model.total);
  });

  it('a THRIVE naming the MARAC without the check that reveals it earns nothing for it, and is flagged', () => {
    const events = modelOf(ltl4102);
    const phases = phaseOf(ltl4102, events);
    const unchecked = events.filter(
      (e, i) => !(e.type === 'trainee.check' && e.subject === 'caller' && phases[i] === 'call-999'),
    );
    const report = score(ltl4102, unchecked);
    const element = strings.vocabulary.thriveElements.vulnerability;
    expect(messages(report).some((m) => m.startsWith(`Your ${element} rationale names`))).toBe(true);
  });
});

describe('case 4: the suicide risk must reach dispatch', () => {
  it('"drink driver on Marsh Lane" does not tell the dispatcher about the suicide risk', () => {
    const vague = modelOf(ltl4104).map((e) =>
      e.type === 'trainee.escalate' && e.to === 'dispatcher'
        ? { ...e, reason: 'drink driver on Marsh Lane' }
        : e,
    );
    const model = score(ltl4104, modelOf(ltl4104));
    const report = score(ltl4104, vague);
    expect(report.dimensions.escalation.score).toBeLessThan(model.dimensions.escalation.score);
    expect(messages(report).some((m) => /suicide/i.test(m) && /dispatch/i.test(m))).toBe(true);
  });
});
