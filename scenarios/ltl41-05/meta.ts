import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-05',
  version: 1,
  caseNumber: 5,
  title: 'Not seen for days',
  summary:
    "In the early hours a woman rings 999: she has not seen her parents for a few days, her father's car has gone from the drive, and she fears her brother, who has mental health problems and violent tendencies, has harmed them. Ten hours later she rings for an update, and again hours after that.",
  contentNote: 'Missing people, mental illness, violence, and the murder of two parents by their son.',
  supportTopics: ['missing-people', 'mental-health'],
};
export default meta;
