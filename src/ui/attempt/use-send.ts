import { useCallback, useState } from 'react';
import type { AttemptEvent } from '../../../machines/events.ts';
import type { CallSession } from '../../engine/session.ts';
import { strings } from '../../strings/en-gb.ts';

/**
 * Sends a trainee's event to the session, and keeps why the last one was not stored or applied (null when
 * it was), so no screen of a call drops a failure unseen. `send` resolves true once the event is stored.
 */
export function useSend(session: CallSession): {
  problem: string | null;
  send: (event: AttemptEvent) => Promise<boolean>;
} {
  const [problem, setProblem] = useState<string | null>(null);
  const send = useCallback(
    async (event: AttemptEvent) => {
      try {
        await session.send(event);
        setProblem(null);
        return true;
      } catch (error) {
        setProblem(strings.ui.console.saveFailed(error instanceof Error ? error.message : String(error)));
        return false;
      }
    },
    [session],
  );
  return { problem, send };
}
