import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-07',
  version: 1,
  caseNumber: 7,
  title: 'Screaming next door',
  summary:
    'A woman rings 999: she can hear her neighbour screaming, as she did the night before. He is a vulnerable adult with mental health issues, his partner took their own life, and she heard him scream "just kill me". Then you are the dispatcher, and the officers at his door want to close the log.',
  contentNote:
    'Suicide, a man found dead with a ligature round his neck, a vulnerable adult with mental health issues, suspected exploitation involving drugs and sex, and an assault.',
  supportTopics: ['mental-health', 'alcohol-drugs'],
};
export default meta;
