/*
 * What a trainee in an LMS course is told about the LMS on every screen: who it says they are, or why
 * results are not reported; records still on their way to it; anything it did not take; and, where the
 * session ends only when they leave (cmi5), the way to leave.
 */
import { useId } from 'react';
import { strings } from '../../strings/en-gb.ts';
import { lmsSession, useLms } from './lms-mode.ts';

const l = strings.ui.lms;

function leaveCourse(): void {
  const returnUrl = lmsSession()?.leave();
  if (returnUrl) window.location.assign(returnUrl);
}

export function LmsBanner() {
  const lms = useLms();
  const helpId = useId();
  if (!lms) return null;
  const { delivery } = lms;
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
      {delivery && delivery.waiting > 0 && (
        <p role="status" className="notice">
          {delivery.state === 'stopped'
            ? l.statementsStopped(delivery.waiting, delivery.detail ?? '')
            : l.statementsWaiting(delivery.waiting)}
        </p>
      )}
      {delivery && delivery.refused > 0 && (
        <p role="alert" className="notice error">
          {l.statementsRefused(delivery.refused)}
        </p>
      )}
      {lms.problem && (
        <p role="alert" className="notice error">
          {l.problem(lms.problem)}
        </p>
      )}
      {lms.leaving === 'offered' && (
        <p>
          <button type="button" aria-describedby={helpId} onClick={leaveCourse}>
            {l.leave}
          </button>{' '}
          <span id={helpId} className="muted">
            {l.leaveHelp}
          </span>
        </p>
      )}
      {lms.leaving === 'left' && (
        <p role="status" className="notice">
          {l.left}
        </p>
      )}
    </div>
  );
}
