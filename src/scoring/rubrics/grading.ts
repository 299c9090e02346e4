import type { ScenarioDefinition } from '../../../machines/scenario-format.ts';
import { GRADES, type Grade } from '../../../machines/vocabulary.ts';
import { strings } from '../../strings/en-gb.ts';
import { answeredAt, inPhase, latest } from '../../../machines/call-record.ts';
import { earlier, inIncident } from '../../../machines/incidents.ts';
import type { DimensionResult, Finding, Rubric } from '../types.ts';
import { UNREASONED_CHANGE_PENALTY, unreasonedChanges } from './changes.ts';

const LATE_SCORE = 80;
/** Under-graded on the call, but put right on a later call or at the desk. */
const CORRECTED_LATER_SCORE = 50;
const OVER_GRADED_SCORE = 75;
const UNDER_GRADED_SCORE = 40;

/** The force's name for a grade with its target, e.g. "Immediate (15 minutes)". */
export function gradeName(scenario: ScenarioDefinition, grade: Grade): string {
  const local = scenario.force.grades.find((g) => g.grade === grade);
  const label = local?.label ?? strings.vocabulary.grades[grade];
  return local?.targetMinutes ? `${label} (${local.targetMinutes} minutes)` : label;
}

/**
 * The grade the incident was left with. Under-grading where there is danger to life is critical;
 * over-grading is minor; a correct grade set late loses a little.
 */
export const scoreGrading: Rubric = (input): DimensionResult => {
  const { scenario, key, call } = input;
  const changes = unreasonedChanges(scenario, 'grading', 'grade', call.grades, key.grading.phase, (g) =>
    gradeName(scenario, g.grade),
  );
  const result = gradeDecision(input);
  return {
    score: Math.max(0, result.score - changes.length * UNREASONED_CHANGE_PENALTY),
    findings: [...result.findings, ...changes],
  };
};

const gradeDecision: Rubric = ({ scenario, key, call }): DimensionResult => {
  const { phase, expected, dangerToLife, within, why, source } = key.grading;
  const finding = (severity: Finding['severity'], message: string, from = source): Finding => ({
    dimension: 'grading',
    severity,
    message,
    source: from,
  });
  const grades = inPhase(call.grades, phase);
  const chosen = latest(grades);
  const name = (grade: Grade) => gradeName(scenario, grade);

  if (!chosen) {
    return {
      score: 0,
      findings: [finding(dangerToLife ? 'critical' : 'major', strings.scoring.gradeMissing(name(expected)))],
    };
  }
  const urgencyGap = GRADES.indexOf(chosen.grade) - GRADES.indexOf(expected);
  // Put right later in the incident (an update call, the dispatcher's desk): late, not lost.
  const corrected = inIncident(scenario, call.grades, phase)
    .sort(earlier(scenario))
    .find((g) => earlier(scenario)(g, chosen) > 0 && GRADES.indexOf(g.grade) <= GRADES.indexOf(expected));
  if (urgencyGap > 0 && corrected) {
    const when = scenario.phases.find((p) => p.id === corrected.phase)?.title ?? corrected.phase;
    return {
      score: CORRECTED_LATER_SCORE,
      findings: [
        finding(
          'major',
          strings.scoring.gradeCorrectedLater(name(chosen.grade), name(corrected.grade), when, why),
        ),
      ],
    };
  }
  if (urgencyGap > 0) {
    return {
      score: dangerToLife ? 0 : UNDER_GRADED_SCORE,
      findings: [
        finding(
          dangerToLife ? 'critical' : 'major',
          strings.scoring.underGraded(name(chosen.grade), name(expected), why),
        ),
      ],
    };
  }
  if (urgencyGap < 0) {
    return {
      score: OVER_GRADED_SCORE,
      findings: [
        finding(
          'minor',
          strings.scoring.overGraded(name(chosen.grade), name(expected)),
          strings.sources.gradingPrinciple,
        ),
      ],
    };
  }
  const startedAt = answeredAt(call, phase) ?? 0;
  const firstCorrect = grades.find((g) => g.grade === expected) ?? chosen;
  const took = firstCorrect.at - startedAt;
  if (within !== undefined && took > within) {
    return {
      score: LATE_SCORE,
      findings: [finding('moderate', strings.scoring.gradeLate(name(expected), took, within))],
    };
  }
  return { score: 100, findings: [finding('good-practice', strings.scoring.gradeExpected(name(expected)))] };
};
