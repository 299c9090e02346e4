/*
 * An attempt as it stood at one moment of a replay: what had been heard, the incident log, the
 * decisions so far, and (unless marking blind) the running score.
 */
import { Fragment } from 'react';
import { isVoice } from '../../../machines/call-machine.ts';
import { SCORING_DIMENSIONS } from '../../../machines/vocabulary.ts';
import type { ScenarioModule } from '../../../scenarios/scenario-module.ts';
import type { CallSnapshot } from '../../engine/replay.ts';
import { gradeName } from '../../strings/findings.ts';
import type { ScoreReport } from '../../scoring/types.ts';
import { strings } from '../../strings/en-gb.ts';
import { describeReading } from '../console/reading.ts';
import { speakerName } from '../console/speaker-name.ts';
import { stopwatch } from '../console/time.ts';

const r = strings.ui.review;
const v = strings.vocabulary;

export function MomentView({
  module,
  snapshot,
  score,
}: {
  module: ScenarioModule;
  snapshot: CallSnapshot;
  score?: ScoreReport;
}) {
  const { definition } = module;
  const call = snapshot.context;
  const lines = new Map(definition.lines.map((line) => [line.id, line]));
  const order = new Map(definition.phases.map((phase, i) => [phase.id, i]));
  // Both sides of the call: what was heard (cut short where the trainee talked over it), and what the
  // trainee typed with what it was read as, so a supervisor can see (and moderate) a misreading.
  const heard = [
    ...call.transcript
      .filter((spoken) => isVoice(lines.get(spoken.line)))
      .map((spoken) => {
        const line = lines.get(spoken.line);
        return {
          phase: spoken.phase,
          at: spoken.at,
          who: line ? speakerName(line, definition) : '',
          text: line?.text ?? '',
          note: spoken.cutAt === undefined ? null : r.cutShort(stopwatch(spoken.cutAt)),
        };
      }),
    ...call.utterances.map((said) => ({
      phase: said.phase,
      at: said.at,
      who: strings.ui.console.you,
      text: said.text,
      note: describeReading(said.intents),
    })),
  ].sort(
    // At the same moment, what the trainee said comes before the answer to it.
    (a, b) =>
      (order.get(a.phase) ?? 0) - (order.get(b.phase) ?? 0) ||
      a.at - b.at ||
      Number(b.who === strings.ui.console.you) - Number(a.who === strings.ui.console.you),
  );
  const latest = <T,>(items: readonly T[]) => items.at(-1);
  const callsign = (unit: string) => definition.units?.find((u) => u.id === unit)?.callsign ?? unit;
  const phaseTitle = (id: string) => definition.phases.find((phase) => phase.id === id)?.title ?? id;
  /** A phase's title before the first item of each phase, so times (which restart per phase) read right. */
  const phaseBreak = <T extends { phase: string }>(items: readonly T[], index: number) => {
    const item = items[index];
    return item && items[index - 1]?.phase !== item.phase ? (
      <li className="phase-break">{phaseTitle(item.phase)}</li>
    ) : null;
  };
  const code = latest(call.codes);
  const grade = latest(call.grades);
  const risk = latest(call.risks);
  return (
    <div className="moment">
      <section aria-labelledby="moment-transcript" className="panel" tabIndex={0}>
        <h3 id="moment-transcript">{r.transcript}</h3>
        {heard.length === 0 ? (
          <p>{r.nothingYet}</p>
        ) : (
          <ol className="transcript-lines">
            {heard.map((item, index) => (
              <Fragment key={index}>
                {phaseBreak(heard, index)}
                <li>
                  <span className="time">{stopwatch(item.at)}</span> <strong>{item.who}:</strong> {item.text}
                  {item.note && <span className="muted"> ({item.note})</span>}
                </li>
              </Fragment>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="moment-log" className="panel" tabIndex={0}>
        <h3 id="moment-log">{r.log}</h3>
        {call.log.length === 0 ? (
          <p>{r.nothingYet}</p>
        ) : (
          <ol className="log-lines">
            {call.log.map((entry, index) => (
              <Fragment key={index}>
                {phaseBreak(call.log, index)}
                <li>
                  <span className="time">{stopwatch(entry.at)}</span> {entry.text}
                </li>
              </Fragment>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="moment-decisions" className="panel" tabIndex={0}>
        <h3 id="moment-decisions">{r.decisions}</h3>
        <dl className="decisions">
          <dt>{r.codeNow}</dt>
          <dd>{code ? v.openingCodes[code.code] : strings.ui.debrief.none}</dd>
          <dt>{r.gradeNow}</dt>
          <dd>{grade ? gradeName(definition, grade.grade) : strings.ui.debrief.none}</dd>
          <dt>{r.riskNow}</dt>
          <dd>{risk ? v.riskLevels[risk.level] : strings.ui.debrief.none}</dd>
          <dt>{r.thriveNow}</dt>
          <dd>
            {call.thrive.length === 0 ? (
              strings.ui.debrief.none
            ) : (
              <ul>
                {call.thrive.map((entry, index) => (
                  <li key={index}>
                    <strong>{v.thriveElements[entry.element]}:</strong> {entry.rationale}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>{r.escalationsNow}</dt>
          <dd>
            {call.escalations.map((e) => v.escalationTargets[e.to]).join('; ') || strings.ui.debrief.none}
          </dd>
          {call.contacts.length > 0 && (
            <>
              <dt>{r.contactsNow}</dt>
              <dd>{call.contacts.map((c) => v.agencies[c.agency]).join('; ')}</dd>
            </>
          )}
          {call.assignments.length > 0 && (
            <>
              <dt>{r.unitsSent}</dt>
              <dd>{call.assignments.map((a) => callsign(a.unit)).join('; ')}</dd>
            </>
          )}
          {call.radio.length > 0 && (
            <>
              <dt>{r.saidOnRadio}</dt>
              <dd>
                <ul>
                  {call.radio.map((message, index) => (
                    <li key={index}>
                      <span className="time">{stopwatch(message.at)}</span>{' '}
                      <strong>{message.unit ? callsign(message.unit) : strings.ui.desk.allUnits}:</strong>{' '}
                      {message.message}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {call.links.length > 0 && (
            <>
              <dt>{r.linksNow}</dt>
              <dd>
                {call.links
                  .map(
                    (link) =>
                      definition.incidents?.find((i) => i.id === link.incident)?.summary ?? link.incident,
                  )
                  .join('; ')}
              </dd>
            </>
          )}
        </dl>
      </section>
      {score && (
        <section aria-labelledby="moment-score" className="panel running-score">
          <h3 id="moment-score">{r.runningScore}</h3>
          <p className={`score band-${score.band}`}>
            <strong>{strings.ui.debrief.total(score.total)}</strong> · {v.bands[score.band]}
          </p>
          <table>
            <caption className="visually-hidden">{r.runningScore}</caption>
            <tbody>
              {SCORING_DIMENSIONS.map((dimension) => (
                <tr key={dimension}>
                  <th scope="row">{v.dimensions[dimension]}</th>
                  <td>
                    {score.dimensions[dimension].unassessed
                      ? strings.ui.review.notAssessed
                      : score.dimensions[dimension].score}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
