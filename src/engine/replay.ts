/*
 * Replay: the state of an attempt at any point is its machine folded over its events, through XState's
 * pure `transition`. Nothing is executed while replaying; the effects a step would cause are returned so
 * a live session can run them. The same events always give the same state.
 */
import {
  createActor,
  initialTransition,
  type ActorScope,
  type EventFromLogic,
  type ExecutableActionsFrom,
  type SnapshotFrom,
} from 'xstate';
import type { MachineEvent } from '../../machines/events.ts';
import type { CallMachine } from '../../machines/call-machine.ts';
import type { AttemptEntry } from './attempt.ts';

export type CallSnapshot = SnapshotFrom<CallMachine>;
export type Effect = ExecutableActionsFrom<CallMachine>;

export class ReplayError extends Error {
  override name = 'ReplayError';
}

type Step = (snapshot: CallSnapshot, event: MachineEvent) => [CallSnapshot, Effect[]];

const steppers = new WeakMap<CallMachine, Step>();

/**
 * XState's pure `transition`, without its cost: `transition()` builds a fresh inert actor (and with it
 * the machine's initial state) on every call, which made replay five times slower than it need be.
 * Our machines spawn no children, so one inert actor scope per machine serves every step. Effects are
 * collected, never executed, exactly as `transition()` does.
 */
function stepperFor(machine: CallMachine): Step {
  let step = steppers.get(machine);
  if (step) return step;
  const self = createActor(machine);
  let collected: Effect[] = [];
  const scope: ActorScope<CallSnapshot, EventFromLogic<CallMachine>> = {
    self,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    system: self.system,
    actionExecutor: (action) => {
      collected.push(action as Effect);
    },
  };
  step = (snapshot, event) => {
    collected = [];
    const next = machine.transition(snapshot, event, scope);
    return [next, collected];
  };
  steppers.set(machine, step);
  return step;
}

export function initialSnapshot(machine: CallMachine): CallSnapshot {
  return initialTransition(machine)[0];
}

/** Where the call is, in words, for error messages a trainer can act on. */
export function describeState(snapshot: CallSnapshot): string {
  if (snapshot.matches('briefing')) return 'before the scenario has started (send trainee.start first)';
  if (snapshot.matches({ call: 'ringing' })) return 'while the phone is still ringing (answer it first)';
  if (snapshot.matches({ call: 'connected' })) return 'during the call';
  if (snapshot.matches({ call: 'wrapUp' })) return 'after the call has ended';
  if (snapshot.matches({ call: 'closed' })) return 'after the log was closed (send trainee.continue)';
  return 'after the attempt has finished';
}

/**
 * The same state with another context. A snapshot is plain data (XState builds it as an object literal,
 * its methods among its fields), so a copy shares its state nodes, value and tags, which a step that stays
 * in its state leaves as they were. `machine.resolveState` recomputes them all from the state value: that
 * cost more than the rest of a tick, and made most of its garbage.
 */
function withContext(snapshot: CallSnapshot, context: CallSnapshot['context']): CallSnapshot {
  return { ...snapshot, context };
}

/**
 * The clock moved to `at` (later than now), as a `clock.tick` moves it. When no timed line falls due by
 * then, all a tick does in a call is move the clock (the chart's 'advanceClock'; before the call it does
 * nothing), so that state is resolved directly instead of through a transition: in a long attempt a tick
 * precedes nearly every event and cost nearly as much as the event. test/unit/replay.test.ts holds this to
 * XState's own transition, step by step, on every scenario's attempts.
 */
function tickTo(machine: CallMachine, snapshot: CallSnapshot, at: number): [CallSnapshot, Effect[]] {
  const nothingFallsDue = snapshot.context.timers.every((timer) => timer.dueAt > at);
  if (nothingFallsDue && snapshot.matches('call')) {
    return [withContext(snapshot, { ...snapshot.context, now: at }), []];
  }
  return stepperFor(machine)(snapshot, { type: 'clock.tick', at });
}

function toMachineEvent(entry: AttemptEntry): MachineEvent {
  const { at, wall, ...event } = entry;
  if (event.type === 'clock.tick') return { type: 'clock.tick', at };
  return event;
}

/**
 * Applies one attempt entry: first the clock moves to the entry's time (speaking any lines that fall
 * due), then the event itself. Throws a ReplayError naming the entry if it cannot happen.
 */
export function applyEntry(
  machine: CallMachine,
  snapshot: CallSnapshot,
  entry: AttemptEntry,
  index: number,
): { snapshot: CallSnapshot; effects: Effect[] } {
  const label = `events[${index}] (${entry.type})`;
  if (snapshot.status !== 'active') throw new ReplayError(`${label} comes after the attempt has finished`);
  const now = snapshot.context.now;
  if (entry.at < now) {
    throw new ReplayError(
      `${label} at ${entry.at} s is earlier than the phase clock (${now} s): times must not go backwards within a phase`,
    );
  }
  let current: CallSnapshot = snapshot;
  const effects: Effect[] = [];
  if (entry.at > now) {
    const [ticked, actions] = tickTo(machine, current, entry.at);
    current = ticked;
    effects.push(...actions);
  }
  if (entry.type === 'clock.tick') return { snapshot: current, effects };
  const [next, actions] = stepperFor(machine)(current, toMachineEvent(entry));
  // A snapshot handed back unchanged means no transition took the event.
  if (next === current) throw new ReplayError(`${label} cannot happen ${describeState(current)}`);
  return { snapshot: next, effects: [...effects, ...actions] };
}

/** The state after the given entries, optionally continuing from a checkpoint part-way along them. */
export function replay(
  machine: CallMachine,
  entries: readonly AttemptEntry[],
  from: { snapshot: CallSnapshot; index: number } = { snapshot: initialSnapshot(machine), index: 0 },
): CallSnapshot {
  let snapshot = from.snapshot;
  for (let index = from.index; index < entries.length; index++) {
    const entry = entries[index];
    if (entry) snapshot = applyEntry(machine, snapshot, entry, index).snapshot;
  }
  return snapshot;
}

/** Seconds on the phase clock at which the next timed line falls due, if the caller has one waiting. */
export function nextDueAt(snapshot: CallSnapshot): number | null {
  const times = snapshot.context.timers.map((timer) => timer.dueAt);
  return times.length === 0 ? null : Math.min(...times);
}
