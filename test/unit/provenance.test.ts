/*
 * A historical attempt is scored only on what its sources report: a dimension they are silent on, or one
 * resting only on events added to complete the replay, neither earns nor loses marks.
 */
import { describe, expect, it } from 'vitest';
import { SCORING_DIMENSIONS } from '../../machines/vocabulary.ts';
import { catalogueScenario } from '../fixtures/builders.ts';
import { parseAttempt, type Attempt } from '../../src/engine/attempt.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';

const scenario = await catalogueScenario('ltl41-03');
const historical = parseAttempt(scenario.referenceAttempts.historical);
const withoutProvenance: Attempt = {
  ...historical,
  unreported: undefined,
  events: historical.events.map(({ provenance: _provenance, ...event }) => event),
};
const added = { added: 'The sources do not give it.' };
const reported = { reported: 'IOPC Learning the Lessons 41, case 3' };
const weighted = (report: ReturnType<typeof scoreAttempt>) => {
  const rows = SCORING_DIMENSIONS.map((d) => report.dimensions[d]);
  const weight = rows.reduce((sum, row) => sum + row.weight, 0);
  return Math.round(rows.reduce((sum, row) => sum + row.score * row.weight, 0) / weight);
};

describe('scoring a historical attempt on what its sources report', () => {
  it('sets a dimension the sources are silent on aside: no weight, no findings, and says why', () => {
    const plain = scoreAttempt(scenario, {
      ...withoutProvenance,
      events: withoutProvenance.events.filter(
        (e) => e.type !== 'trainee.thrive' && e.type !== 'trainee.risk',
      ),
    });
    expect(plain.findings.some((f) => f.dimension === 'thrive')).toBe(true);
    const silent = scoreAttempt(scenario, {
      ...withoutProvenance,
      events: withoutProvenance.events.filter(
        (e) => e.type !== 'trainee.thrive' && e.type !== 'trainee.risk',
      ),
      unreported: { thrive: 'The IOPC neither describes a THRIVE nor says one was missing.' },
    });
    expect(silent.dimensions.thrive).toMatchObject({
      weight: 0,
      unassessed: expect.stringMatching(/neither describes/),
    });
    expect(silent.findings.filter((f) => f.dimension === 'thrive')).toEqual([]);
    expect(silent.total).toBe(weighted(silent));
    expect(silent.total).toBeGreaterThan(plain.total);
  });

  it('sets aside a dimension whose every event was added, and assesses one with any reported event', () => {
    const mark = (type: string, provenance: object) =>
      ({
        ...withoutProvenance,
        events: withoutProvenance.events.map((e) => (e.type === type ? { ...e, provenance } : e)),
      }) as Attempt;
    const addedCode = scoreAttempt(scenario, mark('trainee.code', added));
    expect(addedCode.dimensions.openingCode).toMatchObject({ weight: 0, unassessed: added.added });
    expect(
      scoreAttempt(scenario, mark('trainee.code', reported)).dimensions.openingCode.unassessed,
    ).toBeUndefined();
    const thrive = withoutProvenance.events.filter((e) => e.type === 'trainee.thrive');
    const oneReported = {
      ...withoutProvenance,
      events: withoutProvenance.events.map((e) =>
        e === thrive[0]
          ? { ...e, provenance: reported }
          : e.type === 'trainee.thrive' || e.type === 'trainee.risk'
            ? { ...e, provenance: added }
            : e,
      ),
    };
    expect(scoreAttempt(scenario, oneReported).dimensions.thrive.unassessed).toBeUndefined();
  });

  it('leaves a trainee’s attempt, which carries no provenance, assessed on everything', () => {
    const report = scoreAttempt(scenario, withoutProvenance);
    for (const d of SCORING_DIMENSIONS) expect(report.dimensions[d].unassessed).toBeUndefined();
  });

  it('refuses a malformed provenance or an unknown dimension, naming the field', () => {
    const file = (change: (attempt: Record<string, unknown>) => void) => {
      const raw = JSON.parse(JSON.stringify(scenario.referenceAttempts.historical)) as Record<
        string,
        unknown
      >;
      change(raw);
      return () => parseAttempt(raw);
    };
    expect(
      file((raw) => {
        const [, answer] = raw.events as Record<string, unknown>[];
        if (answer) answer.provenance = { reported: '' };
      }),
    ).toThrow(/attempt\.events\[1\] \(trainee\.answer\)\.provenance/);
    expect(file((raw) => (raw.unreported = { thriving: 'x' }))).toThrow(/attempt\.unreported/);
  });
});
