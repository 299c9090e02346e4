/*
 * How the catalogue loads a scenario folder: each file imported on its own (a chunk each in the app, JSON
 * read by Node in the tools), put together once all have arrived. The catalogue is on the first screen,
 * so this file stays light: the machine factory comes with the scenario, not before.
 */
import type { MDXContent } from 'mdx/types';
import type { ScenarioDefinition } from '../machines/scenario-format.ts';
import type { ScenarioContent, ScenarioModule } from './scenario-module.ts';

type Imported<T> = Promise<{ default: T }>;

/** A scenario folder's data files, each imported on its own. */
interface ScenarioImports {
  scenario: Imported<unknown>;
  answerKey: Imported<unknown>;
  model: Imported<unknown>;
  historical: Imported<unknown>;
  sops?: Imported<unknown>;
}

async function arrived(files: ScenarioImports) {
  const [scenario, answerKey, model, historical, sops] = await Promise.all([
    files.scenario,
    files.answerKey,
    files.model,
    files.historical,
    files.sops,
  ]);
  return {
    scenario: scenario.default,
    answerKey: answerKey.default,
    model: model.default,
    historical: historical.default,
    sops: sops?.default,
  };
}

export async function loadScenario(files: ScenarioImports): Promise<ScenarioModule> {
  const [{ defineScenario }, data] = await Promise.all([import('./define-scenario.ts'), arrived(files)]);
  return defineScenario(data);
}

/**
 * A version kept as released (scenarios/<id>/released/v<N>/), read as today's format with what the
 * current version says about the case (machines/released-scenario.ts says what, and why that is safe).
 */
export async function loadReleasedScenario(
  files: ScenarioImports & { current: Imported<unknown> },
): Promise<ScenarioModule> {
  const [{ defineScenario }, { readReleasedScenario, unrecordedLines }, data, current] = await Promise.all([
    import('./define-scenario.ts'),
    import('../machines/released-scenario.ts'),
    arrived(files),
    files.current,
  ]);
  const currentDefinition = current.default as ScenarioDefinition;
  const scenario = readReleasedScenario(data.scenario, currentDefinition);
  return defineScenario({
    ...data,
    scenario,
    unrecorded: unrecordedLines(scenario as ScenarioDefinition, currentDefinition),
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
