import type { ScenarioMeta } from '../scenario-module.ts';

const meta: ScenarioMeta = {
  id: 'ltl41-08',
  version: 1,
  caseNumber: 8,
  title: 'Three 999 calls in minutes',
  summary:
    'A woman rings 999 three times within minutes. First her boyfriend is "missing, presumed dead"; then, on loudspeaker and hard to hear, she has drunk something; then she says she has set fire to herself. Earlier the same day a hospital asked police to check on her.',
  contentNote: 'Mental ill health, self-harm by poisoning and fire, and a death.',
  supportTopics: ['mental-health', 'alcohol-drugs', 'domestic-abuse'],
};
export default meta;
