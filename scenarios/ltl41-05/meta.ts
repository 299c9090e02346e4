import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-05',
  version: 2,
  caseNumber: 5,
  title: 'Not seen for days',
  summary:
    'A day in the force control room. You are a call handler: a 999 call in the early hours, and later calls the same day about the incident it opens.',
  contentNote: 'Missing people, mental illness, violence, and violent deaths in a family.',
  supportTopics: ['missing-people', 'mental-health'],
};
export default meta;
