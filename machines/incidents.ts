/*
 * Calls and incidents. Each phase is a call; a call that `continues` an earlier one is about the same
 * incident (an update call), so the incident's log, code, grade and attendance target carry on across
 * them. Times are seconds on each call's own clock; `startsAfter` pins calls to one timeline.
 */
import type { Stamp } from './call-machine.ts';
import type { ScenarioDefinition } from './scenario-format.ts';

/** The phase that opened the incident this phase is about. */
export function incidentOf(scenario: ScenarioDefinition, phase: string): string {
  let current = scenario.phases.find((p) => p.id === phase);
  const seen = new Set<string>();
  while (current?.continues && !seen.has(current.id)) {
    seen.add(current.id);
    const earlier = current.continues;
    current = scenario.phases.find((p) => p.id === earlier);
  }
  return current?.id ?? phase;
}

/** Every phase about the same incident as this one, in order. */
export function phasesOfIncident(scenario: ScenarioDefinition, phase: string): Set<string> {
  const incident = incidentOf(scenario, phase);
  return new Set(scenario.phases.filter((p) => incidentOf(scenario, p.id) === incident).map((p) => p.id));
}

export function inIncident<T extends Stamp>(
  scenario: ScenarioDefinition,
  items: readonly T[],
  phase: string,
): T[] {
  const phases = phasesOfIncident(scenario, phase);
  return items.filter((item) => phases.has(item.phase));
}

/** Orders stamps across calls: by call, then by time on that call's clock. */
export function earlier(scenario: ScenarioDefinition): (a: Stamp, b: Stamp) => number {
  const index = new Map(scenario.phases.map((p, i) => [p.id, i]));
  return (a, b) => (index.get(a.phase) ?? 0) - (index.get(b.phase) ?? 0) || a.at - b.at;
}

/** Seconds since the scenario's first call rang, where the calls are pinned to one timeline. */
export function timelineSeconds(scenario: ScenarioDefinition, stamp: Stamp): number | null {
  const phase = scenario.phases.find((p) => p.id === stamp.phase);
  if (!phase) return null;
  if (phase.startsAfter === undefined) return phase === scenario.phases[0] ? stamp.at : null;
  return phase.startsAfter * 60 + stamp.at;
}
