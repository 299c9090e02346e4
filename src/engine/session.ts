/*
 * A live attempt: the event log being written as the trainee plays. Each event is stamped with its
 * time on the phase clock, checked against the machine, written to the attempt log (storage), and only
 * then applied and its effects (sound, completion) run: a reload at any moment resumes from the log.
 * Resuming replays the stored events without running their effects, so nothing is heard twice.
 *
 * The phase clock runs with real time while a call is in progress and stands still elsewhere (the
 * briefing, between calls, the debrief). A call does not wait for the page: time it was closed or
 * reloaded during a call counts in full, from the wall time of the last event stored, so a reload neither
 * gives nor takes call time. Lines the caller says after a pause are driven by a timer that sends a
 * logged `clock.tick` at the moment they fall due, and those that fell due while the page was closed are
 * said as soon as it opens, stamped with when they fell due.
 *
 * A write the log refuses (a full disk, storage taken away) changes nothing and is kept as the session's
 * write failure until a write succeeds, so the screen can say what was not saved. A caller's line that
 * could not be stored is tried again every few seconds, so the call goes on once storage works again.
 */
import type { AttemptEvent } from '../../machines/events.ts';
import type { CallMachine } from '../../machines/call-machine.ts';
import type { AttemptEntry } from './attempt.ts';
import { applyEntry, nextDueAt, replay, type CallSnapshot } from './replay.ts';

/**
 * Where events are kept; the promise settles once the event is stored. `after` is the call as the event
 * leaves it, so what follows from the event is stored in the same write: the event that reaches the
 * debrief finishes the attempt, and no reload can fall between the two.
 */
export interface AttemptLog {
  append(entry: AttemptEntry, index: number, after: CallSnapshot): Promise<void>;
}

/** Real time, injectable so tests can drive it. */
export interface Clock {
  nowMs(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** A write the log refused: the event that was not stored, and the error it was refused with. */
export interface WriteFailure {
  event: AttemptEvent;
  error: unknown;
}

/** How long a refused caller's line waits before it is tried again. */
export const WRITE_RETRY_MS = 3000;

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class CallSession {
  private snapshot: CallSnapshot;
  private readonly entries: AttemptEntry[];
  private readonly listeners = new Set<() => void>();
  /**
   * Where the phase clock is pinned to real time: at `wallMs` it read `phase` seconds. Moved to each
   * event's own time (not to when storing it finished), so slow storage never loses clock time.
   */
  private anchor: { phase: number; wallMs: number };
  private pending: Promise<void> = Promise.resolve();
  private timer: unknown = null;
  private closed = false;
  private failure: WriteFailure | null = null;

  /**
   * Seconds of call time that passed while the page was closed, counted when the session was resumed
   * (0 for a new attempt, or one resumed outside a call).
   */
  readonly secondsAway: number;

  /**
   * `machine` is the scenario machine with the app's effects provided. `notBefore` (ISO) is when the
   * attempt came to be: a what-if's copied events carry the original's wall times, and the time before
   * the what-if was made is not its call's.
   */
  constructor(
    private readonly machine: CallMachine,
    stored: readonly AttemptEntry[],
    private readonly log: AttemptLog,
    private readonly clock: Clock = systemClock,
    notBefore?: string,
  ) {
    this.entries = [...stored];
    this.snapshot = replay(machine, this.entries);
    const nowMs = clock.nowMs();
    // Without the last event's wall time (an attempt file written by hand) there is nothing to count from.
    const lastWall = Date.parse(this.entries.at(-1)?.wall ?? '');
    const since = notBefore === undefined ? lastWall : Math.max(lastWall, Date.parse(notBefore));
    const counted = this.clockRunning() && Number.isFinite(since) && since <= nowMs;
    this.anchor = { phase: this.snapshot.context.now, wallMs: counted ? since : nowMs };
    this.secondsAway = (nowMs - this.anchor.wallMs) / 1000;
    this.scheduleTick();
  }

  readonly getSnapshot = (): CallSnapshot => this.snapshot;

  /** The last write the log refused, until one succeeds. */
  readonly getWriteFailure = (): WriteFailure | null => this.failure;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get events(): readonly AttemptEntry[] {
    return this.entries;
  }

  /** Whether the phase clock is running: only while a call is ringing, connected or being wrapped up. */
  clockRunning(): boolean {
    return (
      this.snapshot.status === 'active' &&
      this.snapshot.matches('call') &&
      !this.snapshot.matches({ call: 'closed' })
    );
  }

  /** Seconds on the current phase's clock, now. */
  phaseTime(): number {
    if (!this.clockRunning()) return this.snapshot.context.now;
    return this.anchor.phase + (this.clock.nowMs() - this.anchor.wallMs) / 1000;
  }

  /**
   * Records and applies an event; rejects (and stores nothing) if it cannot happen now. It is stamped
   * with when it was sent, not when the events before it have finished storing: a click made while the
   * disk is slow happened when it was made.
   */
  send(event: AttemptEvent): Promise<void> {
    const sentAt = Math.round(this.phaseTime());
    return this.enqueue(() => Math.max(this.snapshot.context.now, sentAt), event);
  }

  /** Stops timers; the session can no longer be used. */
  close(): void {
    this.closed = true;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private enqueue(timeOf: () => number, event: AttemptEvent): Promise<void> {
    const run = this.pending.then(async () => {
      if (this.closed) return;
      const index = this.entries.length;
      const at = timeOf();
      const atWallMs = this.clockRunning()
        ? this.anchor.wallMs + (at - this.anchor.phase) * 1000
        : this.clock.nowMs();
      const entry = { ...event, at, wall: new Date(atWallMs).toISOString() } as AttemptEntry;
      const { snapshot, effects } = applyEntry(this.machine, this.snapshot, entry, index);
      try {
        await this.log.append(entry, index, snapshot);
      } catch (error) {
        this.failure = { event, error };
        this.notify();
        throw error;
      }
      this.failure = null;
      this.entries.push(entry);
      this.snapshot = snapshot;
      this.anchor = { phase: snapshot.context.now, wallMs: atWallMs };
      for (const effect of effects) effect.exec?.(effect.info, effect.params);
      this.scheduleTick();
      this.notify();
    });
    this.pending = run.catch(() => {});
    return run;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private scheduleTick(): void {
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    const due = this.snapshot.status === 'active' ? nextDueAt(this.snapshot) : null;
    if (due === null || this.closed) return;
    const delayMs = Math.max(0, (due - this.phaseTime()) * 1000);
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.enqueue(() => Math.max(this.snapshot.context.now, due), { type: 'clock.tick' }).catch(() =>
        this.retryTick(),
      );
    }, delayMs);
  }

  /** A refused tick is tried again later, unless a trainee's event has rescheduled it meanwhile. */
  private retryTick(): void {
    if (this.closed || this.timer !== null) return;
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.scheduleTick();
    }, WRITE_RETRY_MS);
  }
}
