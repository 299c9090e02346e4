import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-09',
  version: 2,
  caseNumber: 9,
  title: 'A busy Monday night',
  summary:
    "A Monday evening in a force control room. You start on the call-handling desk, then move to the dispatch desk as your shift there begins, with the night's outstanding emergency and priority incidents on the active queue.",
  contentNote: 'Suicide, attempted suicide by overdose, and a death by hanging (described in the debrief).',
  supportTopics: ['mental-health'],
};
export default meta;
