import { useId, useState } from 'react';
import { findSubject } from '../../../machines/search.ts';
import { CHECK_SYSTEMS, type CheckSystem } from '../../../machines/vocabulary.ts';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';
import { useCallDraft } from '../attempt/drafts.ts';

/**
 * Searches of police systems by what the call handler types, as the real systems are searched: nothing
 * is listed before it is found, and details that match nobody come back "no trace".
 */
export function ChecksPanel(props: PanelProps) {
  const { live, snapshot, inCall, send, timeOf } = props;
  const { definition } = live.scenario;
  const [system, setSystem] = useState<CheckSystem>('local-intelligence');
  const [query, setQuery, clearSent] = useCallDraft(props, 'check-query');
  const systemId = useId();
  const queryId = useId();
  const hintId = useId();
  const results = new Map(definition.checks.map((check) => [check.id, check]));
  const checks = inCall(snapshot.context.checks);
  // A format 1 attempt picked its subject from a list: show what it was called then.
  const searchedFor = (check: (typeof checks)[number]) =>
    check.query ?? definition.subjects.find((s) => s.id === check.subject)?.identifiers[0] ?? '';

  return (
    <section aria-labelledby="checks-heading" className="panel">
      <h2 id="checks-heading">{strings.ui.console.checksHeading}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const typed = query.trim();
          if (!typed) return;
          void send({
            type: 'trainee.check',
            system,
            query: typed,
            subject: findSubject(definition.subjects, system, typed),
          }).then((saved) => saved && clearSent(typed));
        }}
      >
        <p className="field">
          <label htmlFor={systemId}>{strings.ui.console.system}</label>
          <select
            id={systemId}
            value={system}
            onChange={(event) => setSystem(event.target.value as CheckSystem)}
          >
            {CHECK_SYSTEMS.map((s) => (
              <option key={s} value={s}>
                {strings.vocabulary.checkSystems[s]}
              </option>
            ))}
          </select>
        </p>
        <p className="field">
          <label htmlFor={queryId}>{strings.ui.console.subject}</label>
          <input
            id={queryId}
            type="text"
            autoComplete="off"
            aria-describedby={hintId}
            value={query}
            maxLength={200}
            onChange={(event) => setQuery(event.target.value)}
          />
          <span id={hintId} className="hint">
            {strings.ui.console.searchHint}
          </span>
        </p>
        <button type="submit">{strings.ui.console.runCheck}</button>
      </form>
      <div aria-live="polite">
        {checks.length === 0 ? (
          <p className="muted">{strings.ui.console.noChecks}</p>
        ) : (
          <ol className="results">
            {checks.map((check, index) => {
              const result = check.result ? results.get(check.result) : undefined;
              return (
                <li key={index}>
                  <p>
                    <span className="time">{timeOf(check)}</span>{' '}
                    <strong>
                      {strings.vocabulary.checkSystems[check.system]}: {searchedFor(check)}
                    </strong>
                  </p>
                  {result ? (
                    <>
                      <p>{result.summary}</p>
                      <ul>
                        {result.records.map((record) => (
                          <li key={record}>{record}</li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <p>{strings.ui.console.noTrace}</p>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </section>
  );
}
