import { useId, useRef, useState } from 'react';
import {
  RISK_LEVELS,
  THRIVE_ELEMENTS,
  type RiskLevel,
  type ThriveElement,
} from '../../../machines/vocabulary.ts';
import { latestRationales } from '../../../machines/call-record.ts';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';
import { keepDraft, keptDraft } from '../attempt/drafts.ts';

/**
 * The THRIVE form: six rationales and the overall risk, recorded together and re-recordable. On an
 * update call it starts from the incident's assessment so far, ready to be revised.
 */
export function ThrivePanel({ live, phase, snapshot, inCall, send, timeOf }: PanelProps) {
  const recorded = latestRationales(inCall(snapshot.context.thrive));
  const recordedRisk = inCall(snapshot.context.risks).at(-1);
  const draftField = (element: ThriveElement) => `${phase}.thrive.${element}`;
  const saved = (element: ThriveElement) => recorded.get(element)?.rationale ?? '';
  // What was typed and not yet saved comes back after a reload; otherwise the assessment so far.
  const [drafts, setDrafts] = useState<Record<ThriveElement, string>>(
    () =>
      Object.fromEntries(
        THRIVE_ELEMENTS.map((e) => [e, keptDraft(live.record.id, draftField(e)) ?? saved(e)]),
      ) as Record<ThriveElement, string>,
  );
  const [risk, setRisk] = useState<RiskLevel | undefined>(recordedRisk?.level);
  const id = useId();
  const lastSaved = inCall([...recorded.values(), ...(recordedRisk ? [recordedRisk] : [])]).at(-1);
  /**
   * What has been sent and is still being stored: the screen shows it as saved only once it is, and a
   * second click meanwhile (a slow disk) must not send it again.
   */
  const inFlight = useRef<Partial<Record<ThriveElement | 'risk', string>>>({});

  /**
   * One click records the whole assessment: every changed element and the risk are sent at once, in
   * order, so each is stamped with the click and nothing the trainee does next can fall between them.
   */
  async function save() {
    const pending = inFlight.current;
    const changed = THRIVE_ELEMENTS.flatMap((element) => {
      const text = drafts[element].trim();
      return text === saved(element) || text === pending[element] ? [] : [{ element, text }];
    });
    const sent = changed.map(({ element, text }) => {
      pending[element] = text;
      return send({ type: 'trainee.thrive', element, rationale: text }).then((stored) => {
        if (pending[element] === text) pending[element] = undefined;
        if (stored) keepDraft(live.record.id, draftField(element), text, text);
      });
    });
    if (risk && risk !== recordedRisk?.level && risk !== pending.risk) {
      pending.risk = risk;
      sent.push(
        send({ type: 'trainee.risk', level: risk }).then(() => {
          if (pending.risk === risk) pending.risk = undefined;
        }),
      );
    }
    await Promise.all(sent);
  }

  return (
    <section aria-labelledby="thrive-heading" className="panel">
      <h2 id="thrive-heading">{strings.ui.console.thriveHeading}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {THRIVE_ELEMENTS.map((element) => (
          <p key={element} className="field">
            <label htmlFor={`${id}-${element}`}>{strings.vocabulary.thriveElements[element]}</label>
            <span className="hint" id={`${id}-${element}-hint`}>
              {strings.vocabulary.thrivePrompts[element]}
            </span>
            <textarea
              id={`${id}-${element}`}
              aria-describedby={`${id}-${element}-hint`}
              rows={2}
              value={drafts[element]}
              onChange={(event) => {
                setDrafts({ ...drafts, [element]: event.target.value });
                keepDraft(live.record.id, draftField(element), event.target.value, saved(element));
              }}
            />
          </p>
        ))}
        <fieldset>
          <legend>{strings.ui.console.riskLevel}</legend>
          {RISK_LEVELS.map((level) => (
            <span key={level} className="field inline">
              <input
                type="radio"
                id={`${id}-risk-${level}`}
                name={`${id}-risk`}
                checked={risk === level}
                onChange={() => setRisk(level)}
              />
              <label htmlFor={`${id}-risk-${level}`}>{strings.vocabulary.riskLevels[level]}</label>
            </span>
          ))}
        </fieldset>
        <button type="submit">{strings.ui.console.saveThrive}</button>
        {lastSaved && (
          <p className="muted" role="status">
            {strings.ui.console.thriveSaved(timeOf(lastSaved))}
          </p>
        )}
      </form>
    </section>
  );
}
