import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-03',
  version: 1,
  caseNumber: 3,
  title: 'A scrap, and something else',
  summary:
    "A woman rings 999 about a fight between her friend and her friend's mother. A neighbour has already reported it and officers are going. The call winds down, but she has not finished talking.",
  contentNote:
    'Domestic abuse (a fight between a woman and her mother) and an allegation that a police officer sent sexually explicit pictures to a woman he met on duty.',
  supportTopics: ['domestic-abuse'],
};
export default meta;
