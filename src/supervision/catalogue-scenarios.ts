import { catalogue, loadScenarioVersion, replayableVersions } from '../../scenarios/catalogue.ts';
import type { ScenarioModule } from '../../scenarios/scenario-module.ts';

/** What bundles and stored attempts need of the scenarios: which exist, and each as it was at a version. */
export interface ScenarioVersions {
  ids: ReadonlySet<string>;
  /** Whether attempts played on this version of this scenario replay here. */
  has: (id: string, version: number) => boolean;
  /** The scenario as it was at that version; undefined when this build has not got it. */
  load: (id: string, version: number) => Promise<ScenarioModule | undefined>;
}

/** This build's scenarios: the current version of each, and every earlier one kept as released. */
export const catalogueScenarios: ScenarioVersions = {
  ids: new Set(catalogue.map((entry) => entry.id)),
  has: (id, version) => replayableVersions(id).includes(version),
  load: loadScenarioVersion,
};
