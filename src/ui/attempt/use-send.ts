import { useCallback, useState, useSyncExternalStore } from 'react';
import type { AttemptEvent } from '../../../machines/events.ts';
import type { ScenarioDefinition } from '../../../machines/scenario-format.ts';
import type { WriteFailure } from '../../engine/session.ts';
import { whyNotStored } from '../../services/storage-failure.ts';
import { strings } from '../../strings/en-gb.ts';
import { describeEntry } from '../debrief/describe-entry.ts';
import { noteInFlight } from './drafts.ts';
import type { LiveAttempt } from './live-attempt.ts';

/** A trainee's event in words, as the review's timeline says it. */
export const describeEvent = (event: AttemptEvent, scenario: ScenarioDefinition): string =>
  describeEntry({ ...event, at: 0 }, scenario);

/** What was not saved, and why, in words for the trainee. */
function describeWriteFailure({ event, error }: WriteFailure, scenario: ScenarioDefinition): string {
  const why = whyNotStored(error);
  return event.type === 'clock.tick'
    ? strings.ui.notSaved.callerWords(why)
    : strings.ui.notSaved.action(describeEvent(event, scenario), why);
}

/**
 * Sends a trainee's event to the session, and says what is wrong (null once all is well), so no screen of
 * a call drops a failure unseen: why the trainee's last event was not stored (storage refused it) or not
 * taken (the call would not have it), and whether the caller's next words are waiting on storage. Each
 * click is noted as in flight until it settles, so one the page closed on can be named when the attempt
 * is opened again. `send` resolves true once the event is stored.
 */
export function useSend(live: LiveAttempt): {
  problem: string | null;
  send: (event: AttemptEvent) => Promise<boolean>;
} {
  const { session, record, scenario } = live;
  const failure = useSyncExternalStore(session.subscribe, session.getWriteFailure);
  const [notSent, setNotSent] = useState<string | null>(null);
  const send = useCallback(
    async (event: AttemptEvent) => {
      const settled = noteInFlight(record.id, { event, storedBefore: session.events.length });
      try {
        await session.send(event);
        setNotSent(null);
        return true;
      } catch (error) {
        const refused = session.getWriteFailure();
        setNotSent(
          refused && refused.error === error
            ? describeWriteFailure(refused, scenario.definition)
            : strings.ui.console.saveFailed(error instanceof Error ? error.message : String(error)),
        );
        return false;
      } finally {
        settled();
      }
    },
    [session, record.id, scenario.definition],
  );
  const callerWaiting =
    failure?.event.type === 'clock.tick' ? describeWriteFailure(failure, scenario.definition) : null;
  const problems = [notSent, callerWaiting].filter((problem) => problem !== null);
  return { problem: problems.length > 0 ? problems.join(' ') : null, send };
}
