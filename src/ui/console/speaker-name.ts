import type { Line, ScenarioDefinition } from '../../../machines/scenario-format.ts';
import type { ScenarioModule } from '../../../scenarios/scenario-module.ts';
import type { SpokenLine } from '../../sound/sound.ts';
import { strings } from '../../strings/en-gb.ts';

/** Who says a line, as the trainee sees it: a third party by their agency ("Taxi firm"), a unit by callsign. */
export function speakerName(line: Line, scenario?: ScenarioDefinition): string {
  if (line.speaker === 'third-party' && line.trigger.on === 'contact') {
    return strings.vocabulary.agencies[line.trigger.agency];
  }
  const unit = line.unit ?? ('unit' in line.trigger ? line.trigger.unit : undefined);
  const callsign = unit && scenario?.units?.find((u) => u.id === unit)?.callsign;
  if (line.speaker === 'officer' && callsign) return callsign;
  return strings.ui.console.speakers[line.speaker];
}

/** A line as the sound adapter says it: with its speaker's name, and without audio if none says its words. */
export function spokenLine(line: Line, scenario: ScenarioModule): SpokenLine {
  return {
    id: line.id,
    who: speakerName(line, scenario.definition),
    text: line.text,
    ...(scenario.unrecorded.has(line.id) ? { captionsOnly: true } : {}),
  };
}
