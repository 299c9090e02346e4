import { catalogue, findScenario } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';

/** This build's scenarios, as bundles need them: which exist, at which version, and how to load one. */
export const catalogueScenarios = {
  ids: new Set(catalogue.map((entry) => entry.id)) as ReadonlySet<string>,
  versions: new Map(catalogue.map((entry) => [entry.id, entry.version])) as ReadonlyMap<string, number>,
  load: (id: string): Promise<ScenarioModule | undefined> =>
    findScenario(id)?.load() ?? Promise.resolve(undefined),
};
