import { findScenario, loadScenarioVersion } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';
import type { AttemptEntry } from '../engine/attempt.ts';
import type { AttemptRecord } from '../records/tables.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';
import { strings } from '../strings/en-gb.ts';

export async function scenarioModule(id: string): Promise<ScenarioModule> {
  const module = await findScenario(id)?.load();
  if (!module) throw new Error(strings.ui.scenarioNotFound);
  return module;
}

/**
 * A stored attempt with the scenario as it was when the attempt was played (the current version, or an
 * earlier one kept as released), for the screens that look back at it: replayed on any other version,
 * its events would not mean what they meant then, and marks or moderation made from them would be wrong.
 * Only an attempt from a newer build, on a version this one has not got, is refused.
 */
export async function loadStoredAttempt(
  store: AttemptStore,
  attemptId: string,
): Promise<{ module: ScenarioModule; record: AttemptRecord; entries: AttemptEntry[] }> {
  const stored = await store.load(attemptId);
  if (!stored) throw new Error(strings.ui.attemptNotFound);
  const { scenario, scenarioVersion } = stored.record;
  const module = await loadScenarioVersion(scenario, scenarioVersion);
  if (!module) {
    throw new Error(
      findScenario(scenario) ? strings.ui.review.cannotReplay(scenarioVersion) : strings.ui.scenarioNotFound,
    );
  }
  return { module, ...stored };
}
