/*
 * The call-handling console: the caller on the left, the incident in the middle, searches and
 * escalation on the right, and the clock, call status, code, grade and attendance target across the top.
 * Every control is a native form control or button, in reading order, so the call can be taken with the
 * keyboard alone.
 */
import { useCallback, useEffect } from 'react';
import { isVoice } from '../../../machines/call-machine.ts';
import type { Stamp } from '../../../machines/call-machine.ts';
import { earlier, inIncident } from '../../../machines/incidents.ts';
import type { CallSnapshot } from '../../engine/replay.ts';
import { strings } from '../../strings/en-gb.ts';
import type { LiveAttempt, PanelProps } from '../attempt/live-attempt.ts';
import { useSend } from '../attempt/use-send.ts';
import { CallerPanel } from './caller-panel.tsx';
import { ChecksPanel } from './checks-panel.tsx';
import { CodePanel } from './code-panel.tsx';
import { EscalationPanel } from './escalation-panel.tsx';
import { GradePanel } from './grade-panel.tsx';
import { QueuePanel, RadioPanel, TimePanel, UnitsPanel } from './desk-panels.tsx';
import { LinkPanel } from './link-panel.tsx';
import { LogPanel } from './log-panel.tsx';
import { StatusBar } from './status-bar.tsx';
import { ThrivePanel } from './thrive-panel.tsx';
import { clockTime as clockTimeFor } from './time.ts';

export function CallConsole({ live, snapshot }: { live: LiveAttempt; snapshot: CallSnapshot }) {
  const { problem, send } = useSend(live);
  const phase = live.scenario.definition.phases[snapshot.context.phaseIndex];
  const { definition } = live.scenario;
  const timeOf = useCallback(
    (stamp: Stamp) =>
      clockTimeFor(definition.phases.find((p) => p.id === stamp.phase)?.clockStart ?? '00:00', stamp.at),
    [definition],
  );
  const phaseId = phase?.id ?? '';
  const inCall = useCallback(
    <T extends Stamp>(items: readonly T[]) =>
      inIncident(definition, items, phaseId).sort(earlier(definition)),
    [definition, phaseId],
  );
  // Everything this call can say is loaded while it rings, so each answer starts the moment it is due.
  useEffect(() => {
    const { unrecorded } = live.scenario;
    const heard = definition.lines.filter((l) => l.phase === phaseId && isVoice(l) && !unrecorded.has(l.id));
    live.sound.prepare(heard.map((l) => l.id));
  }, [live.sound, live.scenario, definition, phaseId]);
  const props: PanelProps = { live, snapshot, phase: phaseId, inCall, send, timeOf };
  const atDesk = phase?.kind === 'dispatch';
  const working = !snapshot.matches({ call: 'ringing' });
  const closeLog = (
    <section aria-labelledby="close-heading" className="panel">
      <h2 id="close-heading" className="visually-hidden">
        {strings.ui.console.closeLog}
      </h2>
      <button type="button" onClick={() => void send({ type: 'trainee.closeLog' })}>
        {strings.ui.console.closeLog}
      </button>
    </section>
  );

  return (
    <div className="console">
      <h1 className="visually-hidden">
        {atDesk ? strings.ui.desk.heading : strings.ui.console.heading}: {live.scenario.definition.title}
      </h1>
      <StatusBar {...props} />
      {problem && (
        <p role="alert" className="notice error">
          {problem}
        </p>
      )}
      {atDesk ? (
        <div className="console-grid desk-grid">
          <div className="column">
            <QueuePanel {...props} />
            <UnitsPanel {...props} />
          </div>
          <div className="column">
            <RadioPanel {...props} />
            <CodePanel {...props} />
            <GradePanel {...props} />
            <ThrivePanel {...props} />
            <LogPanel {...props} />
          </div>
          <div className="column">
            <TimePanel {...props} />
            <EscalationPanel {...props} />
            <ChecksPanel {...props} />
            <LinkPanel {...props} />
            {closeLog}
          </div>
        </div>
      ) : (
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
                {closeLog}
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
