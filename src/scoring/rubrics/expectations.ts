import type { CallContext } from '../../../machines/call-machine.ts';
import type { Expectation, Requirement } from '../../../machines/scenario-format.ts';
import { CAPPING_SOURCE_KIND, type Band, type ScoringDimension } from '../../../machines/vocabulary.ts';
import {
  answeredAt,
  inPhase,
  messagesFor,
  passesOnLearned,
  says,
  whenMet,
} from '../../../machines/call-record.ts';
import { makeFinding, standardSource } from '../findings.ts';
import { ALL_ASSESSED, setAside, type Unassessed } from '../provenance.ts';
import type { DimensionResult, Finding } from '../types.ts';

/** Credit for doing the right thing, but too late to count in full. */
const LATE_CREDIT = 0.5;
/**
 * Repeating a failing the IOPC found in the real case keeps the call out of the top band, whatever the
 * total: a call with no intelligence checks, where the IOPC's finding was that none were run, is not
 * high compliance however well the rest went. Only a source of kind 'iopc-finding' caps: a key question
 * the IOPC asks, the guidance, what a force changed afterwards, APP and trainer judgement do not.
 */
export const IOPC_FAILING_CAP: Band = 'compliant';

export interface ExpectationTally {
  earned: number;
  possible: number;
  findings: Finding[];
  /** The band this dimension allows at most, if a missed expectation caps it. */
  capsBand?: Band;
}

/**
 * Observable behaviours the answer key expects (the NDM and escalation rubrics): full weight when done
 * in time, half when late, none when missed. Done ones are reported as good practice. One resting on what
 * a historical attempt's sources do not report is set aside.
 */
export function tallyExpectations(
  dimension: ScoringDimension,
  expectations: readonly Expectation[],
  call: CallContext,
  unassessed: Unassessed = ALL_ASSESSED,
): ExpectationTally {
  const findings: Finding[] = [];
  let earned = 0;
  let possible = 0;
  let capsBand: Band | undefined;
  for (const expectation of expectations) {
    if (setAside(expectation, unassessed)) continue;
    const metAt = whenMet(call, expectation.phase, expectation.requires);
    const source = expectation.source;
    const found = !unassessed.failingsAsFound || source.kind === 'iopc-finding';
    if (metAt === null && !found) continue;
    possible += expectation.weight;
    if (metAt === null) {
      const about = { expectation: expectation.id };
      findings.push(makeFinding(dimension, 'expectation-missed', expectation.severity, source, about));
      const guessed = unlearnedMessage(call, expectation.phase, expectation.requires);
      if (guessed !== null) {
        findings.push(
          makeFinding(
            dimension,
            'message-not-learned',
            'moderate',
            standardSource('unlearnedFact'),
            about,
            guessed,
          ),
        );
      }
      const serious = expectation.severity === 'major' || expectation.severity === 'critical';
      if (serious && source.kind === CAPPING_SOURCE_KIND) capsBand = IOPC_FAILING_CAP;
      continue;
    }
    const took = metAt - (answeredAt(call, expectation.phase) ?? 0);
    if (expectation.within !== undefined && took > expectation.within && found) {
      earned += expectation.weight * LATE_CREDIT;
      findings.push(
        makeFinding(dimension, 'expectation-late', expectation.severity, source, {
          expectation: expectation.id,
          seconds: took,
          within: expectation.within,
        }),
      );
      continue;
    }
    earned += expectation.weight;
    if (expectation.met) {
      findings.push(
        makeFinding(dimension, 'expectation-met', 'good-practice', source, { expectation: expectation.id }),
      );
    }
  }
  return { earned, possible, findings, ...(capsBand ? { capsBand } : {}) };
}

export function scoreExpectations(
  dimension: ScoringDimension,
  expectations: readonly Expectation[],
  call: CallContext,
  unassessed: Unassessed = ALL_ASSESSED,
): DimensionResult {
  const { earned, possible, findings, capsBand } = tallyExpectations(
    dimension,
    expectations,
    call,
    unassessed,
  );
  return {
    score: possible === 0 ? 100 : Math.round((earned / possible) * 100),
    findings,
    ...(capsBand ? { capsBand } : {}),
  };
}

/**
 * A message that says what the key asks for but names facts the trainee had not learned when it was
 * sent (a MARAC nobody searched for): it earns nothing, and the supervisor should see it.
 */
function unlearnedMessage(call: CallContext, phase: string, requirement: Requirement): string | null {
  if (!('about' in requirement) || !requirement.about || !requirement.saying) return null;
  const about = requirement.about;
  const guessed = inPhase(messagesFor(call, requirement), phase).find(
    (message) => says(requirement, message.text) && !passesOnLearned(call, about, message),
  );
  return guessed?.text ?? null;
}
