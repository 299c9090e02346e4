import { GRADES } from '../../../machines/vocabulary.ts';
import { answeredAt, inPhase, latest } from '../../../machines/call-record.ts';
import { earlier, inIncident } from '../../../machines/incidents.ts';
import { makeFinding, standardSource, type FindingParamsByRule, type FindingSource } from '../findings.ts';
import type { DimensionResult, Finding, Rubric } from '../types.ts';
import { UNREASONED_CHANGE_PENALTY, unreasonedChanges } from './changes.ts';

const LATE_SCORE = 80;
/** Under-graded on the call, but put right on a later call or at the desk. */
const CORRECTED_LATER_SCORE = 50;
const OVER_GRADED_SCORE = 75;
const UNDER_GRADED_SCORE = 40;

/**
 * The grade the incident was left with. Under-grading where there is danger to life is critical;
 * over-grading is minor; a correct grade set late loses a little.
 */
export const scoreGrading: Rubric = (input): DimensionResult => {
  const { scenario, key, call } = input;
  const changes = unreasonedChanges(scenario, 'grading', call.grades, key.grading.phase, (g) => g.grade);
  const result = gradeDecision(input);
  return {
    score: Math.max(0, result.score - changes.length * UNREASONED_CHANGE_PENALTY),
    findings: [...result.findings, ...changes],
  };
};

const gradeDecision: Rubric = ({ scenario, key, call }): DimensionResult => {
  const { phase, expected, dangerToLife, within, source } = key.grading;
  const result = <R extends keyof FindingParamsByRule>(
    score: number,
    rule: R,
    severity: Finding['severity'],
    params: FindingParamsByRule[R],
    from: FindingSource = source,
  ): DimensionResult => ({ score, findings: [makeFinding('grading', rule, severity, from, params)] });
  const grades = inPhase(call.grades, phase);
  const chosen = latest(grades);

  if (!chosen) return result(0, 'grade-missing', dangerToLife ? 'critical' : 'major', { expected });
  const urgencyGap = GRADES.indexOf(chosen.grade) - GRADES.indexOf(expected);
  // Put right later in the incident (an update call, the dispatcher's desk): late, not lost.
  const corrected = inIncident(scenario, call.grades, phase)
    .sort(earlier(scenario))
    .find((g) => earlier(scenario)(g, chosen) > 0 && GRADES.indexOf(g.grade) <= GRADES.indexOf(expected));
  if (urgencyGap > 0 && corrected) {
    return result(CORRECTED_LATER_SCORE, 'grade-corrected-later', 'major', {
      grade: chosen.grade,
      corrected: corrected.grade,
      phase: corrected.phase,
    });
  }
  if (urgencyGap > 0) {
    return result(dangerToLife ? 0 : UNDER_GRADED_SCORE, 'grade-under', dangerToLife ? 'critical' : 'major', {
      grade: chosen.grade,
      expected,
    });
  }
  if (urgencyGap < 0) {
    const about = { grade: chosen.grade, expected };
    return result(OVER_GRADED_SCORE, 'grade-over', 'minor', about, standardSource('gradingPrinciple'));
  }
  const startedAt = answeredAt(call, phase) ?? 0;
  const firstCorrect = grades.find((g) => g.grade === expected) ?? chosen;
  const took = firstCorrect.at - startedAt;
  if (within !== undefined && took > within) {
    return result(LATE_SCORE, 'grade-late', 'moderate', { grade: expected, seconds: took, within });
  }
  return result(100, 'grade-expected', 'good-practice', { grade: expected });
};
