/*
 * Where in an attempt each of its findings comes from, so a replay can jump to it: the position from
 * which the finding held without a break to the end. A finding that held from the very start is
 * something never done; it is placed at the end, where it was settled.
 */
import type { CallContext } from '../../machines/call-machine.ts';
import type { ReplayTimeline } from '../engine/timeline.ts';
import type { Finding } from '../scoring/types.ts';

export interface FindingMoment {
  position: number;
  /** True when the finding held from the start: an omission, settled when the attempt ended. */
  omission: boolean;
}

type FindingsAt = (call: CallContext) => readonly Finding[];

/**
 * Walks back from the end one position per step (each step scores the call once), so a caller can
 * spread a long attempt over several frames; returns the moments when done.
 */
export function* locateFindings(
  timeline: ReplayTimeline,
  findingsAt: FindingsAt,
): Generator<void, Map<string, FindingMoment>> {
  const end = timeline.length - 1;
  const open = new Set(findingsAt(timeline.at(end).context).map((finding) => finding.id));
  const moments = new Map<string, FindingMoment>();
  for (let position = end - 1; position >= 0 && open.size > 0; position--) {
    yield;
    const present = new Set(findingsAt(timeline.at(position).context).map((finding) => finding.id));
    for (const key of [...open]) {
      if (present.has(key)) continue;
      moments.set(key, { position: position + 1, omission: false });
      open.delete(key);
    }
  }
  for (const key of open) moments.set(key, { position: end, omission: true });
  return moments;
}

export function findingMoments(timeline: ReplayTimeline, findingsAt: FindingsAt): Map<string, FindingMoment> {
  const steps = locateFindings(timeline, findingsAt);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
