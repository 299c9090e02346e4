import type { ModerationTarget } from '../records/records.ts';
import { cleanName } from '../records/text.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';
import { strings } from '../strings/en-gb.ts';
import type { Notice } from './notice.ts';
import { describeStorageFailure } from './storage-failure.ts';

/**
 * Stores a supervisor's moderation of one attempt, with who made it, when, and why, and says so; or says
 * what is missing (their name, a reason) or why it could not be stored.
 */
export async function saveModeration(
  store: AttemptStore,
  {
    attemptId,
    supervisor,
    target,
    reason,
  }: {
    attemptId: string;
    /** As typed on the supervisor screen. */
    supervisor: string;
    target: ModerationTarget;
    reason: string;
  },
  at = new Date(),
): Promise<Notice> {
  const name = cleanName(supervisor);
  if (!name) return { kind: 'alert', text: strings.ui.supervise.nameNeeded };
  if (!reason.trim()) return { kind: 'alert', text: strings.ui.review.reasonNeeded };
  try {
    await store.addModeration({
      id: crypto.randomUUID(),
      attempt: attemptId,
      supervisor: name,
      at: at.toISOString(),
      target,
      reason: reason.trim(),
    });
    return { kind: 'status', text: strings.ui.review.saved };
  } catch (error) {
    return { kind: 'alert', text: describeStorageFailure(error) };
  }
}
