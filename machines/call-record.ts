/*
 * Questions asked of a call's record: what happened in a phase, and when a requirement was met. The
 * scoring rubrics ask them of a replayed call; the machine asks them too, for check results that depend
 * on what the trainee did earlier (a call logged last week is found by this week's search).
 */
import type { CallContext, Stamp } from './call-context.ts';
import type { Matcher, Requirement } from './scenario-format.ts';
import { matches } from './text.ts';
import { THRIVE_ELEMENTS, assertNever } from './vocabulary.ts';

export function inPhase<T extends Stamp>(items: readonly T[], phase: string): T[] {
  return items.filter((item) => item.phase === phase);
}

export function latest<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

/** Whether a fact had been learned by this moment: on an earlier call, or earlier on this one. */
export function learnedBy(call: CallContext, fact: string, moment: Stamp): boolean {
  const order = (phase: string) => call.progress.findIndex((p) => p.phase === phase);
  const now = order(moment.phase);
  return call.disclosures.some(
    (d) => d.fact === fact && (order(d.phase) < now || (d.phase === moment.phase && d.at <= moment.at)),
  );
}

/** A message counts only if it passes on something learned by then (when the key names what it is about). */
export function passesOnLearned(
  call: CallContext,
  about: readonly string[] | undefined,
  message: Stamp,
): boolean {
  return !about || about.some((fact) => learnedBy(call, fact, message));
}

/** Whether the line said at this moment was heard to the end (not cut short). */
export function heardInFull(call: CallContext, line: string, phase: string, from: number): boolean {
  return call.transcript.some(
    (s) => s.line === line && s.phase === phase && s.at >= from && s.cutAt === undefined,
  );
}

export function answeredAt(call: CallContext, phase: string): number | null {
  return call.progress.find((p) => p.phase === phase)?.answeredAt ?? null;
}

/** The latest rationale for each THRIVE element in a phase. */
export function currentThrive(call: CallContext, phase: string): Map<string, CallContext['thrive'][number]> {
  return latestRationales(inPhase(call.thrive, phase));
}

/** The latest rationale for each THRIVE element among these entries, taken in the order given. */
export function latestRationales<T extends CallContext['thrive'][number]>(
  entries: readonly T[],
): Map<string, T> {
  const current = new Map<string, T>();
  for (const entry of entries) {
    if (entry.rationale !== '') current.set(entry.element, entry);
    else current.delete(entry.element);
  }
  return current;
}

/** The time on the phase clock at which a requirement was first met, or null if it never was. */
export function whenMet(call: CallContext, phase: string, requirement: Requirement): number | null {
  const first = (items: readonly Stamp[]) => inPhase(items, phase)[0]?.at ?? null;
  switch (requirement.kind) {
    case 'asked':
      // Asked, and the answer heard: a question talked over, or never got to, taught nothing.
      return first(
        call.questions.filter(
          (q) =>
            q.topic === requirement.topic && (q.reply === null || heardInFull(call, q.reply, q.phase, q.at)),
        ),
      );
    case 'advised':
      return first(call.advice.filter((a) => a.advice === requirement.advice));
    case 'checked':
      return first(
        call.checks.filter((c) => c.system === requirement.system && c.subject === requirement.subject),
      );
    case 'sop-opened': {
      const code = requirement.code ?? inPhase(call.codes, phase).at(-1)?.code;
      return code === undefined ? null : first(call.sops.filter((s) => s.code === code));
    }
    case 'escalated':
    case 'contacted':
    case 'called-back':
    case 'radioed':
      return first(
        messagesFor(call, requirement).filter(
          (m) => says(requirement, m.text) && passesOnLearned(call, requirement.about, m),
        ),
      );
    case 'linked':
      return first(call.links.filter((l) => l.incident === requirement.incident));
    case 'logged':
      return first(call.log);
    case 'coded':
      return first(call.codes.filter((c) => c.code === requirement.code));
    case 'graded':
      return first(call.grades.filter((g) => !requirement.grade || g.grade === requirement.grade));
    case 'assigned':
      return first(call.assignments.filter((a) => !requirement.unit || a.unit === requirement.unit));
    case 'assessed': {
      const times = [...inPhase(call.thrive, phase), ...inPhase(call.risks, phase)].map((entry) => entry.at);
      return times.length === 0 ? null : Math.min(...times);
    }
    case 'heard':
      return first(call.transcript.filter((s) => s.line === requirement.line));
    case 'answered':
      return first(call.replies.filter((r) => r.line === requirement.line));
    case 'not-cut-off': {
      const ended = call.progress.find((p) => p.phase === phase)?.callEndedAt ?? null;
      return ended !== null && inPhase(call.cutOffs, phase).length === 0 ? ended : null;
    }
    case 'not-prompted': {
      const ended = call.progress.find((p) => p.phase === phase)?.callEndedAt ?? null;
      const prompted = inPhase(call.transcript, phase).some((s) => s.line === requirement.line);
      return ended !== null && !prompted ? ended : null;
    }
    case 'any-of': {
      const times = requirement.of
        .map((alternative) => whenMet(call, phase, alternative))
        .filter((at) => at !== null);
      return times.length === 0 ? null : Math.min(...times);
    }
    case 'thrive-before-grade': {
      const completedAt = thriveCompletedAt(call, phase);
      const gradedAt = first(call.grades);
      if (completedAt === null) return null;
      if (gradedAt === null) return completedAt;
      return completedAt <= gradedAt ? completedAt : null;
    }
    default:
      return assertNever(requirement);
  }
}

type MessageRequirement = Extract<
  Requirement,
  { kind: 'escalated' | 'contacted' | 'called-back' | 'radioed' }
>;

/** The messages a requirement on messages looks at, each with what it said. */
export function messagesFor(
  call: CallContext,
  requirement: MessageRequirement,
): (Stamp & { text: string })[] {
  switch (requirement.kind) {
    case 'escalated':
      return call.escalations.filter((e) => e.to === requirement.to).map((e) => ({ ...e, text: e.reason }));
    case 'contacted':
      return call.contacts
        .filter((c) => c.agency === requirement.agency)
        .map((c) => ({ ...c, text: c.message }));
    case 'called-back':
      return call.callBacks.map((c) => ({ ...c, text: c.reason }));
    case 'radioed':
      return call.radio.map((r) => ({ ...r, text: r.message }));
    default:
      return assertNever(requirement);
  }
}

/** A message says what the requirement asks it to carry (anything does, if it names nothing). */
export function says(requirement: { saying?: Matcher | undefined }, message: string): boolean {
  return !requirement.saying || matches(requirement.saying, message);
}

/** When every THRIVE element first had a rationale in the phase. */
export function thriveCompletedAt(call: CallContext, phase: string): number | null {
  const firstAt = new Map<string, number>();
  for (const entry of inPhase(call.thrive, phase)) {
    if (entry.rationale !== '' && !firstAt.has(entry.element)) firstAt.set(entry.element, entry.at);
  }
  if (THRIVE_ELEMENTS.some((element) => !firstAt.has(element))) return null;
  return Math.max(...firstAt.values());
}
