/*
 * What a trainee in an LMS course is told about the LMS on every screen: who it says they are, or why
 * results are not reported; and, when it happens, that the LMS did not take something.
 */
import { strings } from '../../strings/en-gb.ts';
import { useLms } from './lms-mode.ts';

const l = strings.ui.lms;

export function LmsBanner() {
  const lms = useLms();
  if (!lms) return null;
  return (
    <div className="lms-banner">
      {lms.learner && lms.standard && (
        <p className="muted">{l.signedIn(lms.learner.name, l.standards[lms.standard])}</p>
      )}
      {lms.notice && (
        <p role="note" className="notice">
          {lms.notice}
        </p>
      )}
      {lms.callTooLongToCarry && (
        <p role="note" className="notice">
          {l.callTooLong}
        </p>
      )}
      {lms.problem && (
        <p role="alert" className="notice error">
          {l.problem(lms.problem)}
        </p>
      )}
    </div>
  );
}
