import type { Line } from '../../../machines/scenario-format.ts';
import { strings } from '../../strings/en-gb.ts';

/** Who says a line, as the trainee sees it: a third party by their agency ("Taxi firm"). */
export function speakerName(line: Line): string {
  if (line.speaker === 'third-party' && line.trigger.on === 'contact') {
    return strings.vocabulary.agencies[line.trigger.agency];
  }
  return strings.ui.console.speakers[line.speaker];
}
