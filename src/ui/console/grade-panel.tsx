import { useId, useState } from 'react';
import type { Grade } from '../../../machines/vocabulary.ts';
import { gradeName } from '../../strings/findings.ts';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';
import { useCallDraft } from '../attempt/drafts.ts';
import { ReasonField } from './reason-field.tsx';

/** The grade, in the force's own names and targets. */
export function GradePanel(props: PanelProps) {
  const { live, snapshot, inCall, send } = props;
  const { definition } = live.scenario;
  const current = inCall(snapshot.context.grades).at(-1)?.grade;
  const [grade, setGrade] = useState<Grade | undefined>(current);
  const [reason, setReason, clearSent] = useCallDraft(props, 'grade-reason');
  const changing = current !== undefined && grade !== current;
  const name = useId();

  return (
    <section aria-labelledby="grade-heading" className="panel">
      <h2 id="grade-heading">{strings.ui.console.gradeHeading}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (grade) {
            void send({ type: 'trainee.grade', grade, ...(changing ? { reason: reason.trim() } : {}) }).then(
              (saved) => saved && clearSent(reason),
            );
          }
        }}
      >
        <fieldset>
          <legend>{strings.ui.console.gradeHeading}</legend>
          {definition.force.grades.map((g) => (
            <p key={g.grade} className="field inline">
              <input
                type="radio"
                id={`${name}-${g.grade}`}
                name={name}
                value={g.grade}
                checked={grade === g.grade}
                onChange={() => setGrade(g.grade)}
              />
              <label htmlFor={`${name}-${g.grade}`}>
                <strong>{g.label}</strong> (
                {g.targetMinutes ? strings.ui.console.target(g.targetMinutes) : strings.ui.console.noTarget}):{' '}
                {g.definition}
              </label>
            </p>
          ))}
        </fieldset>
        {changing && (
          <ReasonField label={strings.ui.console.reasonForGradeChange} value={reason} onChange={setReason} />
        )}
        <button type="submit" disabled={!grade}>
          {strings.ui.console.setGrade}
        </button>
      </form>
      <p className="muted">
        {current
          ? strings.ui.console.currentGrade(gradeName(definition, current))
          : strings.ui.console.noGrade}
      </p>
    </section>
  );
}
