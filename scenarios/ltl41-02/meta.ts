import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-02',
  version: 4,
  caseNumber: 2,
  title: 'Banging at the door',
  summary:
    'Three parts. A morning at your desk as a police officer, when the switchboard puts a call through to you; a week later, an evening shift taking 999 calls in the force control room, with no support operators on shift; then a spell at the dispatch desk on a busy night.',
  contentNote: 'Domestic abuse, threats to kill and a serious assault.',
  supportTopics: ['domestic-abuse'],
};
export default meta;
