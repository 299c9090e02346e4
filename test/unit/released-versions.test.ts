/*
 * Every attempt replays on the version it was played on: the earlier versions of each scenario are kept as
 * released (scenarios/<id>/released/v<N>/) and read by today's code, so an attempt played on one replays,
 * is scored, is moderated and moves in bundles after the scenario has moved on. fake-indexeddb stands in
 * for the browser's IndexedDB at the edge; the store and the bundle code are real.
 */
import 'fake-indexeddb/auto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReleasedScenario, unrecordedLines } from '../../machines/released-scenario.ts';
import type { ScenarioDefinition } from '../../machines/scenario-format.ts';
import {
  catalogue,
  findScenario,
  loadScenarioVersion,
  replayableVersions,
} from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { parseAttempt, type Attempt } from '../../src/engine/attempt.ts';
import { replay } from '../../src/engine/replay.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { AttemptStore } from '../../src/storage/attempt-store.ts';
import { exportBundle, importBundle } from '../../src/supervision/bundle-transfer.ts';
import { packAttempts } from '../../src/supervision/bundle.ts';
import { catalogueScenarios } from '../../src/supervision/catalogue-scenarios.ts';
import { legacyFindingRef, upgradeStoredFindingRefs } from '../../src/supervision/finding-refs.ts';
import { moderateReport } from '../../src/supervision/moderation.ts';
import { keepAndRaiseVersion, VERSION_FILES } from '../../src/validation/released-versions.ts';
import { validateReleasedVersion } from '../../src/validation/validate-scenario.ts';
import keptScenario from '../../scenarios/ltl41-02/released/v3/scenario.json' with { type: 'json' };
import keptAnswerKey from '../../scenarios/ltl41-02/released/v3/answer-key.json' with { type: 'json' };
import keptModel from '../../scenarios/ltl41-02/released/v3/attempts/model.json' with { type: 'json' };
import keptHistorical from '../../scenarios/ltl41-02/released/v3/attempts/historical.json' with { type: 'json' };
import currentScenario from '../../scenarios/ltl41-02/scenario.json' with { type: 'json' };

async function version(id: string, number: number): Promise<ScenarioModule> {
  const module = await loadScenarioVersion(id, number);
  if (!module) throw new Error(`no version ${number} of ${id}`);
  return module;
}

describe('kept versions', () => {
  it('keeps every version before the current one, and each loads as the version it was', async () => {
    let kept = 0;
    for (const entry of catalogue) {
      const versions = replayableVersions(entry.id);
      expect(versions).toEqual(Array.from({ length: entry.version }, (_, i) => i + 1));
      for (const number of versions.slice(0, -1)) {
        const module = await version(entry.id, number);
        expect(module.definition).toMatchObject({ id: entry.id, version: number });
        // The reference attempts of the day replay to the debrief, and the model is still the model.
        const model = parseAttempt(module.referenceAttempts.model);
        expect(model.scenarioVersion).toBe(number);
        expect(replay(module.machine, model.events).status).toBe('done');
        expect(scoreAttempt(module, model).total).toBeGreaterThanOrEqual(90);
        kept++;
      }
    }
    expect(kept).toBeGreaterThanOrEqual(12);
  });

  it('has no version after the current one, and no scenario it does not know', async () => {
    const current = findScenario('ltl41-02')?.version ?? 0;
    expect(await loadScenarioVersion('ltl41-02', current + 1)).toBeUndefined();
    expect(await loadScenarioVersion('no-such-case', 1)).toBeUndefined();
    expect(catalogueScenarios.has('ltl41-02', current + 1)).toBe(false);
    expect(catalogueScenarios.has('ltl41-02', 1)).toBe(true);
  });

  it('scores an attempt on its own version, which a later version would read differently', async () => {
    const three = await version('ltl41-02', 3);
    const current = await version('ltl41-02', findScenario('ltl41-02')?.version ?? 0);
    const historical = parseAttempt(three.referenceAttempts.historical);
    expect(() => scoreAttempt(current, historical)).toThrow(/played on version 3 of ltl41-02/);
    const report = scoreAttempt(three, historical);
    expect(report.scenarioVersion).toBe(3);
    // The IOPC's findings stand on the version of the day: the real call handler's attempt fails.
    expect(report.total).toBeLessThan(50);
  });
});

