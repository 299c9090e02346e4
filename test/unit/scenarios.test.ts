import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getShortestPaths } from 'xstate/graph';
import { catalogue } from '../../scenarios/catalogue.ts';
import { parseAttempt } from '../../src/engine/attempt.ts';
import { replay, type CallSnapshot } from '../../src/engine/replay.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { renderFinding, sourceOf } from '../../src/strings/findings.ts';
import {
  catalogueSource,
  GENERATED_CATALOGUE,
  readScenarioFolders,
} from '../../src/validation/catalogue-source.ts';
import {
  analyseGraph,
  representativeEvents,
  callStateSerializer,
} from '../../src/validation/machine-graph.ts';

async function loadScenario(id: string) {
  const entry = catalogue.find((e) => e.id === id);
  if (!entry) throw new Error(`${id} missing from the catalogue`);
  return entry.load();
}

type StateNode = Awaited<ReturnType<(typeof catalogue)[number]['load']>>['machine']['root'];
const allStateIds = (node: StateNode): string[] => [
  node.id,
  ...Object.values(node.states).flatMap(allStateIds),
];

describe('the catalogue', () => {
  it('lists the scenario folders as they are (npm run catalogue writes it)', async () => {
    const root = new URL('../../', import.meta.url).pathname;
    const written = readFileSync(join(root, GENERATED_CATALOGUE), 'utf8');
    expect(written).toBe(await catalogueSource(root, readScenarioFolders(root)));
  });
});

describe.each(catalogue.map((entry) => [entry.id, entry] as const))('scenario %s', (_, entry) => {
  it('has a model attempt that scores 90 or more', async () => {
    const scenario = await entry.load();
    const report = scoreAttempt(scenario, parseAttempt(scenario.referenceAttempts.model));
    expect(report.total).toBeGreaterThanOrEqual(90);
    expect(report.band).toBe('high');
    expect(report.findings.filter((f) => f.severity !== 'good-practice')).toEqual([]);
  });

  it('reaches every state, and every state can still reach the debrief (xstate/graph)', async () => {
    const { definition, machine } = await entry.load();
    const serializeCallState = callStateSerializer(definition);
    const paths = getShortestPaths(machine, {
      events: representativeEvents(definition),
      serializeState: (snapshot) => serializeCallState(snapshot as CallSnapshot),
    });
    const reached = new Set(
      paths.flatMap((path) => (path.state as CallSnapshot)._nodes.map((node) => node.id)),
    );
    const kinds = new Set(definition.phases.map((p) => p.kind));
    const callStates = ['ringing', 'connected', 'wrapUp'].map((s) => `${definition.id}.call.${s}`);
    const needed = allStateIds(machine.root).filter(
      (id) =>
        (kinds.has('dispatch') || !id.endsWith('.call.desk')) &&
        (kinds.has('call') || !callStates.includes(id)),
    );
    expect(needed.length).toBeGreaterThanOrEqual(6);
    expect([...reached].sort()).toEqual(needed.sort());
    expect(paths.some((path) => (path.state as CallSnapshot).status === 'done')).toBe(true);
    const graph = analyseGraph(definition, machine);
    expect(graph.unreachable).toEqual([]);
    expect(graph.deadEnds).toEqual([]);
  });
});

describe('ltl41-02 across its two calls', () => {
  it('finds last week’s call on the caller’s history only if the trainee logged it', async () => {
    const scenario = await loadScenario('ltl41-02');
    const historyResult = (attempt: unknown) =>
      replay(scenario.machine, parseAttempt(attempt).events).context.checks.find(
        (c) => c.system === 'caller-history',
      )?.result;
    expect(historyResult(scenario.referenceAttempts.model)).toBe('history-caller-number-logged');
    expect(historyResult(scenario.referenceAttempts.historical)).toBe('history-caller-number');
  });
});

describe('ltl41-02 historical attempt', () => {
  it('fails where the IOPC found failings', async () => {
    const scenario = await loadScenario('ltl41-02');
    const report = scoreAttempt(scenario, parseAttempt(scenario.referenceAttempts.historical));
    expect(report.total).toBeLessThanOrEqual(50);
    const context = { scenario: scenario.definition, key: scenario.answerKey };
    const messages = report.findings.map((f) => `${f.dimension} ${f.severity}: ${renderFinding(f, context)}`);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^openingCode major: You opened the incident as "Suspicious circumstances"; it needed "Domestic abuse"/,
      ),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^ndm major: No intelligence checks were run on her/),
    );
    // The IOPC found the dispatcher circulated only the log's first line; the call handler's log held more.
    expect(messages).toContainEqual(
      expect.stringMatching(/^logging major: Your log does not record: She and her ex-husband went through/),
    );
    expect(messages).not.toContainEqual(expect.stringMatching(/^logging \w+: Your log is \d+ words long/));
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^grading critical: You graded the call Priority \(60 minutes\); it needed Immediate \(15 minutes\)/,
      ),
    );
    const code = report.findings.find((f) => f.dimension === 'openingCode');
    expect(code && sourceOf(code.source).quote).toBe(
      'If an incident fits the definition of domestic abuse, it must be recorded as a domestic abuse incident',
    );
  });
});

