import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-06',
  version: 2,
  caseNumber: 6,
  title: 'Evening shift in the control room',
  summary:
    "You are a call handler in a police force control room, working an evening shift: 999 calls, and calls from partner agencies on the control room's direct lines.",
  contentNote: 'Suicide, a missing person at risk, and a death on the railway.',
  supportTopics: ['mental-health', 'missing-people'],
};
export default meta;
