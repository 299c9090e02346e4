import { describe, expect, it } from 'vitest';
import { catalogue, findScenario } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { parseAttempt } from '../../src/engine/attempt.ts';
import { replay } from '../../src/engine/replay.ts';
import { ReplayTimeline } from '../../src/engine/timeline.ts';
import { scoreCall } from '../../src/scoring/score.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { buildCohort, type CohortAttempt } from '../../src/supervision/cohort.ts';
import { findingMoments } from '../../src/supervision/finding-moments.ts';
import { calibrate, moderateReport } from '../../src/supervision/moderation.ts';
import type { Moderation, ScoreSummary } from '../../src/records/records.ts';
import { summariseScore } from '../../src/supervision/score-summary.ts';

async function load(id: string): Promise<ScenarioModule> {
  const module = await findScenario(id)?.load();
  if (!module) throw new Error(`no scenario ${id}`);
  return module;
}

const moderation = (
  target: Moderation['target'],
  at: string,
  reason = 'Agreed at dip sample.',
): Moderation => ({
  id: `m-${at}`,
  attempt: 'a-1',
  supervisor: 'Sgt Okafor',
  at,
  target,
  reason,
});

describe('moderation', () => {
  it('lays supervisors’ marks over the machine’s, latest winning, and reworks the total and band', async () => {
    const module = await load('ltl41-02');
    const report = scoreAttempt(module, parseAttempt(module.referenceAttempts.historical));
    const machineGrading = report.dimensions.grading.score;
    const moderated = moderateReport(report, [
      moderation({ kind: 'dimension', dimension: 'grading', mark: 100 }, '2026-11-22T10:00:00Z'),
      moderation({ kind: 'dimension', dimension: 'grading', mark: 60 }, '2026-11-22T11:00:00Z'),
    ]);
    expect(moderated.dimensions.grading).toMatchObject({ machine: machineGrading, moderated: 60 });
    expect(moderated.dimensions.thrive.moderated).toBeNull();
    const expected = Math.round(
      Object.entries(report.dimensions).reduce(
        (sum, [d, { score, weight }]) => sum + (d === 'grading' ? 60 : score) * weight,
        0,
      ) / Object.values(report.dimensions).reduce((sum, { weight }) => sum + weight, 0),
    );
    expect(moderated.total).toBe(expected);
    expect(moderated.machine.total).toBe(report.total);
    expect(moderated.moderated).toBe(true);
  });

  it('withdrawing every critical finding lifts the cap that critical findings put on the band', async () => {
    const module = await load('ltl41-08');
    const report = scoreAttempt(module, parseAttempt(module.referenceAttempts.historical));
    const critical = report.findings.filter((f) => f.severity === 'critical');
    expect(critical.length).toBeGreaterThan(0);
    const allHigh = SCORING.map((dimension) =>
      moderation(
        { kind: 'dimension', dimension, mark: 100 },
        `2026-11-22T10:0${SCORING.indexOf(dimension)}:00Z`,
      ),
    );
    expect(moderateReport(report, allHigh).band).toBe('low');
    const withdrawn = critical.map((f, i) =>
      moderation({ kind: 'finding', finding: f.id, verdict: 'withdrawn' }, `2026-11-22T12:0${i}:00Z`),
    );
    const lifted = moderateReport(report, [...allHigh, ...withdrawn]);
    expect(lifted.total).toBe(100);
    expect(lifted.band).toBe('high');
    expect(lifted.findings.filter((f) => f.verdict === 'withdrawn')).toHaveLength(critical.length);
  });
});

const SCORING = ['openingCode', 'grading', 'thrive', 'ndm', 'logging', 'escalation'] as const;

describe('calibration', () => {
  it('shows the spread between blind markers and how far they sit from the machine', async () => {
    const module = await load('ltl41-02');
    const report = scoreAttempt(module, parseAttempt(module.referenceAttempts.historical));
    const marks = (grading: number) =>
      Object.fromEntries(
        SCORING.map((d) => [d, d === 'grading' ? grading : report.dimensions[d].score]),
      ) as Record<(typeof SCORING)[number], number>;
    const result = calibrate(report, [
      { id: 'c1', attempt: 'a', supervisor: 'A', at: '2026-11-22T10:00:00Z', marks: marks(10) },
      { id: 'c2', attempt: 'a', supervisor: 'B', at: '2026-11-22T10:00:00Z', marks: marks(50) },
    ]);
    const grading = result.dimensions.find((d) => d.dimension === 'grading');
    expect(grading?.range).toBe(40);
    expect(grading?.meanVsMachine).toBe(30 - report.dimensions.grading.score);
    expect(result.widest).toBe('grading');
    expect(result.dimensions.find((d) => d.dimension === 'thrive')?.range).toBe(0);
    expect(result.totals.map((t) => t.supervisor)).toEqual(['A', 'B']);
  });
});

