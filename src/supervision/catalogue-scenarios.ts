import { catalogue, findScenario } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';

/** This build's scenarios, as bundle reading needs them: which exist, and how to load one. */
export const catalogueScenarios = {
  ids: new Set(catalogue.map((entry) => entry.id)) as ReadonlySet<string>,
  load: (id: string): Promise<ScenarioModule | undefined> =>
    findScenario(id)?.load() ?? Promise.resolve(undefined),
};
