import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-10',
  version: 1,
  caseNumber: 10,
  title: 'A guest under the water',
  summary:
    'Hotel staff ring 999: a guest who did not check out has been found in the bath, under the water, and they "appear to have a dead guest". Nobody has checked whether she is breathing.',
  contentNote:
    'A suspected death: a woman found under the water in a hotel bath, who later died; a possible suicide; first aid and CPR.',
  supportTopics: ['mental-health'],
};
export default meta;
