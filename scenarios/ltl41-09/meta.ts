import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-09',
  version: 1,
  caseNumber: 9,
  title: "A mother's call about her suicidal son",
  summary:
    'A woman rings about her son: he has tried to take his own life twice in recent days, has no phone, and twenty minutes ago told her he felt like "ending it all". You take the call, then sit down at the dispatch desk with sixty incidents waiting and no free units.',
  contentNote: 'Suicide, attempted suicide by overdose, and a death by hanging (described in the debrief).',
  supportTopics: ['mental-health'],
};
export default meta;
