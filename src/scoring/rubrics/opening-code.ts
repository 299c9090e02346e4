import { strings } from '../../strings/en-gb.ts';
import { inPhase, latest } from '../../../machines/call-record.ts';
import type { DimensionResult, Rubric } from '../types.ts';
import { UNREASONED_CHANGE_PENALTY, unreasonedChanges } from './changes.ts';

const ACCEPTABLE_SCORE = 70;

/** The code the incident was left with: correct, an acceptable alternative, or wrong. */
export const scoreOpeningCode: Rubric = (input): DimensionResult => {
  const { scenario, key, call } = input;
  const changes = unreasonedChanges(
    scenario,
    'openingCode',
    'code',
    call.codes,
    key.openingCode.phase,
    (c) => strings.vocabulary.openingCodes[c.code],
  );
  const result = codeDecision(input);
  return {
    score: Math.max(0, result.score - changes.length * UNREASONED_CHANGE_PENALTY),
    findings: [...result.findings, ...changes],
  };
};

const codeDecision: Rubric = ({ key, call }): DimensionResult => {
  const { expected, acceptable = [], historical, why, source } = key.openingCode;
  const label = (code: string) =>
    strings.vocabulary.openingCodes[code as keyof typeof strings.vocabulary.openingCodes];
  const chosen = latest(inPhase(call.codes, key.openingCode.phase))?.code;
  const finding = (severity: DimensionResult['findings'][number]['severity'], message: string) => ({
    dimension: 'openingCode' as const,
    severity,
    message,
    source,
  });

  if (chosen === undefined) {
    return { score: 0, findings: [finding('major', strings.scoring.codeMissing(label(expected)))] };
  }
  if (chosen === expected) {
    return { score: 100, findings: [finding('good-practice', strings.scoring.codeExpected(label(chosen)))] };
  }
  const alternative = acceptable.find((a) => a.code === chosen);
  if (alternative) {
    return {
      score: ACCEPTABLE_SCORE,
      findings: [
        finding('minor', strings.scoring.codeAcceptable(label(chosen), label(expected), alternative.note)),
      ],
    };
  }
  const repeat = chosen === historical ? ` ${strings.scoring.codeSameAsHistory}` : '';
  return {
    score: 0,
    findings: [finding('major', strings.scoring.codeWrong(label(chosen), label(expected), why) + repeat)],
  };
};
