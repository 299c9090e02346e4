import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-04',
  version: 2,
  caseNumber: 4,
  title: 'Behind the wheel',
  summary:
    'An evening shift in the force control room. You are a call handler answering 999 calls from the public.',
  contentNote: 'Suicide and attempted suicide, alcohol, and a bereavement.',
  supportTopics: ['mental-health', 'alcohol-drugs'],
};
export default meta;
