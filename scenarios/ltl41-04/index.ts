import { createCallMachine } from '../../machines/call-machine.ts';
import type { AnswerKey, ScenarioDefinition, Sops } from '../../machines/scenario-format.ts';
import type { ScenarioModule } from '../scenario-module.ts';
import sharedSops from '../sops.json' with { type: 'json' };
import answerKey from './answer-key.json' with { type: 'json' };
import historical from './attempts/historical.json' with { type: 'json' };
import model from './attempts/model.json' with { type: 'json' };
import scenario from './scenario.json' with { type: 'json' };
import localSops from './sops.json' with { type: 'json' };

// The JSON is checked against the schemas by `npm run validate` in CI, so it is the typed value as it is.
const definition = scenario as ScenarioDefinition;

const scenarioModule: ScenarioModule = {
  definition,
  answerKey: answerKey as AnswerKey,
  machine: createCallMachine(definition),
  sops: { ...sharedSops, ...localSops } as Sops,
  referenceAttempts: { model, historical },
};

export default scenarioModule;
