/*
 * What a historical attempt can be scored on. The real call is replayed from what the sources report,
 * completed where they are silent so the replay runs; the completion must not earn or lose marks the
 * sources do not support. So a historical attempt sets aside:
 * - a dimension its sources are silent on (`unreported`), or whose every event was added to complete the
 *   replay, or that the answer key marks on a call the sources are silent on;
 * - the calls its sources are silent on (`unreportedCalls`): nothing expected on them is marked;
 * - any expectation resting on what is set aside (THRIVE before the grade, when neither is reported);
 * - an expectation missed, or met late, that the IOPC did not find failing: the sources summarise a call,
 *   they do not list all that was done or when (the replay's times are invented unless they say), so
 *   what they do not report cannot count against the real staff. What they report done still counts.
 * What is set aside weighs nothing, raises no finding and caps no band.
 */
import type { AnswerKey, Expectation, Requirement } from '../../machines/scenario-format.ts';
import { SCORING_DIMENSIONS, type ScoringDimension } from '../../machines/vocabulary.ts';
import type { Attempt, AttemptEntry } from '../engine/attempt.ts';

export interface Unassessed {
  /** Dimensions not assessed, each with why. */
  dimensions: Partial<Record<ScoringDimension, string>>;
  /** Calls (phase ids) the sources are silent on, each with why. */
  calls: Readonly<Record<string, string>>;
  /** The real call replayed: only a failing the IOPC found counts as missed or late. */
  failingsAsFound: boolean;
}

/** A trainee's attempt: everything is assessed. */
export const ALL_ASSESSED: Unassessed = { dimensions: {}, calls: {}, failingsAsFound: false };

/** The trainee events each dimension is marked on; the NDM rests on the whole conversation. */
const RESTS_ON: Record<ScoringDimension, readonly AttemptEntry['type'][]> = {
  openingCode: ['trainee.code'],
  grading: ['trainee.grade'],
  thrive: ['trainee.thrive', 'trainee.risk'],
  ndm: [],
  logging: ['trainee.log', 'trainee.reply'],
  escalation: ['trainee.escalate', 'trainee.contact', 'trainee.assign', 'trainee.radio'],
};

/** The dimensions whose events an expectation's requirement looks at. */
const REQUIREMENT_RESTS_ON: Record<Exclude<Requirement['kind'], 'any-of'>, readonly ScoringDimension[]> = {
  asked: [],
  advised: [],
  checked: [],
  'sop-opened': [],
  'thrive-before-grade': ['thrive', 'grading'],
  escalated: ['escalation'],
  contacted: ['escalation'],
  'called-back': [],
  linked: [],
  logged: ['logging'],
  coded: ['openingCode'],
  graded: ['grading'],
  assessed: ['thrive'],
  assigned: ['escalation'],
  radioed: ['escalation'],
  heard: [],
  answered: ['logging'],
  'not-cut-off': [],
  'not-prompted': [],
};

/** The call each dimension with one is marked on, by the answer key. */
function markedOn(key: AnswerKey, dimension: ScoringDimension): string | undefined {
  switch (dimension) {
    case 'openingCode':
      return key.openingCode.phase;
    case 'grading':
      return key.grading.phase;
    case 'thrive':
      return key.thrive.phase;
    case 'logging':
      return key.logging.phase;
    case 'ndm':
    case 'escalation':
      return undefined;
  }
}

/** What is not to be assessed on this attempt, each with why; nothing for a trainee's attempt. */
export function unassessedFor(
  attempt: Pick<Attempt, 'unreported' | 'unreportedCalls' | 'events'>,
  key: AnswerKey,
): Unassessed {
  const calls = { ...attempt.unreportedCalls };
  const dimensions: Unassessed['dimensions'] = { ...attempt.unreported };
  for (const dimension of SCORING_DIMENSIONS) {
    if (dimensions[dimension]) continue;
    const call = markedOn(key, dimension);
    if (call !== undefined && calls[call]) {
      dimensions[dimension] = calls[call];
      continue;
    }
    const restsOn = attempt.events.filter((event) => RESTS_ON[dimension].includes(event.type));
    const added = restsOn.flatMap((event) =>
      event.provenance && 'added' in event.provenance ? [event.provenance.added] : [],
    );
    if (restsOn.length > 0 && added.length === restsOn.length)
      dimensions[dimension] = [...new Set(added)].join(' ');
  }
  const historical = attempt.events.some((event) => event.provenance !== undefined);
  return { dimensions, calls, failingsAsFound: historical };
}

/** The dimensions a requirement looks at; of alternatives, those of every one of them. */
function restsOn(requirement: Requirement): readonly ScoringDimension[] {
  return requirement.kind === 'any-of'
    ? requirement.of.flatMap(restsOn)
    : REQUIREMENT_RESTS_ON[requirement.kind];
}

/**
 * Whether an expectation rests on what is not assessed, so it must be neither met nor missed. Of
 * alternatives, one resting on what is not assessed sets the whole aside: it might have been met that way.
 */
export function setAside(expectation: Expectation, unassessed: Unassessed): boolean {
  return (
    unassessed.calls[expectation.phase] !== undefined ||
    restsOn(expectation.requires).some((d) => unassessed.dimensions[d] !== undefined)
  );
}
