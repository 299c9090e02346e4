import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-01',
  version: 1,
  caseNumber: 1,
  title: 'Keypad tones and a cough',
  summary:
    'A silent 999 call: no one speaks, but someone is pressing the keypad. Asked to cough if they need the police, the caller coughs, then the line goes dead. Then the incident waits in the dispatch queue, with every unit committed.',
  contentNote: 'Domestic abuse, a threat to a woman’s life, a woman held against her will and assaulted.',
  supportTopics: ['domestic-abuse'],
};
export default meta;
