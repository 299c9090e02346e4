import type { CallSnapshot } from '../../engine/replay.ts';
import { strings } from '../../strings/en-gb.ts';
import { clockTime } from '../console/time.ts';
import type { LiveAttempt } from './live-attempt.ts';
import { useSend } from './use-send.ts';

/** Between closing the log and what comes next: the next call, or the debrief. */
export function ClosedView({ live, snapshot }: { live: LiveAttempt; snapshot: CallSnapshot }) {
  const { phases } = live.scenario.definition;
  const phase = phases[snapshot.context.phaseIndex];
  const next = phases[snapshot.context.phaseIndex + 1];
  const { problem, send } = useSend(live);
  const closedAt =
    snapshot.context.progress[snapshot.context.phaseIndex]?.logClosedAt ?? snapshot.context.now;
  return (
    <section className="closed" aria-labelledby="closed-heading">
      <h1 id="closed-heading">{strings.ui.console.closedHeading}</h1>
      <p>{strings.ui.console.closedAt(clockTime(phase?.clockStart ?? '00:00', closedAt))}</p>
      {next && <p>{strings.ui.console.nextCallIs(next.title, next.incoming)}</p>}
      <button
        type="button"
        className="primary"
        autoFocus
        onClick={() => void send({ type: 'trainee.continue' })}
      >
        {next ? strings.ui.console.nextCall(next.timeLabel) : strings.ui.console.toDebrief}
      </button>
      {problem && (
        <p role="alert" className="notice error">
          {problem}
        </p>
      )}
    </section>
  );
}
