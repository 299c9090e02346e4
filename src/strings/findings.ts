/*
 * The words of a finding, rendered at the edge from the strings module and the scenario's own text (the
 * answer key's reasons, the facts, the force's grade names). The scoring core hands over ids and numbers
 * only; everything a trainee reads about a finding is put together here.
 */
import type { AnswerKey, ScenarioDefinition, SourceRef } from '../../machines/scenario-format.ts';
import type { Grade, OpeningCode, RiskLevel, ThriveElement } from '../../machines/vocabulary.ts';
import { STANDARD_SOURCES, type Finding, type FindingSource } from '../scoring/findings.ts';
import { strings } from './en-gb.ts';

/** The force's name for a grade with its target, e.g. "Immediate (15 minutes)". */
export function gradeName(scenario: ScenarioDefinition, grade: Grade): string {
  const local = scenario.force.grades.find((g) => g.grade === grade);
  const label = local?.label ?? strings.vocabulary.grades[grade];
  return local?.targetMinutes ? strings.vocabulary.gradeWithTarget(label, local.targetMinutes) : label;
}

/** What a finding rests on, in words: the answer key's own reference, or a rule's standard source. */
export function sourceOf(source: FindingSource): SourceRef {
  if (!('standard' in source)) return source;
  const standard = STANDARD_SOURCES[source.standard];
  return {
    kind: source.kind,
    ref: strings.sources[source.standard],
    ...('quote' in standard ? { quote: standard.quote } : {}),
  };
}

/** Everything a finding's words may draw on besides the strings: the scenario and its answer key. */
export interface FindingContext {
  scenario: ScenarioDefinition;
  key: AnswerKey;
}

export function renderFinding(finding: Finding, { scenario, key }: FindingContext): string {
  const s = strings.scoring;
  const code = (id: string) => strings.vocabulary.openingCodes[id as OpeningCode] ?? id;
  const grade = (id: string) => gradeName(scenario, id as Grade);
  const level = (id: string) => (strings.vocabulary.riskLevels[id as RiskLevel] ?? id).toLowerCase();
  const element = (id: string) => strings.vocabulary.thriveElements[id as ThriveElement] ?? id;
  const fact = (id: string) => scenario.facts.find((f) => f.id === id)?.summary ?? id;
  const factorLabels = (of: string, ids: readonly string[]) =>
    ids
      .map((id) => key.thrive.elements[of as ThriveElement]?.keyFactors.find((f) => f.id === id)?.label ?? id)
      .join('; ');
  const expectation = (id: string) =>
    (finding.dimension === 'ndm' ? key.ndm.expectations : key.escalation.expectations).find(
      (e) => e.id === id,
    );
  const loggedFact = (id: string) => key.logging.facts.find((f) => f.fact === id);

  switch (finding.rule) {
    case 'code-missing':
      return s.codeMissing(code(finding.params.expected));
    case 'code-expected':
      return s.codeExpected(code(finding.params.code));
    case 'code-acceptable': {
      const { code: chosen, expected } = finding.params;
      const note = key.openingCode.acceptable?.find((a) => a.code === chosen)?.note ?? '';
      return s.codeAcceptable(code(chosen), code(expected), note);
    }
    case 'code-wrong': {
      const { code: chosen, expected, asInRealCase } = finding.params;
      const wrong = s.codeWrong(code(chosen), code(expected), key.openingCode.why);
      return asInRealCase ? `${wrong} ${s.codeSameAsHistory}` : wrong;
    }
    case 'grade-missing':
      return s.gradeMissing(grade(finding.params.expected));
    case 'grade-expected':
      return s.gradeExpected(grade(finding.params.grade));
    case 'grade-late':
      return s.gradeLate(grade(finding.params.grade), finding.params.seconds, finding.params.within);
    case 'grade-under':
      return s.underGraded(grade(finding.params.grade), grade(finding.params.expected), key.grading.why);
    case 'grade-corrected-later': {
      const { grade: chosen, corrected, phase } = finding.params;
      const when = scenario.phases.find((p) => p.id === phase)?.title ?? phase;
      return s.gradeCorrectedLater(grade(chosen), grade(corrected), when, key.grading.why);
    }
    case 'grade-over':
      return s.overGraded(grade(finding.params.grade), grade(finding.params.expected));
    case 'changed-without-reason': {
      const name = finding.dimension === 'grading' ? grade : code;
      const what = finding.dimension === 'grading' ? s.changedWhat.grade : s.changedWhat.code;
      return s.changedWithoutReason(what, name(finding.params.from), name(finding.params.to));
    }
    case 'thrive-missing':
      return s.thriveMissing(finding.params.elements.map(element).join(', '));
    case 'thrive-too-short':
      return s.thriveTooShort(finding.params.elements.map(element).join(', '), finding.params.words);
    case 'thrive-factors-missed': {
      const { element: of, factors } = finding.params;
      return s.thriveFactorsMissed(element(of), factorLabels(of, factors));
    }
    case 'thrive-factors-not-learned': {
      const { element: of, factors } = finding.params;
      return s.factNotLearned(element(of), factorLabels(of, factors));
    }
    case 'thrive-complete':
      return s.thriveComplete;
    case 'risk-missing':
      return s.riskMissing(level(finding.params.expected));
    case 'risk-low':
      return s.riskLow(level(finding.params.level), level(finding.params.expected));
    case 'risk-high':
      return s.riskHigh(level(finding.params.level), level(finding.params.expected));
    case 'not-reassessed':
      return s.notReassessed(finding.params.facts.map(fact).join(' '));
    case 'reassessed':
      return s.reassessed;
    case 'expectation-missed':
      return expectation(finding.params.expectation)?.missed ?? finding.params.expectation;
    case 'expectation-late': {
      const { expectation: id, seconds, within } = finding.params;
      const expected = expectation(id);
      return s.late(expected?.met ?? expected?.missed ?? id, seconds, within);
    }
    case 'expectation-met':
      return expectation(finding.params.expectation)?.met ?? finding.params.expectation;
    case 'message-not-learned':
      return s.messageNotLearned(finding.quoting ?? '');
    case 'harmful-advice': {
      const entry = key.ndm.harmful?.find((h) => h.id === finding.params.harmful);
      if (!entry) return finding.params.harmful;
      return s.harmfulAdvice(strings.vocabulary.adviceNames[entry.advice], entry.why);
    }
    case 'talked-over':
      return s.interruptions(finding.params.times);
    case 'log-misleading':
      return (
        key.logging.ambiguous?.find((a) => a.id === finding.params.phrase)?.message ?? finding.params.phrase
      );
    case 'questions-unanswered': {
      const text = (id: string) => scenario.lines.find((line) => line.id === id)?.text ?? id;
      return s.questionsUnanswered(finding.params.lines.map((id) => `"${text(id)}"`).join(' '));
    }
    case 'log-empty':
      return s.logEmpty;
    case 'log-fact-missing': {
      const id = finding.params.fact;
      return s.logFactMissing(fact(id), loggedFact(id)?.why ?? '');
    }
    case 'quote-recorded':
      return s.quoteRecorded(loggedFact(finding.params.fact)?.quote ?? '');
    case 'quote-missing':
      return s.quoteMissing(loggedFact(finding.params.fact)?.quote ?? '');
    case 'one-line-log':
      return s.oneLineLog(finding.params.words);
    case 'log-complete':
      return s.logComplete;
  }
}
