/* Which clicks a closed page was still storing did not reach the stored log. */
import { describe, expect, it } from 'vitest';
import type { AttemptEntry } from '../../src/engine/attempt.ts';
import { unsavedClicks } from '../../src/ui/attempt/drafts.ts';

const stored: AttemptEntry[] = [
  { type: 'trainee.start', at: 0, wall: '2026-12-06T04:00:00.000Z' },
  { type: 'trainee.answer', at: 2, wall: '2026-12-06T04:00:02.000Z' },
  { type: 'trainee.log', text: 'Caller at home', at: 9, wall: '2026-12-06T04:00:09.000Z' },
];

describe('clicks in flight when the page closed', () => {
  it('finds a click stored after it was made, whatever times it was stamped with', () => {
    expect(
      unsavedClicks([{ event: { type: 'trainee.log', text: 'Caller at home' }, storedBefore: 2 }], stored),
    ).toEqual([]);
  });

  it('names a click the log does not have, or has only from before it was made', () => {
    const lost = { type: 'trainee.log' as const, text: 'Door being kicked' };
    const again = { type: 'trainee.log' as const, text: 'Caller at home' };
    expect(
      unsavedClicks(
        [
          { event: lost, storedBefore: 3 },
          { event: again, storedBefore: 3 },
        ],
        stored,
      ),
    ).toEqual([lost, again]);
  });
});