describe('reading a kept version with today’s code', () => {
  const current = currentScenario as ScenarioDefinition;

  it('fills in only what describes the case, never what the call did', () => {
    const read = readReleasedScenario(keptScenario, current) as ScenarioDefinition;
    expect(read.contentNote).toBe(current.contentNote);
    expect(read.supportTopics).toEqual(current.supportTopics);
    expect(read.subjects.find((s) => s.id === 'ex-husband')?.identifiers).toEqual(['Carl Ash']);
    // What the kept file says is kept as it was: its lines, facts and (absent) speech timings.
    expect(read.lines).toEqual(keptScenario.lines);
    expect(read.facts).toEqual(keptScenario.facts);
    expect(read.lines.every((line) => line.audio?.seconds === undefined)).toBe(true);
  });

  it('names a subject the current version no longer has by the name its label starts with', () => {
    const kept = {
      ...keptScenario,
      subjects: [{ id: 'lodger', kind: 'person', label: 'Dan Rowe (her lodger)' }],
    };
    const read = readReleasedScenario(kept, current) as ScenarioDefinition;
    expect(read.subjects).toEqual([
      { id: 'lodger', kind: 'person', label: 'Dan Rowe (her lodger)', identifiers: ['Dan Rowe'] },
    ]);
  });

  it('hears as captions only the lines today’s recordings do not say', () => {
    const read = readReleasedScenario(keptScenario, current) as ScenarioDefinition;
    const same = read.lines.find((line) => current.lines.some((now) => now.id === line.id));
    if (!same) throw new Error('no line in common');
    const changed = { ...same, text: `${same.text} (said differently then)` };
    const unchanged = { ...read, lines: [same] };
    expect(unrecordedLines(unchanged, { ...current, lines: [{ ...same }] })).toEqual(new Set());
    expect(unrecordedLines({ ...read, lines: [changed] }, current)).toEqual(new Set([same.id]));
    expect(unrecordedLines(read, { ...current, lines: [] }).size).toBe(read.lines.length);
  });

  it('is refused by validation, naming file and field, when it is not the version its folder says', () => {
    const files = {
      id: 'ltl41-02',
      answerKey: keptAnswerKey,
      attempts: { model: keptModel, historical: keptHistorical },
      current: currentScenario,
      voices: new Set(keptScenario.lines.flatMap((line) => (line.audio ? [line.audio.voice] : []))),
    };
    expect(validateReleasedVersion({ ...files, version: 3, scenario: keptScenario })).toEqual([]);
    expect(validateReleasedVersion({ ...files, version: 2, scenario: keptScenario })).toContainEqual({
      file: 'scenarios/ltl41-02/released/v2/scenario.json',
      field: 'version',
      message: 'is 3; a folder named v2 keeps version 2',
    });
    const broken = {
      ...keptScenario,
      lines: keptScenario.lines.map((l, i) => (i ? l : { ...l, phase: 'gone' })),
    };
    expect(validateReleasedVersion({ ...files, version: 3, scenario: broken })).not.toEqual([]);
  });
});

describe('an attempt on an earlier version, after the scenario moved on', () => {
  let store: AttemptStore;
  let elsewhere: AttemptStore;
  let count = 0;
  beforeEach(() => {
    count++;
    store = new AttemptStore(`test-kept-${count}`);
    elsewhere = new AttemptStore(`test-kept-elsewhere-${count}`);
  });
  afterEach(() => {
    store.close();
    elsewhere.close();
  });

  async function playedOnVersion3(): Promise<{ attempt: Attempt; module: ScenarioModule; id: string }> {
    const module = await version('ltl41-02', 3);
    const attempt = { ...parseAttempt(module.referenceAttempts.historical), trainee: 'PC 5120 Cole' };
    const bundle = packAttempts([attempt], '2026-12-01T09:00:00Z');
    await importBundle(store, bundle);
    const [row] = bundle.attempts;
    if (!row) throw new Error('pack lost the attempt');
    return { attempt, module, id: row.id };
  }

  it('is moderated by finding id, and moves in a bundle with its moderation', async () => {
    const { attempt, module, id } = await playedOnVersion3();
    const report = scoreAttempt(module, attempt);
    const finding = report.findings[0];
    if (!finding) throw new Error('the historical attempt has no findings');
    await store.addModeration({
      id: 'kept-version-moderation',
      attempt: id,
      supervisor: 'Sgt Okafor',
      at: '2026-12-02T10:00:00Z',
      target: { kind: 'finding', finding: finding.id, verdict: 'withdrawn' },
      reason: 'Listened to the call on the version it was played on.',
    });

    const { bundle, leftOut } = await exportBundle(store);
    expect(leftOut).toEqual([]);
    expect(bundle.attempts.map((row) => row.attempt.scenarioVersion)).toEqual([3]);
    const result = await importBundle(elsewhere, bundle);
    expect(result.added).toMatchObject({ attempts: 1, moderations: 1 });
    const moved = await elsewhere.load(id);
    expect(moved?.record).toMatchObject({ scenario: 'ltl41-02', scenarioVersion: 3, status: 'finished' });
    const moderated = moderateReport(report, await elsewhere.moderationsOf(id));
    expect(moderated.findings.find((f) => f.finding.id === finding.id)?.verdict).toBe('withdrawn');
  });

  it('has a moderation stored in words upgraded to its finding id on the version it was played on', async () => {
    const { attempt, module, id } = await playedOnVersion3();
    const finding = scoreAttempt(module, attempt).findings[0];
    if (!finding) throw new Error('the historical attempt has no findings');
    const context = { scenario: module.definition, key: module.answerKey };
    await store.addModeration({
      id: 'in-words',
      attempt: id,
      supervisor: 'Sgt Okafor',
      at: '2026-12-02T10:00:00Z',
      target: { kind: 'finding', finding: legacyFindingRef(finding, context), verdict: 'upheld' },
      reason: 'Stored before findings had ids.',
    });
    expect(await upgradeStoredFindingRefs(store, catalogueScenarios.load)).toBe(1);
    expect((await store.moderationsOf(id))[0]?.target).toEqual({
      kind: 'finding',
      finding: finding.id,
      verdict: 'upheld',
    });
  });
});

