/*
 * The cohort view's numbers: trainees by scenarios with the band of each one's latest attempt, each
 * trainee's trend over attempts, and the dimensions the cohort is weakest on. One pass over the stored
 * score summaries, no replay, so 10,000 attempts cost milliseconds.
 */
import { BANDS, SCORING_DIMENSIONS, type Band, type ScoringDimension } from '../../machines/vocabulary.ts';
import type { ScoreSummary } from '../records/records.ts';

export interface CohortAttempt {
  id: string;
  trainee: string;
  traineeName: string;
  scenario: string;
  course?: string;
  /** ISO time. */
  startedAt: string;
  score: ScoreSummary;
}

export interface CohortFilter {
  course?: string;
  scenario?: string;
  /** Part of a trainee's name or staff number, any case. */
  trainee?: string;
  /** Attempts started on or after this ISO date. */
  from?: string;
}

export interface CohortCell {
  attempts: number;
  latest: ScoreSummary;
  best: number;
}

export interface CohortRow {
  trainee: string;
  name: string;
  cells: Record<string, CohortCell>;
  /** Totals of the trainee's attempts, oldest first. */
  trend: number[];
  mean: number;
}

export interface Cohort {
  scenarios: string[];
  rows: CohortRow[];
  attempts: number;
  /** The cohort's mean mark on each dimension, weakest first. */
  weakest: { dimension: ScoringDimension; mean: number }[];
  bands: Record<Band, number>;
}

export function matchesFilter(attempt: CohortAttempt, filter: CohortFilter): boolean {
  if (filter.course && attempt.course !== filter.course) return false;
  if (filter.scenario && attempt.scenario !== filter.scenario) return false;
  if (filter.from && attempt.startedAt < filter.from) return false;
  if (filter.trainee && !attempt.traineeName.toLowerCase().includes(filter.trainee.trim().toLowerCase()))
    return false;
  return true;
}

/** `scenarioOrder` lists scenario ids in the order columns should appear (the catalogue's). */
export function buildCohort(
  attempts: readonly CohortAttempt[],
  filter: CohortFilter,
  scenarioOrder: readonly string[],
  /** Trainees are listed in this locale's alphabetical order (BCP 47, e.g. "en-GB"). */
  locale: string,
): Cohort {
  const selected = attempts
    .filter((attempt) => matchesFilter(attempt, filter))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const rows = new Map<string, CohortRow & { sum: number }>();
  const dimensionSums = Object.fromEntries(SCORING_DIMENSIONS.map((d) => [d, 0])) as Record<
    ScoringDimension,
    number
  >;
  const bands = Object.fromEntries(BANDS.map((band) => [band, 0])) as Record<Band, number>;
  const seen = new Set<string>();
  for (const attempt of selected) {
    let row = rows.get(attempt.trainee);
    if (!row) {
      row = { trainee: attempt.trainee, name: attempt.traineeName, cells: {}, trend: [], mean: 0, sum: 0 };
      rows.set(attempt.trainee, row);
    }
    const cell = row.cells[attempt.scenario];
    row.cells[attempt.scenario] = cell
      ? { attempts: cell.attempts + 1, latest: attempt.score, best: Math.max(cell.best, attempt.score.total) }
      : { attempts: 1, latest: attempt.score, best: attempt.score.total };
    row.trend.push(attempt.score.total);
    row.sum += attempt.score.total;
    for (const dimension of SCORING_DIMENSIONS)
      dimensionSums[dimension] += attempt.score.dimensions[dimension];
    bands[attempt.score.band]++;
    seen.add(attempt.scenario);
  }
  const count = selected.length;
  return {
    scenarios: scenarioOrder.filter((id) => seen.has(id)),
    rows: [...rows.values()]
      .map(({ sum, ...row }) => ({ ...row, mean: Math.round(sum / row.trend.length) }))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
    attempts: count,
    weakest: SCORING_DIMENSIONS.map((dimension) => ({
      dimension,
      mean: count === 0 ? 0 : Math.round(dimensionSums[dimension] / count),
    })).sort((a, b) => a.mean - b.mean),
    bands,
  };
}
