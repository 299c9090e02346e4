import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-06',
  version: 1,
  caseNumber: 6,
  title: 'Walked out of A&E',
  summary:
    'A member of staff in a hospital\'s accident and emergency department rings the police: a suicidal, high-risk patient has walked out after saying he had "googled" where the train tracks are between the hospital and a shopping centre. He left in a taxi.',
  contentNote: 'Suicide, a missing person at risk, and a death on the railway.',
  supportTopics: ['mental-health', 'missing-people'],
};
export default meta;
