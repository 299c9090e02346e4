import { useId, useState } from 'react';
import { CHECK_SYSTEMS, SYSTEM_SUBJECT_KINDS, type CheckSystem } from '../../../machines/vocabulary.ts';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from './call-console.tsx';

/** Searches of police systems; results appear only once a search is run. */
export function ChecksPanel({ live, snapshot, inCall, send, timeOf }: PanelProps) {
  const { definition } = live.scenario;
  const [system, setSystem] = useState<CheckSystem>('local-intelligence');
  const subjects = definition.subjects.filter((s) => SYSTEM_SUBJECT_KINDS[system].includes(s.kind));
  const [subject, setSubject] = useState(subjects[0]?.id ?? '');
  const chosenSubject = subjects.some((s) => s.id === subject) ? subject : (subjects[0]?.id ?? '');
  const systemId = useId();
  const subjectId = useId();
  const results = new Map(definition.checks.map((check) => [check.id, check]));
  const checks = inCall(snapshot.context.checks);
  const subjectLabel = (id: string) => definition.subjects.find((s) => s.id === id)?.label ?? id;

  return (
    <section aria-labelledby="checks-heading" className="panel">
      <h2 id="checks-heading">{strings.ui.console.checksHeading}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (chosenSubject) void send({ type: 'trainee.check', system, subject: chosenSubject });
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
          <label htmlFor={subjectId}>{strings.ui.console.subject}</label>
          <select id={subjectId} value={chosenSubject} onChange={(event) => setSubject(event.target.value)}>
            {subjects.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </p>
        <button type="submit" disabled={!chosenSubject}>
          {strings.ui.console.runCheck}
        </button>
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
                      {strings.vocabulary.checkSystems[check.system]}: {subjectLabel(check.subject)}
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