describe('cohort', () => {
  const score = (total: number, grading: number): ScoreSummary => ({
    total,
    band: total >= 90 ? 'high' : total >= 40 ? 'low' : 'non-compliant',
    dimensions: { openingCode: 90, grading, thrive: 80, ndm: 70, logging: 60, escalation: 95 },
    critical: 0,
  });
  const attempt = (
    n: number,
    trainee: string,
    scenario: string,
    total: number,
    grading = 50,
  ): CohortAttempt => ({
    id: `a${n}`,
    trainee,
    traineeName: trainee === 't1' ? 'PC Ada Shah' : 'PC Ben Cole',
    scenario,
    course: n % 2 ? 'intake-12' : 'cpd',
    startedAt: `2026-11-${String(10 + n).padStart(2, '0')}T09:00:00Z`,
    score: score(total, grading),
  });
  const attempts = [
    attempt(1, 't1', 'ltl41-02', 40),
    attempt(2, 't1', 'ltl41-02', 95),
    attempt(3, 't2', 'ltl41-01', 30, 10),
    attempt(4, 't2', 'ltl41-02', 91),
  ];

  it('puts each trainee’s latest attempt at each scenario in the grid, with their trend', () => {
    const cohort = buildCohort(attempts, {}, ['ltl41-01', 'ltl41-02'], 'en-GB');
    expect(cohort.scenarios).toEqual(['ltl41-01', 'ltl41-02']);
    expect(cohort.rows.map((r) => r.name)).toEqual(['PC Ada Shah', 'PC Ben Cole']);
    const ada = cohort.rows[0];
    expect(ada?.cells['ltl41-02']).toMatchObject({ attempts: 2, best: 95, latest: { total: 95 } });
    expect(ada?.trend).toEqual([40, 95]);
    expect(cohort.weakest[0]).toEqual({ dimension: 'grading', mean: 40 });
    expect(cohort.bands.high).toBe(2);
  });

  it('filters by course, scenario, trainee and date', () => {
    expect(buildCohort(attempts, { course: 'intake-12' }, [], 'en-GB').attempts).toBe(2);
    expect(
      buildCohort(attempts, { scenario: 'ltl41-01' }, ['ltl41-01'], 'en-GB').rows.map((r) => r.name),
    ).toEqual(['PC Ben Cole']);
    expect(buildCohort(attempts, { trainee: 'ada' }, [], 'en-GB').attempts).toBe(2);
    expect(buildCohort(attempts, { from: '2026-11-13' }, [], 'en-GB').attempts).toBe(2);
  });
});

describe('replay timeline', () => {
  it.each(catalogue.map((entry) => entry.id))(
    '%s: seeking gives the same state as replaying from the start',
    async (id) => {
      const module = await load(id);
      const { events } = parseAttempt(module.referenceAttempts.model);
      const timeline = new ReplayTimeline(module.machine, events, 4);
      expect(timeline.length).toBe(events.length + 1);
      for (const position of [0, 1, 5, 7, 8, events.length - 1, events.length, events.length + 10]) {
        const expected = replay(module.machine, events.slice(0, Math.min(position, events.length)));
        expect(timeline.at(position).context).toEqual(expected.context);
        expect(timeline.at(position).value).toEqual(expected.value);
      }
    },
  );

  it('places each finding where it began to hold, and omissions at the end', async () => {
    const module = await load('ltl41-02');
    const { events } = parseAttempt(module.referenceAttempts.historical);
    const timeline = new ReplayTimeline(module.machine, events);
    const findingsAt = (call: Parameters<typeof scoreCall>[2]) =>
      scoreCall(module.definition, module.answerKey, call).findings;
    const final = findingsAt(timeline.at(timeline.length - 1).context);
    const moments = findingMoments(timeline, findingsAt);
    expect(moments.size).toBe(new Set(final.map((f) => f.id)).size);
    const placed = [...moments.entries()].filter(([, m]) => !m.omission);
    expect(placed.length).toBeGreaterThan(0);
    for (const [key, { position }] of placed) {
      expect(findingsAt(timeline.at(position).context).map((f) => f.id)).toContain(key);
      expect(findingsAt(timeline.at(position - 1).context).map((f) => f.id)).not.toContain(key);
    }
  });
});

describe('score summary', () => {
  it('keeps the total, band, marks and critical count of a report', async () => {
    const module = await load('ltl41-08');
    const report = scoreAttempt(module, parseAttempt(module.referenceAttempts.historical));
    const summary = summariseScore(report);
    expect(summary.total).toBe(report.total);
    expect(summary.dimensions.thrive).toBe(report.dimensions.thrive.score);
    expect(summary.critical).toBe(report.findings.filter((f) => f.severity === 'critical').length);
  });
});
