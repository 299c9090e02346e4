import type { CallContext } from '../../../machines/call-machine.ts';
import type { Expectation } from '../../../machines/scenario-format.ts';
import type { ScoringDimension } from '../../../machines/vocabulary.ts';
import { strings } from '../../strings/en-gb.ts';
import { answeredAt, whenMet } from '../../../machines/call-record.ts';
import type { DimensionResult, Finding } from '../types.ts';

/** Credit for doing the right thing, but too late to count in full. */
const LATE_CREDIT = 0.5;

/**
 * Observable behaviours the answer key expects (the NDM and escalation rubrics): full weight when done
 * in time, half when late, none when missed. Done ones are reported as good practice.
 */
export function scoreExpectations(
  dimension: ScoringDimension,
  expectations: readonly Expectation[],
  call: CallContext,
): DimensionResult {
  const findings: Finding[] = [];
  let earned = 0;
  let possible = 0;
  for (const expectation of expectations) {
    possible += expectation.weight;
    const metAt = whenMet(call, expectation.phase, expectation.requires);
    const source = expectation.source;
    if (metAt === null) {
      findings.push({ dimension, severity: expectation.severity, message: expectation.missed, source });
      continue;
    }
    const took = metAt - (answeredAt(call, expectation.phase) ?? 0);
    if (expectation.within !== undefined && took > expectation.within) {
      earned += expectation.weight * LATE_CREDIT;
      findings.push({
        dimension,
        severity: expectation.severity,
        message: strings.scoring.late(expectation.met ?? expectation.missed, took, expectation.within),
        source,
      });
      continue;
    }
    earned += expectation.weight;
    if (expectation.met)
      findings.push({ dimension, severity: 'good-practice', message: expectation.met, source });
  }
  return { score: possible === 0 ? 100 : Math.round((earned / possible) * 100), findings };
}
