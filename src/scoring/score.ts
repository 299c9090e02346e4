/*
 * The score of an attempt: six rubrics, each a pure function of the answer key and the replayed call,
 * a weighted total, and a compliance band in the spirit of dispatch QA case review.
 */
import type { CallContext } from '../../machines/call-machine.ts';
import type { AnswerKey, ScenarioDefinition } from '../../machines/scenario-format.ts';
import {
  BANDS,
  SCORING_DIMENSIONS,
  SEVERITIES,
  type Band,
  type ScoringDimension,
} from '../../machines/vocabulary.ts';
import { scoreEscalation } from './rubrics/escalation.ts';
import { scoreGrading } from './rubrics/grading.ts';
import { scoreLogging } from './rubrics/logging.ts';
import { scoreNdm } from './rubrics/ndm.ts';
import { scoreOpeningCode } from './rubrics/opening-code.ts';
import { scoreThrive } from './rubrics/thrive.ts';
import { ALL_ASSESSED, type Unassessed } from './provenance.ts';
import type { Rubric, ScoreReport } from './types.ts';

export const RUBRICS: Record<ScoringDimension, Rubric> = {
  openingCode: scoreOpeningCode,
  grading: scoreGrading,
  thrive: scoreThrive,
  ndm: scoreNdm,
  logging: scoreLogging,
  escalation: scoreEscalation,
};

export const DEFAULT_WEIGHTS: Record<ScoringDimension, number> = {
  openingCode: 15,
  grading: 20,
  thrive: 20,
  ndm: 15,
  logging: 15,
  escalation: 15,
};

/** Lowest total for each band, best first; anything lower is non-compliant. */
export const BAND_FLOORS: readonly [Band, number][] = [
  ['high', 90],
  ['compliant', 75],
  ['partial', 60],
  ['low', 40],
];
/** A critical finding caps the band here, whatever the total. */
export const CRITICAL_CAP: Band = 'low';

export function bandFor(total: number, hasCritical: boolean): Band {
  const byTotal = BAND_FLOORS.find(([, floor]) => total >= floor)?.[0] ?? 'non-compliant';
  if (!hasCritical) return byTotal;
  return BANDS.indexOf(byTotal) < BANDS.indexOf(CRITICAL_CAP) ? CRITICAL_CAP : byTotal;
}

/**
 * Scores a replayed call. `unassessed` sets dimensions aside, with why (a historical attempt's silent
 * sources): they weigh nothing, raise no findings and cap no band.
 */
export function scoreCall(
  scenario: ScenarioDefinition,
  key: AnswerKey,
  call: CallContext,
  unassessed: Unassessed = ALL_ASSESSED,
): ScoreReport {
  const weights = { ...DEFAULT_WEIGHTS, ...key.weights };
  const setAside = unassessed.dimensions;
  for (const dimension of SCORING_DIMENSIONS) if (setAside[dimension]) weights[dimension] = 0;
  const input = { scenario, key, call, unassessed };
  const results = SCORING_DIMENSIONS.map((dimension) => {
    const result = RUBRICS[dimension](input);
    return [dimension, setAside[dimension] ? { score: result.score, findings: [] } : result] as const;
  });
  const totalWeight = SCORING_DIMENSIONS.reduce((sum, dimension) => sum + weights[dimension], 0);
  const weighted = results.reduce((sum, [dimension, result]) => sum + result.score * weights[dimension], 0);
  const total = totalWeight === 0 ? 0 : Math.round(weighted / totalWeight);
  const findings = results
    .flatMap(([, result]) => result.findings)
    .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const critical = findings.some((f) => f.severity === 'critical');
  const byFindings = bandFor(total, critical);
  const caps = results.flatMap(([, result]) => (result.capsBand ? [result.capsBand] : []));
  const band = [byFindings, ...caps].reduce((worst, b) =>
    BANDS.indexOf(b) > BANDS.indexOf(worst) ? b : worst,
  );
  const capped =
    band === bandFor(total, false)
      ? undefined
      : band !== byFindings
        ? ('iopc-failing' as const)
        : ('critical' as const);
  return {
    scenario: scenario.id,
    scenarioVersion: scenario.version,
    total,
    band,
    ...(capped ? { capped } : {}),
    dimensions: Object.fromEntries(
      results.map(([dimension, result]) => {
        const why = setAside[dimension];
        return [
          dimension,
          { score: result.score, weight: weights[dimension], ...(why ? { unassessed: why } : {}) },
        ];
      }),
    ) as ScoreReport['dimensions'],
    findings,
  };
}
