/*
 * How the catalogue loads a scenario folder: each file imported on its own (a chunk each in the app, JSON
 * read by Node in the tools), put together once all have arrived. The catalogue is on the first screen,
 * so this file stays light: the machine factory comes with the scenario, not before.
 */
import type { MDXContent } from 'mdx/types';
import type { ScenarioContent, ScenarioModule } from './scenario-module.ts';

type Imported<T> = Promise<{ default: T }>;

export async function loadScenario(files: {
  scenario: Imported<unknown>;
  answerKey: Imported<unknown>;
  model: Imported<unknown>;
  historical: Imported<unknown>;
  sops?: Imported<unknown>;
}): Promise<ScenarioModule> {
  const [{ defineScenario }, scenario, answerKey, model, historical, sops] = await Promise.all([
    import('./define-scenario.ts'),
    files.scenario,
    files.answerKey,
    files.model,
    files.historical,
    files.sops,
  ]);
  return defineScenario({
    scenario: scenario.default,
    answerKey: answerKey.default,
    model: model.default,
    historical: historical.default,
    sops: sops?.default,
  });
}

/** The briefing and debrief, for the app only: Node cannot import MDX. */
export async function loadContent(files: {
  briefing: Imported<MDXContent>;
  debrief: Imported<MDXContent>;
}): Promise<ScenarioContent> {
  const [briefing, debrief] = await Promise.all([files.briefing, files.debrief]);
  return { Briefing: briefing.default, Debrief: debrief.default };
}
