/*
 * An attempt laid out for scrubbing: the state after any number of its events, found quickly by
 * replaying forward from the nearest checkpoint rather than from the start. Checkpoints are taken while
 * the whole attempt is replayed once, so a seek costs at most `spacing` transitions.
 */
import type { CallMachine } from '../../machines/call-machine.ts';
import type { AttemptEntry } from './attempt.ts';
import { initialSnapshot, stateAfterEntry, type CallSnapshot } from './replay.ts';

export class ReplayTimeline {
  /** checkpoints[k] is the state after k × spacing events. */
  private readonly checkpoints: CallSnapshot[] = [];

  constructor(
    private readonly machine: CallMachine,
    readonly entries: readonly AttemptEntry[],
    private readonly spacing = 32,
  ) {
    let snapshot = initialSnapshot(machine);
    this.checkpoints.push(snapshot);
    entries.forEach((entry, index) => {
      snapshot = stateAfterEntry(machine, snapshot, entry, index);
      if ((index + 1) % spacing === 0) this.checkpoints.push(snapshot);
    });
  }

  /** How many positions there are: 0 (nothing done yet) to every event applied. */
  get length(): number {
    return this.entries.length + 1;
  }

  /** The state after the first `position` events (clamped to the attempt). */
  at(position: number): CallSnapshot {
    const target = Math.max(0, Math.min(this.entries.length, Math.floor(position)));
    const checkpoint = Math.floor(target / this.spacing);
    let snapshot = this.checkpoints[checkpoint] ?? initialSnapshot(this.machine);
    for (let index = checkpoint * this.spacing; index < target; index++) {
      const entry = this.entries[index];
      if (entry) snapshot = stateAfterEntry(this.machine, snapshot, entry, index);
    }
    return snapshot;
  }
}
