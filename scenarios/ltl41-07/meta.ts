import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-07',
  version: 2,
  caseNumber: 7,
  title: 'Evening shift: a 999 call, then the dispatch desk',
  summary:
    "You are a call handler in a police force control room on an evening shift, taking 999 calls. Later in the shift you move to the dispatcher's desk, sending units and talking to officers on the radio about the incidents you took.",
  contentNote:
    'Suicide, a man found dead with a ligature round his neck, a vulnerable adult with mental health issues, suspected exploitation involving drugs and sex, and an assault.',
  supportTopics: ['mental-health', 'alcohol-drugs'],
};
export default meta;
