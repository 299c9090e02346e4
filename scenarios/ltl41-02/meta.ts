import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-02',
  version: 3,
  caseNumber: 2,
  title: 'Banging at the door',
  summary:
    "A week after asking police to reactivate a court order against her ex-husband, a woman rings 999: someone is banging on her front door and she thinks it is him. She mentions 'a bit of a domestic violence case last year'. Then, at the dispatch desk, the unit sent to her volunteers for another job on the way.",
  contentNote: 'Domestic abuse, threats to kill and a serious assault.',
  supportTopics: ['domestic-abuse'],
};
export default meta;
