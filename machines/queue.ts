/*
 * The rest of the dispatcher's outstanding-incident queue: plausible incidents generated from a
 * scenario's templates, the same every time for the same seed, so the desk is as busy as it was.
 */
import type { Queue } from './scenario-format.ts';
import type { Grade, OpeningCode } from './vocabulary.ts';

export interface QueuedIncident {
  ref: string;
  code: OpeningCode;
  grade: Grade;
  summary: string;
  place: string;
  /** Minutes the incident had been waiting when the phase began. */
  waitingMinutes: number;
}

/** A small, well-known generator (mulberry32): deterministic and good enough for shuffling templates. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MAX_WAITING_MINUTES = 300;

export function generateQueue(queue: Queue): QueuedIncident[] {
  const next = random(queue.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return Array.from({ length: queue.count }, (_, i) => {
    const template = pick(queue.templates);
    return {
      ref: `INC-${String(1000 + Math.floor(next() * 8999)).padStart(4, '0')}-${i + 1}`,
      code: template.code,
      grade: template.grade,
      summary: template.summary,
      place: pick(queue.places),
      waitingMinutes: Math.floor(next() * MAX_WAITING_MINUTES),
    };
  });
}
