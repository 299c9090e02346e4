/*
 * A finding as data: which rule found it, on which dimension, how serious, what it rests on, and what it
 * is about (answer-key ids, vocabulary ids, counts). Its words are rendered at the edge from the strings
 * module (src/strings/findings.ts), so the core speaks no language and a finding keeps its identity when
 * its wording changes: moderations, calibration, bundles and an LMS refer to it by `id`.
 */
import type { SourceRef } from '../../machines/scenario-format.ts';
import type { ScoringDimension, Severity, SourceKind } from '../../machines/vocabulary.ts';

/**
 * Sources that belong to a rule rather than to a scenario (why a one-word rationale or talking over the
 * caller is marked down): each with its kind and, where it claims a document's words, the quote from the
 * source documents (checked, like the answer keys' quotes, by npm run validate). Their references are in
 * the strings module under `sources`.
 */
export const STANDARD_SOURCES = {
  thriveRationale: {
    kind: 'iopc-finding',
    quote: 'Several areas of the risk … assessment contained a one word rationale and lacked detail.',
  },
  changeRationale: {
    kind: 'trainer-judgement',
    quote:
      'any downgrading of incidents based on a structured risk assessment with a recorded rationale and supervisory oversight',
  },
  questionsOnLog: {
    kind: 'iopc-finding',
    quote:
      'Seconds after the call between the officer and the hotel staff, the officer saw the new comments added to the system. However, he closed the incident log.',
  },
  unlearnedFact: { kind: 'trainer-judgement' },
  talkingOver: { kind: 'trainer-judgement' },
  gradingPrinciple: { kind: 'trainer-judgement' },
} as const satisfies Record<string, { kind: SourceKind; quote?: string }>;
export type StandardSource = keyof typeof STANDARD_SOURCES;

/** What a finding rests on: a source the answer key cites, or one of the rules' standard sources. */
export type FindingSource = SourceRef | { kind: SourceKind; standard: StandardSource };

export const standardSource = (standard: StandardSource): FindingSource => ({
  kind: STANDARD_SOURCES[standard].kind,
  standard,
});

/**
 * What each rule's finding is about. Ids name answer-key entries (expectations, facts, key factors,
 * harmful advice, misleading phrases), lines and phases in the scenario, or vocabulary terms.
 */
export interface FindingParamsByRule {
  'code-missing': { expected: string };
  'code-expected': { code: string };
  'code-acceptable': { code: string; expected: string };
  'code-wrong': { code: string; expected: string; asInRealCase: boolean };
  'grade-missing': { expected: string };
  'grade-expected': { grade: string };
  'grade-late': { grade: string; seconds: number; within: number };
  'grade-under': { grade: string; expected: string };
  'grade-corrected-later': { grade: string; corrected: string; phase: string };
  'grade-over': { grade: string; expected: string };
  /** A code (on openingCode) or a grade (on grading) changed with no reason written. */
  'changed-without-reason': { from: string; to: string; phase: string; at: number };
  'thrive-missing': { elements: string[] };
  'thrive-too-short': { elements: string[]; words: number };
  'thrive-factors-missed': { element: string; factors: string[] };
  'thrive-factors-not-learned': { element: string; factors: string[] };
  'thrive-complete': Record<string, never>;
  'risk-missing': { expected: string };
  'risk-low': { level: string; expected: string };
  'risk-high': { level: string; expected: string };
  'not-reassessed': { facts: string[] };
  reassessed: Record<string, never>;
  'expectation-missed': { expectation: string };
  'expectation-late': { expectation: string; seconds: number; within: number };
  'expectation-met': { expectation: string };
  /** A message that would meet the expectation names what the trainee had not learned; quotes it. */
  'message-not-learned': { expectation: string };
  'harmful-advice': { harmful: string };
  'talked-over': { times: number };
  'log-misleading': { phrase: string };
  'questions-unanswered': { lines: string[] };
  'log-empty': Record<string, never>;
  'log-fact-missing': { fact: string };
  'quote-recorded': { fact: string };
  'quote-missing': { fact: string };
  'one-line-log': { words: number };
  'log-complete': Record<string, never>;
}
export type FindingRule = keyof FindingParamsByRule;

interface FindingOf<R extends FindingRule> {
  /** Stable across wording and runs: dimension, rule, then each parameter (e.g. `ndm:expectation-missed:expectation=ask-weapons`). */
  id: string;
  rule: R;
  dimension: ScoringDimension;
  severity: Severity;
  source: FindingSource;
  params: FindingParamsByRule[R];
  /** The trainee's own words the finding quotes (a message naming what they had not learned); not part of the id. */
  quoting?: string;
}

/** One thing the trainee did or did not do, with what it teaches and what it rests on. */
export type Finding = { [R in FindingRule]: FindingOf<R> }[FindingRule];

type ParamValue = string | number | boolean | readonly string[];

/** `dimension:rule:key=value:…`, keys in order; lists joined with "+". Only ids and numbers go in. */
export function findingId(dimension: ScoringDimension, rule: FindingRule, params: object): string {
  const parts = Object.entries(params as Record<string, ParamValue>)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`);
  return [dimension, rule, ...parts].join(':');
}

export function makeFinding<R extends FindingRule>(
  dimension: ScoringDimension,
  rule: R,
  severity: Severity,
  source: FindingSource,
  params: FindingParamsByRule[R],
  quoting?: string,
): Finding {
  const finding: FindingOf<R> = {
    id: findingId(dimension, rule, params),
    rule,
    dimension,
    severity,
    source,
    params,
    ...(quoting === undefined ? {} : { quoting }),
  };
  return finding as unknown as Finding;
}
