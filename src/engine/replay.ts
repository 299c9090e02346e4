/*
 * Replay: the state of an attempt at any point is its machine folded over its events, through XState's
 * pure `transition`, or, for a step that stays in its state, the machine's own reactions applied directly
 * (inPlace). Nothing is executed while replaying; the effects a step would cause are returned so a live
 * session can run them. The same events always give the same state.
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
import { reactionOf, type CallMachine } from '../../machines/call-machine.ts';
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
 * in its state leaves as they were. XState recomputes them all from the state nodes for every action that
 * assigns: that, and the bookkeeping of entering and leaving states, cost more than most steps' own work.
 */
function withContext(snapshot: CallSnapshot, context: CallSnapshot['context']): CallSnapshot {
  return { ...snapshot, context };
}

/**
 * The state after an event the chart takes without leaving its state, worked out without XState's
 * transition. XState still chooses the transition (its guards, and where in the chart the event is
 * taken); when that has no target and each of its actions is a reaction (machines/call-machine.ts), the
 * context is the reactions' updates applied in turn, as XState's assigns apply them, and the rest of the
 * snapshot stays as it was. Undefined when XState must take the step: a change of state; an event nothing
 * takes (XState hands the snapshot back unchanged, which is how a refusal is found); or, when the effects
 * are wanted, a step that plays or stops sound, since an effect carries the app's implementation and only
 * XState binds it. test/unit/replay.test.ts holds this to XState's own transition, step by step.
 */
function inPlace(
  machine: CallMachine,
  snapshot: CallSnapshot,
  event: MachineEvent,
  effectsWanted: boolean,
): CallSnapshot | undefined {
  const transitions = machine.getTransitionData(snapshot, event);
  const [transition] = transitions;
  if (transitions.length !== 1 || !transition || transition.target !== undefined) return undefined;
  let context = snapshot.context;
  for (const action of transition.actions) {
    const reaction = reactionOf(action);
    if (!reaction) return undefined;
    const { update, cues } = reaction(context, event);
    if (effectsWanted && cues.length > 0) return undefined;
    context = { ...context, ...update };
  }
  return withContext(snapshot, context);
}

function step(
  machine: CallMachine,
  snapshot: CallSnapshot,
  event: MachineEvent,
  effectsWanted: boolean,
): [CallSnapshot, Effect[]] {
  const stayed = inPlace(machine, snapshot, event, effectsWanted);
  return stayed ? [stayed, []] : stepperFor(machine)(snapshot, event);
}

function toMachineEvent(entry: AttemptEntry): MachineEvent {
  const { at, wall, ...event } = entry;
  if (event.type === 'clock.tick') return { type: 'clock.tick', at };
  return event;
}

function applyEntryWith(
  machine: CallMachine,
  snapshot: CallSnapshot,
  entry: AttemptEntry,
  index: number,
  effectsWanted: boolean,
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
    const [ticked, actions] = step(machine, current, { type: 'clock.tick', at: entry.at }, effectsWanted);
    current = ticked;
    effects.push(...actions);
  }
  if (entry.type === 'clock.tick') return { snapshot: current, effects };
  const [next, actions] = step(machine, current, toMachineEvent(entry), effectsWanted);
  // A snapshot handed back unchanged means no transition took the event.
  if (next === current) throw new ReplayError(`${label} cannot happen ${describeState(current)}`);
  return { snapshot: next, effects: [...effects, ...actions] };
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
  return applyEntryWith(machine, snapshot, entry, index, true);
}

/**
 * The state applyEntry gives, for a caller that runs no effects (replay, scrubbing): without effects to
 * return, a step that plays sound need not go through XState either.
 */
export function stateAfterEntry(
  machine: CallMachine,
  snapshot: CallSnapshot,
  entry: AttemptEntry,
  index: number,
): CallSnapshot {
  return applyEntryWith(machine, snapshot, entry, index, false).snapshot;
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
    if (entry) snapshot = stateAfterEntry(machine, snapshot, entry, index);
  }
  return snapshot;
}

/** Seconds on the phase clock at which the next timed line falls due, if the caller has one waiting. */
export function nextDueAt(snapshot: CallSnapshot): number | null {
  const times = snapshot.context.timers.map((timer) => timer.dueAt);
  return times.length === 0 ? null : Math.min(...times);
}
