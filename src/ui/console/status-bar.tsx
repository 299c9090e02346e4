import { incidentOf, timelineSeconds } from '../../../machines/incidents.ts';
import { gradeName } from '../../strings/findings.ts';
import { strings } from '../../strings/en-gb.ts';
import type { PanelProps } from '../attempt/live-attempt.ts';
import { stopwatch, useTicking } from './time.ts';

/** The top bar a call handler keeps an eye on: clock, call state, code, grade, attendance target. */
export function StatusBar({ live, snapshot, inCall, timeOf }: PanelProps) {
  const { definition } = live.scenario;
  const { context } = snapshot;
  const phase = definition.phases[context.phaseIndex];
  const now = useTicking(() => live.session.phaseTime(), live.session.clockRunning());
  const progress = context.progress[context.phaseIndex];
  const code = inCall(context.codes).at(-1);
  const grade = inCall(context.grades).at(-1);
  const target = definition.force.grades.find((g) => g.grade === grade?.grade)?.targetMinutes;
  // The caller's number is on the screen from the moment the call rings, as a real system shows it.
  const callingFrom = definition.subjects.find((s) => s.id === phase?.callingFrom)?.identifiers[0];

  let status: string = strings.ui.console.ringing;
  if (snapshot.matches({ call: 'connected' }))
    status = strings.ui.console.connected(stopwatch(now - (progress?.answeredAt ?? 0)));
  if (snapshot.matches({ call: 'wrapUp' })) status = strings.ui.console.callEnded;
  if (snapshot.matches({ call: 'desk' })) status = strings.ui.desk.atDesk;

  // The target runs from when the incident's first call was answered, across any update calls.
  const opened = context.progress.find((p) => p.phase === incidentOf(definition, phase?.id ?? ''));
  const sameCall = opened?.phase === phase?.id;
  const openedAt =
    opened?.answeredAt === null || opened?.answeredAt === undefined
      ? null
      : sameCall
        ? opened.answeredAt
        : timelineSeconds(definition, { phase: opened.phase, at: opened.answeredAt });
  const nowAt = sameCall ? now : timelineSeconds(definition, { phase: phase?.id ?? '', at: now });
  let targetLeft: number | null = null;
  if (target && openedAt !== null && nowAt !== null) targetLeft = openedAt + target * 60 - nowAt;

  return (
    <div className="status-bar">
      <div>
        <span className="label">{strings.ui.console.clock}</span>
        <span className="clock" aria-live="off">
          {timeOf({ phase: phase?.id ?? '', at: now })}
        </span>
      </div>
      <div>
        <span className="label">{strings.ui.console.callStatus}</span>
        <span role="status">{status}</span>
      </div>
      <div>
        <span className="label">{phase?.title}</span>
        <span>{phase?.incoming}</span>
        {callingFrom && <span>{strings.ui.console.callingFrom(callingFrom)}</span>}
      </div>
      <div>
        <span className="label">{strings.ui.console.codeHeading}</span>
        <span>{code ? strings.vocabulary.openingCodes[code.code] : strings.ui.console.noCode}</span>
      </div>
      <div>
        <span className="label">{strings.ui.console.gradeHeading}</span>
        <span>{grade ? gradeName(definition, grade.grade) : strings.ui.console.noGrade}</span>
      </div>
      {targetLeft !== null && (
        <div className={targetLeft < 0 ? 'overdue' : undefined}>
          <span className="label">{strings.ui.console.targetLabel}</span>
          <span>
            {targetLeft >= 0
              ? strings.ui.console.targetRemaining(stopwatch(targetLeft))
              : strings.ui.console.targetMissed(stopwatch(-targetLeft))}
          </span>
        </div>
      )}
    </div>
  );
}
