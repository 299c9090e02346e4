/*
 * The call-handling console: the caller on the left, the incident in the middle, searches and
 * escalation on the right, and the clock, call status, code, grade and attendance target across the top.
 * Every control is a native form control or button, in reading order, so the call can be taken with the
 * keyboard alone.
 */
import { useCallback, useState } from 'react';
import type { AttemptEvent } from '../../../machines/events.ts';
import type { CallSnapshot } from '../../engine/replay.ts';
import { strings } from '../../strings/en-gb.ts';
import type { LiveAttempt } from '../attempt/attempt-page.tsx';
import { CallerPanel } from './caller-panel.tsx';
import { ChecksPanel } from './checks-panel.tsx';
import { CodePanel } from './code-panel.tsx';
import { EscalationPanel } from './escalation-panel.tsx';
import { GradePanel } from './grade-panel.tsx';
import { LinkPanel } from './link-panel.tsx';
import { LogPanel } from './log-panel.tsx';
import { StatusBar } from './status-bar.tsx';
import { ThrivePanel } from './thrive-panel.tsx';
import { clockTime as clockTimeFor } from './time.ts';

export interface PanelProps {
  live: LiveAttempt;
  snapshot: CallSnapshot;
  /** The current call's phase id: each call is its own incident, so panels show only its records. */
  phase: string;
  /** Sends a trainee event; resolves true once it is stored and applied. */
  send: (event: AttemptEvent) => Promise<boolean>;
  /** Seconds on the phase clock for a time the machine recorded, as the control room clock shows it. */
  timeOf: (seconds: number) => string;
}

export function CallConsole({ live, snapshot }: { live: LiveAttempt; snapshot: CallSnapshot }) {
  const [problem, setProblem] = useState<string | null>(null);
  const phase = live.scenario.definition.phases[snapshot.context.phaseIndex];
  const send = useCallback(
    async (event: AttemptEvent) => {
      try {
        await live.session.send(event);
        setProblem(null);
        return true;
      } catch (error) {
        setProblem(strings.ui.console.saveFailed(error instanceof Error ? error.message : String(error)));
        return false;
      }
    },
    [live.session],
  );
  const timeOf = useCallback(
    (seconds: number) => clockTimeFor(phase?.clockStart ?? '00:00', seconds),
    [phase?.clockStart],
  );
  const props: PanelProps = { live, snapshot, phase: phase?.id ?? '', send, timeOf };
  const working = !snapshot.matches({ call: 'ringing' });

  return (
    <div className="console">
      <h1 className="visually-hidden">
        {strings.ui.console.heading}: {live.scenario.definition.title}
      </h1>
      <StatusBar {...props} />
      {problem && (
        <p role="alert" className="notice error">
          {problem}
        </p>
      )}
      <div className="console-grid">
        <div className="column">
          <CallerPanel {...props} />
        </div>
        {working && (
          <>
            <div className="column">
              <CodePanel {...props} />
              <GradePanel {...props} />
              <ThrivePanel {...props} />
              <LogPanel {...props} />
            </div>
            <div className="column">
              <ChecksPanel {...props} />
              <EscalationPanel {...props} />
              <LinkPanel {...props} />
              <section aria-labelledby="close-heading" className="panel">
                <h2 id="close-heading" className="visually-hidden">
                  {strings.ui.console.closeLog}
                </h2>
                <button type="button" onClick={() => void send({ type: 'trainee.closeLog' })}>
                  {strings.ui.console.closeLog}
                </button>
              </section>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