describe.each([
  ['ltl41-02', 'flag-to-dispatch'],
  ['ltl41-04', 'flag-risk-to-dispatch'],
])('%s historical attempt', (id, expectation) => {
  it('replays the real transfer to dispatch, as the sources report it, and still fails for what it did not carry', async () => {
    const scenario = await loadScenario(id);
    const historical = parseAttempt(scenario.referenceAttempts.historical);
    const transfer = historical.events.find((e) => e.type === 'trainee.escalate' && e.to === 'dispatcher');
    expect(transfer?.provenance).toMatchObject({ reported: expect.any(String) });
    const report = scoreAttempt(scenario, historical);
    expect(report.findings.map((f) => f.id)).toContain(
      `escalation:expectation-missed:expectation=${expectation}`,
    );
  });
});

/** Where each case's real staff were found wanting (or not), as issue 41 and the briefs say. */
describe.each([
  {
    // The contact officer noted an immediate response was needed; the dispatchers graded it down.
    id: 'ltl41-01',
    total: {},
    dimensions: { grading: { below: 100 } },
    findings: [
      /^grading moderate: You changed the grade from Immediate .* to Priority .* without writing why/,
      /^ndm major: Put the risk on the radio/,
    ],
  },
  {
    // The good-practice case: nothing the IOPC did not find counts against her, and it found nothing.
    id: 'ltl41-03',
    total: { atLeast: 85 },
    dimensions: {},
    findings: [/^ndm good-practice: .*listen/i, /^escalation good-practice: /],
    noSerious: true,
  },
  {
    id: 'ltl41-04',
    total: {},
    dimensions: { logging: { below: 60 }, grading: { atLeast: 100 } },
    findings: [/^logging .*own life/i],
  },
  {
    id: 'ltl41-05',
    total: {},
    dimensions: { escalation: { below: 50 } },
    findings: [
      /^logging major: Your log does not record: She last saw her parents/,
      /^logging major: Your log does not record: .*car/,
    ],
  },
  {
    id: 'ltl41-07',
    total: { below: 60 },
    dimensions: {},
    findings: [
      /^escalation major: Tell the officers, before they arrive, that he is a vulnerable adult/,
      /^ndm major: You closed the incident with officers still deciding/,
    ],
  },
  {
    id: 'ltl41-08',
    total: {},
    dimensions: { thrive: { below: 60 } },
    findings: [
      /^ndm critical: You never established what she said/,
      /^ndm critical: You ended the call when she stopped answering/,
    ],
  },
  {
    id: 'ltl41-06',
    total: {},
    dimensions: { openingCode: { below: 50 }, grading: { below: 50 }, escalation: { below: 60 } },
    findings: [
      /^escalation \w+: .*Network Rail/,
      /^thrive moderate: Rationale too short/,
      /^logging major: Questions added to the log were left unanswered/,
    ],
  },
  {
    id: 'ltl41-09',
    total: {},
    dimensions: { escalation: { below: 50 } },
    findings: [/^ndm major: Link Thursday's overdose/],
  },
  {
    id: 'ltl41-10',
    total: {},
    dimensions: { openingCode: { below: 50 } },
    findings: [
      /^ndm \w+: Open the procedure \(SOP\)/,
      /^ndm critical: .*breathing/i,
      /^logging major: Questions added to the log were left unanswered/,
      /^escalation major: The manager told you the police had just arrived/,
    ],
  },
] as {
  id: string;
  total: { atLeast?: number; below?: number };
  dimensions: Record<string, { atLeast?: number; below?: number }>;
  findings: RegExp[];
  noSerious?: boolean;
}[])('$id historical attempt', ({ id, total, dimensions, findings, noSerious }) => {
  it('fails where the IOPC found failings, and passes where the staff did well', async () => {
    const scenario = await loadScenario(id);
    const report = scoreAttempt(scenario, parseAttempt(scenario.referenceAttempts.historical));
    const bound = (value: number, limits: { atLeast?: number; below?: number }) => {
      if (limits.atLeast !== undefined) expect(value).toBeGreaterThanOrEqual(limits.atLeast);
      if (limits.below !== undefined) expect(value).toBeLessThan(limits.below);
    };
    bound(report.total, total);
    for (const [dimension, limits] of Object.entries(dimensions)) {
      bound(report.dimensions[dimension as keyof typeof report.dimensions].score, limits);
    }
    const context = { scenario: scenario.definition, key: scenario.answerKey };
    const messages = report.findings.map((f) => `${f.dimension} ${f.severity}: ${renderFinding(f, context)}`);
    for (const finding of findings) expect(messages).toContainEqual(expect.stringMatching(finding));
    if (noSerious) expect(messages.filter((m) => /^\w+ (major|critical):/.test(m))).toEqual([]);
  });
});
