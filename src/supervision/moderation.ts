/*
 * Machine marks and supervisors' marks side by side. A moderation never edits the attempt or the
 * machine's report: it is laid over it, the latest moderation of each mark or finding winning, and the
 * total and band are worked out again from the moderated marks with the scenario's weights.
 */
import {
  SCORING_DIMENSIONS,
  type Band,
  type ScoringDimension,
  type Severity,
} from '../../machines/vocabulary.ts';
import type { Calibration, FindingVerdict, Moderation } from '../records/records.ts';
import { bandFor } from '../scoring/score.ts';
import type { Finding, ScoreReport } from '../scoring/types.ts';

export interface ModeratedDimension {
  weight: number;
  machine: number;
  /** The supervisor's mark, if the dimension was moderated. */
  moderated: number | null;
  moderation: Moderation | null;
}

export interface ModeratedFinding {
  finding: Finding;
  verdict: FindingVerdict | null;
  /** The severity that counts: the machine's unless a supervisor regraded it. */
  severity: Severity;
  moderation: Moderation | null;
}

export interface ModeratedReport {
  machine: ScoreReport;
  dimensions: Record<ScoringDimension, ModeratedDimension>;
  findings: ModeratedFinding[];
  total: number;
  band: Band;
  /** Whether any supervisor changed anything. */
  moderated: boolean;
}

const weightedTotal = (marks: Record<ScoringDimension, { mark: number; weight: number }>): number => {
  const weight = SCORING_DIMENSIONS.reduce((sum, d) => sum + marks[d].weight, 0);
  const sum = SCORING_DIMENSIONS.reduce((total, d) => total + marks[d].mark * marks[d].weight, 0);
  return weight === 0 ? 0 : Math.round(sum / weight);
};

/** Moderations of one attempt, latest last (by time, then by the order they were made). */
const inOrder = (moderations: readonly Moderation[]) =>
  moderations
    .map((moderation, order) => ({ moderation, order }))
    .sort((a, b) => a.moderation.at.localeCompare(b.moderation.at) || a.order - b.order)
    .map(({ moderation }) => moderation);

export function moderateReport(report: ScoreReport, moderations: readonly Moderation[]): ModeratedReport {
  const latestMark = new Map<ScoringDimension, Moderation>();
  const latestVerdict = new Map<string, Moderation>();
  for (const moderation of inOrder(moderations)) {
    if (moderation.target.kind === 'dimension') latestMark.set(moderation.target.dimension, moderation);
    else latestVerdict.set(moderation.target.finding, moderation);
  }
  const dimensions = Object.fromEntries(
    SCORING_DIMENSIONS.map((dimension) => {
      const moderation = latestMark.get(dimension) ?? null;
      const mark = moderation?.target.kind === 'dimension' ? moderation.target.mark : null;
      return [
        dimension,
        {
          weight: report.dimensions[dimension].weight,
          machine: report.dimensions[dimension].score,
          moderated: mark,
          moderation,
        },
      ];
    }),
  ) as Record<ScoringDimension, ModeratedDimension>;
  const findings = report.findings.map((finding): ModeratedFinding => {
    const moderation = latestVerdict.get(finding.id) ?? null;
    const target = moderation?.target.kind === 'finding' ? moderation.target : null;
    return {
      finding,
      verdict: target?.verdict ?? null,
      severity: target?.verdict === 'regraded' && target.severity ? target.severity : finding.severity,
      moderation,
    };
  });
  const total = weightedTotal(
    Object.fromEntries(
      SCORING_DIMENSIONS.map((d) => [
        d,
        { mark: dimensions[d].moderated ?? dimensions[d].machine, weight: dimensions[d].weight },
      ]),
    ) as Record<ScoringDimension, { mark: number; weight: number }>,
  );
  const critical = findings.some((f) => f.verdict !== 'withdrawn' && f.severity === 'critical');
  return {
    machine: report,
    dimensions,
    findings,
    total,
    band: bandFor(total, critical),
    moderated: latestMark.size > 0 || latestVerdict.size > 0,
  };
}

export interface DimensionSpread {
  dimension: ScoringDimension;
  machine: number;
  marks: { supervisor: string; mark: number }[];
  /** Highest supervisor mark minus lowest. */
  range: number;
  /** The supervisors' mean minus the machine's mark: how far they sit above (+) or below (−) it. */
  meanVsMachine: number;
}

export interface CalibrationResult {
  dimensions: DimensionSpread[];
  totals: { supervisor: string; total: number }[];
  machineTotal: number;
  /** The dimension the supervisors agree on least. */
  widest: ScoringDimension | null;
}

/** How far apart blind markers are from each other and from the machine, dimension by dimension. */
export function calibrate(report: ScoreReport, calibrations: readonly Calibration[]): CalibrationResult {
  const dimensions = SCORING_DIMENSIONS.map((dimension): DimensionSpread => {
    const marks = calibrations.map((c) => ({ supervisor: c.supervisor, mark: c.marks[dimension] }));
    const values = marks.map((m) => m.mark);
    const machine = report.dimensions[dimension].score;
    const mean = values.length === 0 ? machine : values.reduce((a, b) => a + b, 0) / values.length;
    return {
      dimension,
      machine,
      marks,
      range: values.length === 0 ? 0 : Math.max(...values) - Math.min(...values),
      meanVsMachine: Math.round(mean - machine),
    };
  });
  const widest = [...dimensions].sort((a, b) => b.range - a.range)[0];
  return {
    dimensions,
    totals: calibrations.map((c) => ({
      supervisor: c.supervisor,
      total: weightedTotal(
        Object.fromEntries(
          SCORING_DIMENSIONS.map((d) => [d, { mark: c.marks[d], weight: report.dimensions[d].weight }]),
        ) as Record<ScoringDimension, { mark: number; weight: number }>,
      ),
    })),
    machineTotal: report.total,
    widest: widest && widest.range > 0 ? widest.dimension : null,
  };
}
