import { SCORING_DIMENSIONS, type ScoringDimension } from '../../machines/vocabulary.ts';
import type { ScoreSummary } from '../records/records.ts';
import type { ScoreReport } from '../scoring/types.ts';

/** The part of a score report kept with a finished attempt (see ScoreSummary). */
export function summariseScore(report: ScoreReport): ScoreSummary {
  return {
    total: report.total,
    band: report.band,
    dimensions: Object.fromEntries(
      SCORING_DIMENSIONS.map((dimension) => [dimension, report.dimensions[dimension].score]),
    ) as Record<ScoringDimension, number>,
    critical: report.findings.filter((finding) => finding.severity === 'critical').length,
  };
}
