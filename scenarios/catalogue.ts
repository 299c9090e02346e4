/*
 * The scenarios on offer, with just enough to list them; everything else loads when one is chosen, so the
 * first screen stays small. The list is generated from the scenario folders (catalogue.generated.ts,
 * written by `npm run catalogue`), so adding a scenario is adding its folder.
 */
import { scenarioFolders } from './catalogue.generated.ts';
import type { CatalogueEntry } from './scenario-module.ts';

export const catalogue: readonly CatalogueEntry[] = scenarioFolders;

export function findScenario(id: string): CatalogueEntry | undefined {
  return catalogue.find((entry) => entry.id === id);
}