describe('npm run new-version', () => {
  const root = new URL('../../', import.meta.url).pathname;

  it('keeps the current version byte for byte and raises the scenario and its reference attempts', () => {
    const copy = mkdtempSync(join(tmpdir(), 'new-version-'));
    try {
      for (const file of VERSION_FILES.filter((f) => f !== 'sops.json'))
        cpSync(join(root, 'scenarios/ltl41-02', file), join(copy, 'scenarios/ltl41-02', file));
      const read = (path: string) => readFileSync(join(copy, 'scenarios/ltl41-02', path), 'utf8');
      const before = read('scenario.json');
      const version = (JSON.parse(before) as { version: number }).version;

      expect(keepAndRaiseVersion(copy, 'ltl41-02')).toBe(version);
      expect(read(`released/v${version}/scenario.json`)).toBe(before);
      expect(JSON.parse(read('scenario.json'))).toMatchObject({ version: version + 1 });
      expect(read('scenario.json').replace(`"version": ${version + 1},`, `"version": ${version},`)).toBe(
        before,
      );
      for (const attempt of ['model', 'historical']) {
        expect(JSON.parse(read(`attempts/${attempt}.json`))).toMatchObject({ scenarioVersion: version + 1 });
        expect(JSON.parse(read(`released/v${version}/attempts/${attempt}.json`))).toMatchObject({
          scenarioVersion: version,
        });
      }
      // The kept version is what validation accepts, read through the raised current one.
      const json = (path: string): unknown => JSON.parse(read(path));
      const kept = `released/v${version}`;
      const problems = validateReleasedVersion({
        id: 'ltl41-02',
        version,
        scenario: json(`${kept}/scenario.json`),
        answerKey: json(`${kept}/answer-key.json`),
        attempts: {
          model: json(`${kept}/attempts/model.json`),
          historical: json(`${kept}/attempts/historical.json`),
        },
        current: json('scenario.json'),
        voices: new Set(
          Object.keys(JSON.parse(readFileSync(join(root, 'audio/recipe/voices.json'), 'utf8'))),
        ),
      });
      expect(problems).toEqual([]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses to overwrite a version already kept', () => {
    const copy = mkdtempSync(join(tmpdir(), 'new-version-'));
    try {
      cpSync(join(root, 'scenarios/ltl41-02/scenario.json'), join(copy, 'scenarios/ltl41-02/scenario.json'));
      const version = (
        JSON.parse(readFileSync(join(copy, 'scenarios/ltl41-02/scenario.json'), 'utf8')) as {
          version: number;
        }
      ).version;
      cpSync(
        join(root, 'scenarios/ltl41-02/released/v1'),
        join(copy, `scenarios/ltl41-02/released/v${version}`),
        {
          recursive: true,
        },
      );
      expect(() => keepAndRaiseVersion(copy, 'ltl41-02')).toThrow(`released/v${version}: already kept`);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
