import { defineScenario } from '../define-scenario.ts';
import answerKey from './answer-key.json' with { type: 'json' };
import historical from './attempts/historical.json' with { type: 'json' };
import model from './attempts/model.json' with { type: 'json' };
import scenario from './scenario.json' with { type: 'json' };

export default defineScenario({ scenario, answerKey, model, historical });
