import { existsSync, readFileSync } from 'node:fs';
/*
 * Findings as data: each has a stable id made of its rule and what it is about, never its words, so
 * rewording the strings moves no moderation and no bundle verdict; moderations and bundles made before
 * findings had ids (named by their English words) upgrade to ids without loss. fake-indexeddb stands in
 * for the browser's IndexedDB at the edge; the store's own code is real.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { catalogue, findScenario, loadScenarioVersion } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import { parseAttempt } from '../../src/engine/attempt.ts';
import { ReplayTimeline } from '../../src/engine/timeline.ts';
import { scoreCall } from '../../src/scoring/score.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { AttemptStore } from '../../src/storage/attempt-store.ts';
import { importBundle } from '../../src/supervision/bundle-transfer.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { renderFinding } from '../../src/strings/findings.ts';
import { packAttempts, readBundle, type Bundle } from '../../src/supervision/bundle.ts';
import { catalogueScenarios } from '../../src/supervision/catalogue-scenarios.ts';
import { legacyFindingRef, upgradeStoredFindingRefs } from '../../src/supervision/finding-refs.ts';
import { moderateReport } from '../../src/supervision/moderation.ts';
import type { Moderation } from '../../src/records/records.ts';
import legacyKeys from '../fixtures/legacy-finding-keys.json' with { type: 'json' };

async function load(id: string): Promise<ScenarioModule> {
  const module = await findScenario(id)?.load();
  if (!module) throw new Error(`no scenario ${id}`);
  return module;
}
const contextOf = (module: ScenarioModule) => ({ scenario: module.definition, key: module.answerKey });

describe('finding ids', () => {
  it.each(catalogue.map((entry) => entry.id))(
    '%s: the same attempt scored twice gives the same ids, one per finding, with no words in them',
    async (id) => {
      const module = await load(id);
      for (const kind of ['model', 'historical'] as const) {
        const attempt = parseAttempt(module.referenceAttempts[kind]);
        const ids = scoreAttempt(module, attempt).findings.map((f) => f.id);
        expect(ids.length).toBeGreaterThan(0);
        expect(scoreAttempt(module, attempt).findings.map((f) => f.id)).toEqual(ids);
        expect(new Set(ids).size).toBe(ids.length);
        for (const findingId of ids) expect(findingId).toMatch(/^[a-zA-Z]+:[a-z-]+(:[a-zA-Z]+=[^\s:]*)*$/);
      }
    },
  );

  it('stay the same when every message is reworded, and so do moderations and bundle verdicts', async () => {
    const module = await load('ltl41-02');
    const historical = parseAttempt(module.referenceAttempts.historical);
    const before = scoreAttempt(module, historical);
    const target = before.findings.find((f) => f.severity === 'critical');
    if (!target) throw new Error('the historical attempt of case 2 has no critical finding');
    const withdrawn: Moderation = {
      id: 'mod-1',
      attempt: 'a-1',
      supervisor: 'Sgt Okafor',
      at: '2026-11-22T13:00:00Z',
      target: { kind: 'finding', finding: target.id, verdict: 'withdrawn' },
      reason: 'The grade was the dispatcher’s, not the call handler’s.',
    };
    const bundle = withModeration(packAttempts([historical], '2026-11-22T12:00:00Z'), withdrawn);
    const wordsBefore = renderFinding(target, contextOf(module));

    const restore = rewordEveryScoringMessage();
    try {
      expect(renderFinding(target, contextOf(module))).not.toBe(wordsBefore);
      const after = scoreAttempt(module, historical);
      expect(after.findings.map((f) => f.id)).toEqual(before.findings.map((f) => f.id));
      const moderated = moderateReport(after, [withdrawn]);
      expect(moderated.findings.find((f) => f.finding.id === target.id)?.verdict).toBe('withdrawn');
      const verified = await readBundle(bundle, catalogueScenarios);
      expect(verified.bundle.moderations).toEqual(bundle.moderations);
    } finally {
      restore();
    }
  });
});

describe('refs from before findings had ids', () => {
  it('every finding the reference attempts gave, named by its words then, still names one finding now', async () => {
    expect(legacyKeys.length).toBeGreaterThan(500);
    const timelines = new Map<string, { module: ScenarioModule; timeline: ReplayTimeline }>();
    const unresolved: string[] = [];
    for (const row of legacyKeys) {
      const key = `${row.scenario} ${row.attempt}`;
      let entry = timelines.get(key);
      if (!entry) {
        // The fixture was written on these versions; a new version of a scenario keeps the old one.
        const module = await loadScenarioVersion(row.scenario, row.version);
        if (!module) throw new Error(`no version ${row.version} of ${row.scenario}`);
        expect(module.definition.version).toBe(row.version);
        // The historical attempts have since been corrected to what the sources report, and a model
        // attempt made exactly what the desk records (no risk level chosen again): the fixture replays
        // them as they were when it was written.
        const legacy = new URL(`../fixtures/legacy-${row.attempt}/${row.scenario}.json`, import.meta.url);
        const attempt = parseAttempt(
          row.attempt === 'historical' || existsSync(legacy)
            ? readFileSync(legacy, 'utf8')
            : module.referenceAttempts[row.attempt as 'model'],
        );
        entry = { module, timeline: new ReplayTimeline(module.machine, attempt.events) };
        timelines.set(key, entry);
      }
      const { module, timeline } = entry;
      const report = scoreCall(module.definition, module.answerKey, timeline.at(row.position).context);
      const refs = report.findings.map((finding) => legacyFindingRef(finding, contextOf(module)));
      if (!refs.includes(row.key)) unresolved.push(`${key} @${row.position}: ${row.key}`);
    }
    expect(unresolved).toEqual([]);
  }, 30_000);

  it('a version 1 bundle naming a finding by its words is read with the finding’s id', async () => {
    const module = await load('ltl41-02');
    const historical = parseAttempt(module.referenceAttempts.historical);
    const target = scoreAttempt(module, historical).findings[0];
    if (!target) throw new Error('no findings');
    const words = legacyFindingRef(target, contextOf(module));
    const legacy = {
      ...withModeration(packAttempts([historical], '2026-11-22T12:00:00Z'), moderationOf(words)),
      formatVersion: 1,
    };
    const verified = await readBundle(legacy, catalogueScenarios);
    expect(verified.bundle.formatVersion).toBe(2);
    expect(verified.bundle.moderations[0]?.target).toEqual({
      kind: 'finding',
      finding: target.id,
      verdict: 'upheld',
    });
  });

  it('refuses a version 1 ref whose words match no finding, and words in a version 2 bundle', async () => {
    const module = await load('ltl41-02');
    const historical = parseAttempt(module.referenceAttempts.historical);
    const target = scoreAttempt(module, historical).findings[0];
    if (!target) throw new Error('no findings');
    const packed = packAttempts([historical], '2026-11-22T12:00:00Z');
    const unknown = {
      ...withModeration(packed, moderationOf('ndm: Words no finding ever had.')),
      formatVersion: 1,
    };
    await expect(readBundle(unknown, catalogueScenarios)).rejects.toThrow(
      'bundle.moderations[0].target.finding: attempt',
    );
    const wordsInV2 = withModeration(packed, moderationOf(legacyFindingRef(target, contextOf(module))));
    await expect(readBundle(wordsInV2, catalogueScenarios)).rejects.toThrow(
      'bundle.moderations[0].target.finding: attempt',
    );
  });

  it('moderations stored by their words are rewritten to ids once; those that match nothing are kept', async () => {
    const store = new AttemptStore(`finding-refs-${Date.now()}`);
    const module = await load('ltl41-04');
    const historical = parseAttempt(module.referenceAttempts.historical);
    const bundle = packAttempts([historical], '2026-11-22T12:00:00Z');
    await importBundle(store, bundle);
    const record = { id: bundle.attempts[0]?.id ?? '' };
    const target = scoreAttempt(module, historical).findings[0];
    if (!target) throw new Error('no findings');
    const words = legacyFindingRef(target, contextOf(module));
    await store.addModeration({ ...moderationOf(words), id: 'by-words', attempt: record.id });
    await store.addModeration({
      ...moderationOf('ndm: Words no finding had.'),
      id: 'lost',
      attempt: record.id,
    });

    expect(await upgradeStoredFindingRefs(store, catalogueScenarios.load)).toBe(1);
    const stored = new Map((await store.moderationsOf(record.id)).map((m) => [m.id, m.target]));
    expect(stored.get('by-words')).toEqual({ kind: 'finding', finding: target.id, verdict: 'upheld' });
    expect(stored.get('lost')).toEqual({
      kind: 'finding',
      finding: 'ndm: Words no finding had.',
      verdict: 'upheld',
    });
    expect(await upgradeStoredFindingRefs(store, catalogueScenarios.load)).toBe(0);
  });
});

function moderationOf(finding: string): Moderation {
  return {
    id: 'mod-1',
    attempt: 'placeholder',
    supervisor: 'Sgt Okafor',
    at: '2026-11-22T13:00:00Z',
    target: { kind: 'finding', finding, verdict: 'upheld' },
    reason: 'Listened to the call: the finding stands.',
  };
}

/** The bundle with one moderation, on its first attempt. */
function withModeration(bundle: Bundle, moderation: Moderation): Bundle {
  const attempt = bundle.attempts[0];
  if (!attempt) throw new Error('empty bundle');
  return { ...bundle, moderations: [{ ...moderation, attempt: attempt.id }] };
}

/** Every scoring message says something else (as a rewording would); returns how to put them back. */
function rewordEveryScoringMessage(): () => void {
  const scoring = strings.scoring as Record<string, unknown>;
  const original = { ...scoring };
  for (const [name, value] of Object.entries(original)) {
    if (typeof value === 'function') {
      scoring[name] = (...args: unknown[]) =>
        `Reworded: ${String((value as (...a: unknown[]) => unknown)(...args))}`;
    } else if (typeof value === 'string') {
      scoring[name] = `Reworded: ${value}`;
    }
  }
  return () => Object.assign(scoring, original);
}
