import { useId, useState } from 'react';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';

/** Linking previous incidents to this one, for scenarios where earlier contacts matter. */
export function LinkPanel({ live, snapshot, inCall, send, timeOf }: PanelProps) {
  const incidents = live.scenario.definition.incidents ?? [];
  const [incident, setIncident] = useState(incidents[0]?.id ?? '');
  const id = useId();
  if (incidents.length === 0) return null;
  const summary = (incidentId: string) => incidents.find((i) => i.id === incidentId)?.summary ?? incidentId;
  return (
    <section aria-labelledby="link-heading" className="panel">
      <h2 id="link-heading">{strings.ui.console.linkHeading}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void send({ type: 'trainee.link', incident });
        }}
      >
        <p className="field">
          <label htmlFor={id}>{strings.ui.console.incident}</label>
          <select id={id} value={incident} onChange={(event) => setIncident(event.target.value)}>
            {incidents.map((i) => (
              <option key={i.id} value={i.id}>
                {i.summary}
              </option>
            ))}
          </select>
        </p>
        <button type="submit">{strings.ui.console.link}</button>
      </form>
      <ul>
        {inCall(snapshot.context.links).map((link, index) => (
          <li key={index}>{strings.ui.console.linked(summary(link.incident), timeOf(link))}</li>
        ))}
      </ul>
    </section>
  );
}
