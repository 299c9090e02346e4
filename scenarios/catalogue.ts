/*
 * The scenarios on offer, with just enough to list them; everything else loads when one is chosen, so the
 * first screen stays small. The list is generated from the scenario folders (catalogue.generated.ts,
 * written by `npm run catalogue`), so adding a scenario is adding its folder.
 */
import { scenarioFolders } from './catalogue.generated.ts';
import type { CatalogueEntry, ScenarioModule } from './scenario-module.ts';

export const catalogue: readonly CatalogueEntry[] = scenarioFolders;

export function findScenario(id: string): CatalogueEntry | undefined {
  return catalogue.find((entry) => entry.id === id);
}

/**
 * A scenario as it was at a version: the current one or one kept as released. Undefined when this build
 * has neither (an unknown scenario, or a version from a newer build).
 */
export function loadScenarioVersion(id: string, version: number): Promise<ScenarioModule | undefined> {
  const entry = findScenario(id);
  if (!entry) return Promise.resolve(undefined);
  if (version === entry.version) return entry.load();
  return entry.released[version]?.() ?? Promise.resolve(undefined);
}

/** The versions of a scenario this build replays attempts on: the kept ones and the current. */
export function replayableVersions(id: string): readonly number[] {
  const entry = findScenario(id);
  if (!entry) return [];
  return [...Object.keys(entry.released).map(Number), entry.version].sort((a, b) => a - b);
}
