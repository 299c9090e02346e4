/*
 * A finished call as an LMS is told it: the three choices every scenario scores (opening code, grade,
 * risk level) against the answer key, and each finding by its stable id, severity and source. Words stay
 * out: an LMS keeps ids, and the debrief says what they mean.
 */
import type { CallContext } from '../../machines/call-machine.ts';
import type { AnswerKey, ScenarioDefinition } from '../../machines/scenario-format.ts';
import type { AttemptEntry } from '../engine/attempt.ts';
import { summariseCall } from '../scoring/call-summary.ts';
import type { ScoreReport } from '../scoring/types.ts';
import type { AttemptOutcome, ScoredChoice } from './lms.ts';

function choice(kind: ScoredChoice['kind'], chosen: string | null, correct: string[]): ScoredChoice {
  return { kind, chosen, correct, result: chosen !== null && correct.includes(chosen) ? 'correct' : 'wrong' };
}

/** The opening code, grade and risk level last chosen in the phases the answer key scores them in. */
export function scoredChoices(key: AnswerKey, call: CallContext): ScoredChoice[] {
  const { openingCode, grading, thrive } = key;
  return [
    choice('opening-code', summariseCall(call, openingCode.phase).code, [
      openingCode.expected,
      ...(openingCode.acceptable ?? []).map((acceptable) => acceptable.code),
    ]),
    choice('grade', summariseCall(call, grading.phase).grade, [grading.expected]),
    choice('risk-level', summariseCall(call, thrive.phase).risk, [thrive.riskLevel]),
  ];
}

export function attemptOutcome(
  attempt: { id: string; counted: boolean; events: readonly AttemptEntry[] },
  scenario: { definition: ScenarioDefinition; answerKey: AnswerKey },
  call: CallContext,
  report: ScoreReport,
): AttemptOutcome {
  const { definition, answerKey } = scenario;
  return {
    attempt: attempt.id,
    scenario: definition.id,
    scenarioVersion: definition.version,
    title: definition.title,
    finishedAt: attempt.events.at(-1)?.wall ?? new Date().toISOString(),
    counted: attempt.counted,
    total: report.total,
    band: report.band,
    choices: scoredChoices(answerKey, call),
    findings: report.findings.map((finding) => ({
      id: finding.id,
      dimension: finding.dimension,
      severity: finding.severity,
      source: finding.source.kind,
    })),
  };
}
