import type { CallContext } from '../../machines/call-machine.ts';
import type { EscalationTarget, Grade, OpeningCode, RiskLevel } from '../../machines/vocabulary.ts';
import { currentThrive } from '../../machines/call-record.ts';
import { wordCount } from '../../machines/text.ts';

/** The key decisions of a call, for setting one call beside another in the debrief. */
export interface CallSummary {
  code: OpeningCode | null;
  grade: Grade | null;
  risk: RiskLevel | null;
  questions: number;
  checks: number;
  thriveElements: number;
  logWords: number;
  escalations: EscalationTarget[];
}

export function summariseCall(call: CallContext, phase: string): CallSummary {
  const inPhase = <T extends { phase: string }>(items: readonly T[]) =>
    items.filter((item) => item.phase === phase);
  return {
    code: inPhase(call.codes).at(-1)?.code ?? null,
    grade: inPhase(call.grades).at(-1)?.grade ?? null,
    risk: inPhase(call.risks).at(-1)?.level ?? null,
    questions: new Set(inPhase(call.questions).map((q) => q.topic)).size,
    checks: new Set(inPhase(call.checks).map((c) => `${c.system}|${c.subject}`)).size,
    thriveElements: currentThrive(call, phase).size,
    logWords: wordCount(
      inPhase(call.log)
        .map((entry) => entry.text)
        .join(' '),
    ),
    escalations: [...new Set(inPhase(call.escalations).map((e) => e.to))],
  };
}
