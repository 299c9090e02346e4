import { useId, useState } from 'react';
import {
  AGENCIES,
  ESCALATION_TARGETS,
  type Agency,
  type EscalationTarget,
} from '../../../machines/vocabulary.ts';
import { earlier } from '../../../machines/incidents.ts';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';
import { useCallDraft } from '../attempt/drafts.ts';

/** Escalating inside the police, and contacting other agencies. */
export function EscalationPanel(props: PanelProps) {
  const { live, snapshot, inCall, send, timeOf } = props;
  // Nobody is suggested: both lists start unchosen.
  const [to, setTo] = useState<EscalationTarget | ''>('');
  const [reason, setReason, clearSentReason] = useCallDraft(props, 'escalation-reason');
  const [agency, setAgency] = useState<Agency | ''>('');
  const [message, setMessage, clearSentMessage] = useCallDraft(props, 'contact-message');
  const id = useId();
  const earlierStamp = earlier(live.scenario.definition);
  const done = [
    ...inCall(snapshot.context.escalations).map((e) => ({
      stamp: e,
      text: strings.ui.console.escalatedTo(strings.vocabulary.escalationTargets[e.to], timeOf(e)),
    })),
    ...inCall(snapshot.context.contacts).map((c) => ({
      stamp: c,
      text: strings.ui.console.contacted(strings.vocabulary.agencies[c.agency], timeOf(c)),
    })),
  ].sort((a, b) => earlierStamp(a.stamp, b.stamp));

  return (
    <section aria-labelledby="escalate-heading" className="panel">
      <h2 id="escalate-heading">{strings.ui.console.escalateHeading}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (to === '') return;
          void send({ type: 'trainee.escalate', to, reason: reason.trim() }).then(
            (saved) => saved && clearSentReason(reason),
          );
        }}
      >
        <p className="field">
          <label htmlFor={`${id}-to`}>{strings.ui.console.escalateTo}</label>
          <select
            id={`${id}-to`}
            value={to}
            onChange={(event) => setTo(event.target.value as EscalationTarget)}
          >
            <option value="" disabled>
              {strings.ui.console.choosePrompt}
            </option>
            {ESCALATION_TARGETS.map((target) => (
              <option key={target} value={target}>
                {strings.vocabulary.escalationTargets[target]}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor={`${id}-reason`}>{strings.ui.console.reason}</label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        </p>
        <button type="submit" disabled={to === ''}>
          {strings.ui.console.escalate}
        </button>
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (agency === '') return;
          void send({ type: 'trainee.contact', agency, message: message.trim() }).then(
            (saved) => saved && clearSentMessage(message),
          );
        }}
      >
        <p className="field">
          <label htmlFor={`${id}-agency`}>{strings.ui.console.contactAgency}</label>
          <select
            id={`${id}-agency`}
            value={agency}
            onChange={(event) => setAgency(event.target.value as Agency)}
          >
            <option value="" disabled>
              {strings.ui.console.choosePrompt}
            </option>
            {AGENCIES.map((a) => (
              <option key={a} value={a}>
                {strings.vocabulary.agencies[a]}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor={`${id}-message`}>{strings.ui.console.message}</label>
          <textarea
            id={`${id}-message`}
            rows={2}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
        </p>
        <button type="submit" disabled={agency === ''}>
          {strings.ui.console.contact}
        </button>
      </form>
      {done.length > 0 && (
        <>
          <h3>{strings.ui.console.actionsDone}</h3>
          <ul>
            {done.map((item, index) => (
              <li key={index}>{item.text}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
