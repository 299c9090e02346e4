/*
 * The scenarios on offer, with just enough to list them (each folder's meta.ts). Everything else loads
 * when one is chosen, so the first screen stays small. The validator checks each meta.ts against its
 * scenario.json. To add a scenario: its folder, then one entry here.
 */
import ltl4102 from './ltl41-02/meta.ts';
import type { CatalogueEntry } from './scenario-module.ts';

export const catalogue: readonly CatalogueEntry[] = [
  {
    ...ltl4102,
    load: () => import('./ltl41-02/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-02/content.ts').then((module) => module.default),
  },
];

export function findScenario(id: string): CatalogueEntry | undefined {
  return catalogue.find((entry) => entry.id === id);
}
