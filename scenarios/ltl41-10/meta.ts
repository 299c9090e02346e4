import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-10',
  version: 2,
  caseNumber: 10,
  title: 'A guest under the water',
  summary:
    'A late-morning shift in the force control room. You are a police officer helping out as a call handler, answering 999 calls from the public.',
  contentNote:
    'A suspected death: a woman found under the water in a hotel bath, who later died; a possible suicide; first aid and CPR.',
  supportTopics: ['mental-health'],
};
export default meta;
