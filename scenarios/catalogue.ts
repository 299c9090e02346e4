/*
 * The scenarios on offer, with just enough to list them. Everything else loads when one is chosen, so
 * the first screen stays small. The validator checks each entry against its scenario.json.
 */
import type { CatalogueEntry } from './scenario-module.ts';

export const catalogue: readonly CatalogueEntry[] = [
  {
    id: 'ltl41-02',
    version: 2,
    caseNumber: 2,
    title: 'Banging at the door',
    summary:
      "A week after asking police to reactivate a court order against her ex-husband, a woman rings 999: someone is banging on her front door and she thinks it is him. She mentions 'a bit of a domestic violence case last year'.",
    contentNote: 'Domestic abuse, threats to kill and a serious assault.',
    load: () => import('./ltl41-02/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-02/content.ts').then((module) => module.default),
  },
];

export function findScenario(id: string): CatalogueEntry | undefined {
  return catalogue.find((entry) => entry.id === id);
}
