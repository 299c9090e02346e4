import { inPhase, latest } from '../../../machines/call-record.ts';
import { makeFinding } from '../findings.ts';
import type { DimensionResult, Finding, Rubric } from '../types.ts';
import { UNREASONED_CHANGE_PENALTY, unreasonedChanges } from './changes.ts';

const ACCEPTABLE_SCORE = 70;

/** The code the incident was left with: correct, an acceptable alternative, or wrong. */
export const scoreOpeningCode: Rubric = (input): DimensionResult => {
  const { scenario, key, call } = input;
  const changes = unreasonedChanges(
    scenario,
    'openingCode',
    call.codes,
    key.openingCode.phase,
    (c) => c.code,
  );
  const result = codeDecision(input);
  return {
    score: Math.max(0, result.score - changes.length * UNREASONED_CHANGE_PENALTY),
    findings: [...result.findings, ...changes],
  };
};

const codeDecision: Rubric = ({ key, call }): DimensionResult => {
  const { expected, acceptable = [], historical, source } = key.openingCode;
  const chosen = latest(inPhase(call.codes, key.openingCode.phase))?.code;
  const result = (score: number, finding: Finding): DimensionResult => ({ score, findings: [finding] });

  if (chosen === undefined) {
    return result(0, makeFinding('openingCode', 'code-missing', 'major', source, { expected }));
  }
  if (chosen === expected) {
    return result(
      100,
      makeFinding('openingCode', 'code-expected', 'good-practice', source, { code: chosen }),
    );
  }
  if (acceptable.some((a) => a.code === chosen)) {
    const about = { code: chosen, expected };
    return result(ACCEPTABLE_SCORE, makeFinding('openingCode', 'code-acceptable', 'minor', source, about));
  }
  const about = { code: chosen, expected, asInRealCase: chosen === historical };
  return result(0, makeFinding('openingCode', 'code-wrong', 'major', source, about));
};
