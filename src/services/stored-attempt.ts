import { findScenario } from '../../scenarios/catalogue.ts';
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
 * A stored attempt with the scenario it was played on, for the screens that look back at it. An attempt
 * played on another version of the scenario is refused: replayed on this one, its events would not mean
 * what they meant then, and marks or moderation made from them would be wrong.
 */
export async function loadStoredAttempt(
  store: AttemptStore,
  attemptId: string,
): Promise<{ module: ScenarioModule; record: AttemptRecord; entries: AttemptEntry[] }> {
  const stored = await store.load(attemptId);
  if (!stored) throw new Error(strings.ui.attemptNotFound);
  const module = await scenarioModule(stored.record.scenario);
  if (stored.record.scenarioVersion !== module.definition.version) {
    throw new Error(strings.ui.review.cannotReplay(stored.record.scenarioVersion, module.definition.version));
  }
  return { module, ...stored };
}
