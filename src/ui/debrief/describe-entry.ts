import type { ScenarioDefinition } from '../../../machines/scenario-format.ts';
import { assertNever } from '../../../machines/vocabulary.ts';
import type { AttemptEntry } from '../../engine/attempt.ts';
import { gradeName } from '../../strings/findings.ts';
import { strings } from '../../strings/en-gb.ts';
import { describeReading } from '../console/reading.ts';

/** One attempt event in words, for the side-by-side timelines. */
export function describeEntry(entry: AttemptEntry, scenario: ScenarioDefinition): string {
  const v = strings.vocabulary;
  const events = strings.ui.events;
  switch (entry.type) {
    case 'trainee.start':
    case 'trainee.answer':
    case 'trainee.endCall':
    case 'trainee.closeLog':
    case 'trainee.continue':
    case 'clock.tick':
      return events[entry.type]();
    case 'clock.skip':
      return events['clock.skip'](entry.minutes);
    case 'trainee.speak':
      return events[entry.type](entry.text, describeReading(entry.intents));
    case 'trainee.ask':
      return events[entry.type](v.topics[entry.topic]);
    case 'trainee.say':
      return events[entry.type](v.advice[entry.advice]);
    case 'trainee.check':
      return events[entry.type](
        v.checkSystems[entry.system],
        entry.query !== undefined
          ? `"${entry.query}"`
          : (scenario.subjects.find((s) => s.id === entry.subject)?.label ?? String(entry.subject)),
      );
    case 'trainee.openSop':
      return events[entry.type](v.openingCodes[entry.code]);
    case 'trainee.code':
      return events[entry.type](v.openingCodes[entry.code], entry.reason ?? '');
    case 'trainee.thrive':
      return events[entry.type](v.thriveElements[entry.element], entry.rationale);
    case 'trainee.risk':
      return events[entry.type](v.riskLevels[entry.level]);
    case 'trainee.grade':
      return events[entry.type](gradeName(scenario, entry.grade), entry.reason ?? '');
    case 'trainee.log':
      return events[entry.type](entry.text);
    case 'trainee.escalate':
      return events[entry.type](v.escalationTargets[entry.to], entry.reason);
    case 'trainee.callBack':
      return events[entry.type](entry.reason ?? '');
    case 'trainee.reply':
      return events[entry.type](
        scenario.lines.find((l) => l.id === entry.line)?.text ?? entry.line,
        entry.text,
      );
    case 'trainee.contact':
      return events[entry.type](v.agencies[entry.agency], entry.message ?? '');
    case 'trainee.assign':
      return events[entry.type](scenario.units?.find((u) => u.id === entry.unit)?.callsign ?? entry.unit);
    case 'trainee.radio':
      return events[entry.type](
        entry.unit ? (scenario.units?.find((u) => u.id === entry.unit)?.callsign ?? entry.unit) : '',
        entry.message,
      );
    case 'trainee.link':
      return events[entry.type](
        scenario.incidents?.find((i) => i.id === entry.incident)?.summary ?? entry.incident,
      );
    default:
      return assertNever(entry);
  }
}
