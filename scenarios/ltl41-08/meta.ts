import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-08',
  version: 2,
  caseNumber: 8,
  title: 'Early evening on the 999 lines',
  summary:
    'You are a call handler in a force control room, early on an evening shift, answering 999 calls as the BT operator puts them through. Each call is its own incident: you open a log for it and close it when you are done.',
  contentNote: 'Mental ill health, self-harm by poisoning and fire, and a death.',
  supportTopics: ['mental-health', 'alcohol-drugs', 'domestic-abuse'],
};
export default meta;
