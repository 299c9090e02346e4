import type { Intent } from '../../../machines/intents.ts';
import { MOST_TAKEN_IN } from '../../../machines/call-machine.ts';
import { strings } from '../../strings/en-gb.ts';

const nameOf = (intent: Intent) =>
  'ask' in intent ? strings.vocabulary.topicNames[intent.ask] : strings.vocabulary.adviceNames[intent.advise];

/** What a message was read as, in words: "read as: location; weapons". */
export function describeReading(intents: readonly Intent[]): string {
  return strings.ui.readAs(
    intents.slice(0, MOST_TAKEN_IN).map(nameOf),
    intents.slice(MOST_TAKEN_IN).map(nameOf),
  );
}
