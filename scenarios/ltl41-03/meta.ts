import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-03',
  version: 2,
  caseNumber: 3,
  title: 'An evening on the 999 line',
  summary:
    'A weekday evening shift in a force control room. You are a call handler taking 999 calls; at 21:05 a call comes in from a mobile, connected by the BT operator.',
  contentNote:
    'Domestic abuse (a fight between a woman and her mother) and an allegation that a police officer sent sexually explicit pictures to a woman he met on duty.',
  supportTopics: ['domestic-abuse'],
};
export default meta;
