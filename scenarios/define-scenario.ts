import { createCallMachine } from '../machines/call-machine.ts';
import type { AnswerKey, ScenarioDefinition, Sops } from '../machines/scenario-format.ts';
import type { ScenarioModule } from './scenario-module.ts';
import sharedSops from './sops.json' with { type: 'json' };

/**
 * A scenario folder's files as the module the app and tools load. The JSON is checked against the
 * schemas by `npm run validate` in CI, so it is the typed value as it is. A force's own procedures
 * (the folder's sops.json) override the shared ones for the same codes.
 */
export function defineScenario(files: {
  scenario: unknown;
  answerKey: unknown;
  model: unknown;
  historical: unknown;
  sops?: unknown;
  unrecorded?: ReadonlySet<string>;
}): ScenarioModule {
  const definition = files.scenario as ScenarioDefinition;
  return {
    definition,
    answerKey: files.answerKey as AnswerKey,
    machine: createCallMachine(definition),
    unrecorded: files.unrecorded ?? new Set(),
    sops: { ...(sharedSops as Sops), ...(files.sops as Sops | undefined) },
    referenceAttempts: { model: files.model, historical: files.historical },
  };
}
