/*
 * The shape of a scenario's machine, walked with xstate/graph: which states can be reached at all, and
 * whether every reachable state can still end in the debrief (no dead ends for a trainee).
 */
import { getAdjacencyMap } from 'xstate/graph';
import type { CallMachine } from '../../machines/call-machine.ts';
import type { MachineEvent } from '../../machines/events.ts';
import type { ScenarioDefinition } from '../../machines/scenario-format.ts';
import { ADVICE, TOPICS } from '../../machines/vocabulary.ts';
import type { CallSnapshot } from '../engine/replay.ts';

/** One event of every kind the trainee or the clock can send, enough to reach every state. */
export function representativeEvents(scenario: ScenarioDefinition): MachineEvent[] {
  const check = scenario.checks[0];
  const unit = scenario.units?.[0];
  return [
    { type: 'trainee.start' },
    { type: 'trainee.answer' },
    { type: 'trainee.ask', topic: TOPICS[0] },
    { type: 'trainee.say', advice: ADVICE[0] },
    ...(check ? [{ type: 'trainee.check' as const, system: check.system, subject: check.subject }] : []),
    { type: 'trainee.code', code: 'domestic-abuse' },
    { type: 'trainee.grade', grade: 'immediate' },
    { type: 'trainee.log', text: 'log entry' },
    { type: 'trainee.endCall' },
    { type: 'trainee.callBack' },
    ...(unit ? [{ type: 'trainee.assign' as const, unit: unit.id }] : []),
    { type: 'trainee.radio', message: 'radio message' },
    { type: 'trainee.closeLog' },
    { type: 'trainee.continue' },
    { type: 'clock.skip', minutes: 1 },
  ];
}

/**
 * States are told apart by where the machine is, which phase it is in and which of the caller's
 * end-of-call prompts have been said (ending a call a second time, after a prompt, goes somewhere the
 * first attempt does not); not by everything else that was said.
 */
export function callStateSerializer(scenario: ScenarioDefinition): (snapshot: CallSnapshot) => string {
  const prompts = new Set(
    scenario.lines.filter((line) => line.trigger.on === 'end-call').map((line) => line.id),
  );
  return (snapshot) =>
    JSON.stringify([
      snapshot.value,
      snapshot.context.phaseIndex,
      snapshot.status,
      snapshot.context.transcript.filter((spoken) => prompts.has(spoken.line)).map((spoken) => spoken.line),
    ]);
}

export interface GraphReport {
  /** State node ids no event sequence reaches. */
  unreachable: string[];
  /** Reachable states from which no sequence of events leads to the debrief. */
  deadEnds: string[];
  /** Every distinct (state, phase) the walk visited. */
  visited: string[];
}

export function analyseGraph(scenario: ScenarioDefinition, machine: CallMachine): GraphReport {
  const serializeCallState = callStateSerializer(scenario);
  const adjacency = getAdjacencyMap(machine, {
    events: representativeEvents(scenario),
    serializeState: (snapshot) => serializeCallState(snapshot as CallSnapshot),
  });
  const visited = Object.keys(adjacency);
  const reachedNodes = new Set<string>();
  const finished = new Set<string>();
  const predecessors = new Map<string, Set<string>>();
  for (const [key, node] of Object.entries(adjacency)) {
    const snapshot = node.state as CallSnapshot;
    for (const stateNode of snapshot._nodes) reachedNodes.add(stateNode.id);
    if (snapshot.status === 'done') finished.add(key);
    const transitions = Object.values(node.transitions) as { state: CallSnapshot }[];
    for (const transition of transitions) {
      const target = serializeCallState(transition.state);
      if (!predecessors.has(target)) predecessors.set(target, new Set());
      predecessors.get(target)?.add(key);
    }
  }
  const canFinish = new Set(finished);
  const queue = [...finished];
  while (queue.length > 0) {
    const next = queue.pop();
    for (const previous of (next && predecessors.get(next)) || []) {
      if (!canFinish.has(previous)) {
        canFinish.add(previous);
        queue.push(previous);
      }
    }
  }
  // States for a kind of phase the scenario does not have (a desk in a scenario of calls) are not missed.
  const kinds = new Set(scenario.phases.map((p) => p.kind));
  const notNeeded = (id: string) =>
    (!kinds.has('dispatch') && id.endsWith('.call.desk')) ||
    (!kinds.has('call') && ['ringing', 'connected', 'wrapUp'].some((state) => id.endsWith(`.call.${state}`)));
  const allNodes = collectIds(machine.root).filter((id) => !notNeeded(id));
  return {
    unreachable: allNodes.filter((id) => !reachedNodes.has(id)),
    deadEnds: visited.filter((key) => !canFinish.has(key)),
    visited,
  };
}

function collectIds(node: CallMachine['root']): string[] {
  return [node.id, ...Object.values(node.states).flatMap((child) => collectIds(child))];
}
