/*
 * How a moderation names the finding it is about. Today that is the finding's stable id. Before findings
 * had ids (bundle format 1, and moderations stored before then), it was the finding's English words:
 * "dimension: message". Those are upgraded by scoring the attempt again and matching the words each of
 * its findings renders to in British English; a ref that matches neither is reported, never guessed.
 */
import type { AttemptEntry } from '../engine/attempt.ts';
import type { Finding } from '../scoring/findings.ts';
import { scoreEvents } from '../scoring/score-attempt.ts';
import { renderFinding, type FindingContext } from '../strings/findings.ts';
import type { ScenarioVersions } from './catalogue-scenarios.ts';
import type { Moderation } from '../records/records.ts';

/** What a finding was called before it had an id. */
export const legacyFindingRef = (finding: Finding, context: FindingContext): string =>
  `${finding.dimension}: ${renderFinding(finding, context)}`;

/** Ids never hold a space; the words of a legacy ref always follow "dimension: ". */
export const isLegacyFindingRef = (ref: string): boolean => ref.includes(' ');

/** Resolves refs (ids, and legacy words) to the ids of one attempt's findings; null when it has no such finding. */
export function findingRefResolver(
  findings: readonly Finding[],
  context: FindingContext,
): (ref: string) => string | null {
  const ids = new Set(findings.map((finding) => finding.id));
  let legacy: Map<string, string> | null = null;
  return (ref) => {
    if (!isLegacyFindingRef(ref)) return ids.has(ref) ? ref : null;
    legacy ??= new Map(findings.map((finding) => [legacyFindingRef(finding, context), finding.id]));
    return legacy.get(ref) ?? null;
  };
}

/** What upgrading stored moderations needs of the store. */
export interface ModerationTables {
  allModerations(): Promise<Moderation[]>;
  load(
    attemptId: string,
  ): Promise<{ record: { scenario: string; scenarioVersion: number }; entries: AttemptEntry[] } | null>;
  putModerations(moderations: readonly Moderation[]): Promise<void>;
}

/**
 * Moderations stored before findings had ids name them by their words: each is rewritten to its
 * finding's id, once, by scoring its attempt again. One whose attempt this build cannot replay (a scenario
 * version from a newer build), or whose words match none of its findings, is left as it was, to be tried again
 * next time; nothing is dropped. Returns how many were upgraded.
 */
export async function upgradeStoredFindingRefs(
  store: ModerationTables,
  loadScenario: ScenarioVersions['load'],
): Promise<number> {
  const legacy = (await store.allModerations()).filter(
    (m) => m.target.kind === 'finding' && isLegacyFindingRef(m.target.finding),
  );
  const resolvers = new Map<string, ((ref: string) => string | null) | null>();
  const upgraded: Moderation[] = [];
  for (const moderation of legacy) {
    if (moderation.target.kind !== 'finding') continue;
    if (!resolvers.has(moderation.attempt)) {
      resolvers.set(moderation.attempt, await resolverFor(store, moderation.attempt, loadScenario));
    }
    const id = resolvers.get(moderation.attempt)?.(moderation.target.finding) ?? null;
    if (id !== null) upgraded.push({ ...moderation, target: { ...moderation.target, finding: id } });
  }
  if (upgraded.length > 0) await store.putModerations(upgraded);
  return upgraded.length;
}

async function resolverFor(
  store: ModerationTables,
  attemptId: string,
  loadScenario: ScenarioVersions['load'],
): Promise<((ref: string) => string | null) | null> {
  const stored = await store.load(attemptId);
  if (!stored) return null;
  const module = await loadScenario(stored.record.scenario, stored.record.scenarioVersion);
  if (!module) return null;
  const report = scoreEvents(module, stored.entries);
  return findingRefResolver(report.findings, { scenario: module.definition, key: module.answerKey });
}
