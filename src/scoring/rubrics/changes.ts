import type { Stamp } from '../../../machines/call-machine.ts';
import { earlier, inIncident } from '../../../machines/incidents.ts';
import type { ScenarioDefinition } from '../../../machines/scenario-format.ts';
import type { ScoringDimension } from '../../../machines/vocabulary.ts';
import { makeFinding, standardSource } from '../findings.ts';
import type { Finding } from '../types.ts';

/** Points off for each change of code or grade made without a written reason. */
export const UNREASONED_CHANGE_PENALTY = 10;

/**
 * Changes to a decision over the incident's calls (a regrade, a reclassification) that came without a
 * written reason, as findings.
 */
export function unreasonedChanges<T extends Stamp & { reason: string }>(
  scenario: ScenarioDefinition,
  dimension: ScoringDimension,
  decisions: readonly T[],
  phase: string,
  valueOf: (decision: T) => string,
): Finding[] {
  const ordered = inIncident(scenario, decisions, phase).sort(earlier(scenario));
  return ordered.flatMap((decision, i) => {
    const before = ordered[i - 1];
    if (!before || valueOf(before) === valueOf(decision) || decision.reason !== '') return [];
    return [
      makeFinding(dimension, 'changed-without-reason', 'moderate', standardSource('changeRationale'), {
        from: valueOf(before),
        to: valueOf(decision),
        phase: decision.phase,
        at: decision.at,
      }),
    ];
  });
}
