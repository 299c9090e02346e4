import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-01',
  version: 2,
  caseNumber: 1,
  title: 'A night on the 999 line and the desk',
  summary:
    'A weekday night shift in a force control room. From 22:10 you take 999 calls as a call handler (a force contact officer), running your own intelligence checks; later you move to the dispatch desk for your district and work your incidents through the night.',
  contentNote: 'Domestic abuse, a threat to a woman’s life, a woman held against her will and assaulted.',
  supportTopics: ['domestic-abuse'],
};
export default meta;
