/*
 * What a historical attempt can be scored on. The real call is replayed from what the sources report,
 * completed where they are silent so the replay runs; the completion must not earn or lose marks the
 * sources do not support. A dimension is not assessed when the attempt says the sources are silent on
 * it, or when every event it rests on was added to complete the replay.
 */
import { SCORING_DIMENSIONS, type ScoringDimension } from '../../machines/vocabulary.ts';
import type { Attempt, AttemptEntry } from '../engine/attempt.ts';

/** The trainee events each dimension is marked on; the NDM rests on the whole conversation. */
const RESTS_ON: Record<ScoringDimension, readonly AttemptEntry['type'][]> = {
  openingCode: ['trainee.code'],
  grading: ['trainee.grade'],
  thrive: ['trainee.thrive', 'trainee.risk'],
  ndm: [],
  logging: ['trainee.log', 'trainee.reply'],
  escalation: ['trainee.escalate', 'trainee.contact', 'trainee.assign', 'trainee.radio'],
};

/** Dimensions not to be assessed on this attempt, each with why; none for a trainee's attempt. */
export function unassessedDimensions(attempt: Pick<Attempt, 'unreported' | 'events'>): Unassessed {
  const unassessed: Unassessed = { ...attempt.unreported };
  for (const dimension of SCORING_DIMENSIONS) {
    if (unassessed[dimension]) continue;
    const restsOn = attempt.events.filter((event) => RESTS_ON[dimension].includes(event.type));
    const added = restsOn.flatMap((event) =>
      event.provenance && 'added' in event.provenance ? [event.provenance.added] : [],
    );
    if (restsOn.length > 0 && added.length === restsOn.length)
      unassessed[dimension] = [...new Set(added)].join(' ');
  }
  return unassessed;
}

/** Why each dimension set aside was not assessed. */
export type Unassessed = Partial<Record<ScoringDimension, string>>;
