/*
 * The dispatcher's desk: the outstanding-incident queue with each incident's countdown to its target,
 * the units and what they are doing, the radio, and letting time pass.
 */
import { useId, useMemo, useState } from 'react';
import { isVoice } from '../../../machines/call-machine.ts';
import { incidentOf, timelineSeconds } from '../../../machines/incidents.ts';
import { generateQueue } from '../../../machines/queue.ts';
import { GRADES, type Grade, type OpeningCode } from '../../../machines/vocabulary.ts';
import { gradeName } from '../../strings/findings.ts';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';
import { useCallDraft } from '../attempt/drafts.ts';
import { speakerName } from './speaker-name.ts';
import { stopwatch, useTicking } from './time.ts';

const d = strings.ui.desk;

interface QueueRow {
  ref: string;
  code: OpeningCode | null;
  grade: Grade | null;
  summary: string;
  waitingSeconds: number;
  ours: boolean;
}

export function QueuePanel({ live, snapshot, phase, inCall }: PanelProps) {
  const { definition } = live.scenario;
  const now = useTicking(() => live.session.phaseTime(), live.session.clockRunning());
  const distractors = useMemo(() => (definition.queue ? generateQueue(definition.queue) : []), [definition]);
  const opened = snapshot.context.progress.find((p) => p.phase === incidentOf(definition, phase));
  const openedAt =
    opened?.answeredAt === null || opened?.answeredAt === undefined
      ? null
      : timelineSeconds(definition, { phase: opened.phase, at: opened.answeredAt });
  const nowAt = timelineSeconds(definition, { phase, at: now }) ?? now;
  const target = (grade: Grade | null) =>
    definition.force.grades.find((g) => g.grade === grade)?.targetMinutes ?? null;
  const rows: QueueRow[] = [
    {
      ref: d.thisIncident,
      code: inCall(snapshot.context.codes).at(-1)?.code ?? null,
      grade: inCall(snapshot.context.grades).at(-1)?.grade ?? null,
      summary: definition.title,
      waitingSeconds: openedAt === null ? now : nowAt - openedAt,
      ours: true,
    },
    ...distractors.map((incident) => ({
      ref: incident.ref,
      code: incident.code,
      grade: incident.grade,
      summary: `${incident.summary}, ${incident.place}`,
      waitingSeconds: incident.waitingMinutes * 60 + now,
      ours: false,
    })),
  ].sort(
    (a, b) =>
      GRADES.indexOf(a.grade ?? 'resolution-without-deployment') -
        GRADES.indexOf(b.grade ?? 'resolution-without-deployment') || b.waitingSeconds - a.waitingSeconds,
  );
  const overdue = rows.filter((row) => {
    const minutes = target(row.grade);
    return minutes !== null && row.waitingSeconds > minutes * 60;
  }).length;

  return (
    <section aria-labelledby="queue-heading" className="panel queue">
      <h2 id="queue-heading">{d.queueHeading(rows.length, overdue)}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={d.queueScroll}>
        <table>
          <caption className="visually-hidden">{d.queueHeading(rows.length, overdue)}</caption>
          <thead>
            <tr>
              <th scope="col">{d.ref}</th>
              <th scope="col">{d.what}</th>
              <th scope="col">{d.grade}</th>
              <th scope="col">{d.waiting}</th>
              <th scope="col">{d.target}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const minutes = target(row.grade);
              const left = minutes === null ? null : minutes * 60 - row.waitingSeconds;
              return (
                <tr
                  key={row.ref}
                  className={[row.ours ? 'ours' : '', left !== null && left < 0 ? 'overdue' : ''].join(' ')}
                >
                  <th scope="row">{row.ref}</th>
                  <td>
                    {row.code ? strings.vocabulary.openingCodes[row.code] : d.uncoded}: {row.summary}
                  </td>
                  <td>{row.grade ? gradeName(definition, row.grade) : d.ungraded}</td>
                  <td>{stopwatch(row.waitingSeconds)}</td>
                  <td>
                    {left === null
                      ? ''
                      : left >= 0
                        ? d.targetLeft(stopwatch(left))
                        : d.targetMissed(stopwatch(-left))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function UnitsPanel({ live, snapshot, inCall, send }: PanelProps) {
  const units = live.scenario.definition.units ?? [];
  const assigned = new Set(inCall(snapshot.context.assignments).map((a) => a.unit));
  return (
    <section aria-labelledby="units-heading" className="panel">
      <h2 id="units-heading">{d.unitsHeading}</h2>
      {units.length === 0 ? (
        <p>{d.noUnits}</p>
      ) : (
        <ul className="units">
          {units.map((unit) => (
            <li key={unit.id}>
              <strong>{unit.callsign}</strong> · {d.unitStatus[unit.status]}
              {unit.note ? ` (${unit.note})` : ''}
              {assigned.has(unit.id) ? (
                <span className="done-mark"> · {d.assigned}</span>
              ) : (
                <button type="button" onClick={() => void send({ type: 'trainee.assign', unit: unit.id })}>
                  {d.assign(unit.callsign)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function RadioPanel(props: PanelProps) {
  const { live, snapshot, phase, send, timeOf } = props;
  const { definition } = live.scenario;
  const units = definition.units ?? [];
  const [unit, setUnit] = useState('');
  const [message, setMessage, clearSent] = useCallDraft(props, 'radio-message');
  const id = useId();
  const lines = new Map(definition.lines.map((line) => [line.id, line]));
  const heard = snapshot.context.transcript
    .filter((spoken) => spoken.phase === phase && isVoice(lines.get(spoken.line)))
    .map((spoken) => {
      const line = lines.get(spoken.line);
      return { stamp: spoken, who: line ? speakerName(line, definition) : '', text: line?.text ?? '' };
    });
  const said = snapshot.context.radio
    .filter((r) => r.phase === phase)
    .map((r) => ({
      stamp: r,
      who: r.unit ? d.youTo(units.find((u) => u.id === r.unit)?.callsign ?? r.unit) : d.youToAll,
      text: r.message,
    }));
  // At the same second, what the trainee said comes before the answer to it.
  const traffic = [...said, ...heard].sort((a, b) => a.stamp.at - b.stamp.at);

  return (
    <section aria-labelledby="radio-heading" className="panel">
      <h2 id="radio-heading">{d.radioHeading}</h2>
      {traffic.length === 0 ? (
        <p className="muted">{d.radioQuiet}</p>
      ) : (
        <div role="log" aria-label={d.radioHeading}>
          <ol className="radio-traffic">
            {traffic.map((item, index) => (
              <li key={index}>
                <span className="time">{timeOf(item.stamp)}</span> <strong>{item.who}:</strong> {item.text}
              </li>
            ))}
          </ol>
        </div>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const text = message.trim();
          if (text) {
            void send({ type: 'trainee.radio', ...(unit ? { unit } : {}), message: text }).then(
              (saved) => saved && clearSent(text),
            );
          }
        }}
      >
        <p className="field">
          <label htmlFor={`${id}-to`}>{d.radioTo}</label>
          <select id={`${id}-to`} value={unit} onChange={(event) => setUnit(event.target.value)}>
            <option value="">{d.allUnits}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.callsign}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor={`${id}-message`}>{d.radioMessage}</label>
          <textarea
            id={`${id}-message`}
            rows={2}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
        </p>
        <button type="submit" disabled={message.trim() === ''}>
          {d.sendRadio}
        </button>
      </form>
    </section>
  );
}

/** Hours pass at a desk; the trainee chooses when, and the log of what they did says so. */
export function TimePanel({ send }: PanelProps) {
  return (
    <section aria-labelledby="time-heading" className="panel">
      <h2 id="time-heading">{d.timeHeading}</h2>
      <div className="button-row">
        {[15, 60].map((minutes) => (
          <button key={minutes} type="button" onClick={() => void send({ type: 'clock.skip', minutes })}>
            {d.letTimePass(minutes)}
          </button>
        ))}
      </div>
    </section>
  );
}
