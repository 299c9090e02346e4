import { useId, useState } from 'react';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from './call-console.tsx';

/** The free-text incident log: what the dispatcher and attending officers will read. */
export function LogPanel({ snapshot, phase, send, timeOf }: PanelProps) {
  const [draft, setDraft] = useState('');
  const entryId = useId();
  const entries = snapshot.context.log.filter((entry) => entry.phase === phase);

  return (
    <section aria-labelledby="log-heading" className="panel">
      <h2 id="log-heading">{strings.ui.console.logHeading}</h2>
      {entries.length === 0 ? (
        <p className="muted">{strings.ui.console.logEmpty}</p>
      ) : (
        <ol className="log-entries">
          {entries.map((entry, index) => (
            <li key={index}>
              <span className="time">{timeOf(entry.at)}</span> {entry.text}
            </li>
          ))}
        </ol>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const text = draft.trim();
          if (text) void send({ type: 'trainee.log', text }).then((saved) => saved && setDraft(''));
        }}
      >
        <p className="field">
          <label htmlFor={entryId}>{strings.ui.console.logEntry}</label>
          <textarea id={entryId} rows={4} value={draft} onChange={(event) => setDraft(event.target.value)} />
        </p>
        <button type="submit" disabled={draft.trim() === ''}>
          {strings.ui.console.addToLog}
        </button>
      </form>
    </section>
  );
}
