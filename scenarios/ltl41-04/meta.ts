import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-04',
  version: 1,
  caseNumber: 4,
  title: 'Behind the wheel',
  summary:
    'A woman rings 999: her brother is behind the wheel of his car after drinking heavily, getting in and out and angrily punching the air. He is struggling with a bereavement, and he is having treatment because he has tried to take his own life multiple times.',
  contentNote: 'Suicide and attempted suicide, alcohol, and a bereavement.',
  supportTopics: ['mental-health', 'alcohol-drugs'],
};
export default meta;
