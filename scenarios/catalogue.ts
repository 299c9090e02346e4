/*
 * The scenarios on offer, with just enough to list them (each folder's meta.ts). Everything else loads
 * when one is chosen, so the first screen stays small. The validator checks each meta.ts against its
 * scenario.json. To add a scenario: its folder, then one entry here.
 */
import ltl4101 from './ltl41-01/meta.ts';
import ltl4102 from './ltl41-02/meta.ts';
import ltl4103 from './ltl41-03/meta.ts';
import ltl4104 from './ltl41-04/meta.ts';
import ltl4105 from './ltl41-05/meta.ts';
import ltl4106 from './ltl41-06/meta.ts';
import ltl4107 from './ltl41-07/meta.ts';
import ltl4108 from './ltl41-08/meta.ts';
import ltl4109 from './ltl41-09/meta.ts';
import ltl4110 from './ltl41-10/meta.ts';
import type { CatalogueEntry } from './scenario-module.ts';

export const catalogue: readonly CatalogueEntry[] = [
  {
    ...ltl4101,
    load: () => import('./ltl41-01/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-01/content.ts').then((module) => module.default),
  },
  {
    ...ltl4102,
    load: () => import('./ltl41-02/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-02/content.ts').then((module) => module.default),
  },
  {
    ...ltl4103,
    load: () => import('./ltl41-03/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-03/content.ts').then((module) => module.default),
  },
  {
    ...ltl4104,
    load: () => import('./ltl41-04/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-04/content.ts').then((module) => module.default),
  },
  {
    ...ltl4105,
    load: () => import('./ltl41-05/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-05/content.ts').then((module) => module.default),
  },
  {
    ...ltl4106,
    load: () => import('./ltl41-06/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-06/content.ts').then((module) => module.default),
  },
  {
    ...ltl4107,
    load: () => import('./ltl41-07/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-07/content.ts').then((module) => module.default),
  },
  {
    ...ltl4108,
    load: () => import('./ltl41-08/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-08/content.ts').then((module) => module.default),
  },
  {
    ...ltl4109,
    load: () => import('./ltl41-09/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-09/content.ts').then((module) => module.default),
  },
  {
    ...ltl4110,
    load: () => import('./ltl41-10/index.ts').then((module) => module.default),
    loadContent: () => import('./ltl41-10/content.ts').then((module) => module.default),
  },
];

export function findScenario(id: string): CatalogueEntry | undefined {
  return catalogue.find((entry) => entry.id === id);
}
