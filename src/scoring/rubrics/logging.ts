import type { CallContext } from '../../../machines/call-machine.ts';
import type { ScenarioDefinition } from '../../../machines/scenario-format.ts';
import { inPhase } from '../../../machines/call-record.ts';
import { inIncident } from '../../../machines/incidents.ts';
import { containsQuote, matches, wordCount } from '../../../machines/text.ts';
import { makeFinding, standardSource, type FindingParamsByRule, type FindingSource } from '../findings.ts';
import type { DimensionResult, Finding, Rubric } from '../types.ts';

/** Points off the log for each question a colleague asked on it that was left unanswered. */
const UNANSWERED_PENALTY = 25;
/** Points off for each misleading phrase the key names ('no action required'). */
const MISLEADING_PENALTY = 25;
/** Of a fact that must be quoted: the share of its weight for recording it at all. */
const RECORDED_SHARE = 0.6;
export const DEFAULT_ONE_LINE_WORDS = 25;

/**
 * The incident log against the facts the trainee actually learned (from the caller or from checks):
 * each key fact recorded, exact words quoted where required, and no one-line log hiding the risk.
 * What the trainee never elicited in this call is not held against its log; eliciting is scored under NDM
 * and THRIVE.
 */
export const scoreLogging: Rubric = ({ scenario, key, call }): DimensionResult => {
  const { phase, source } = key.logging;
  const oneLineWords = key.logging.oneLineWords ?? DEFAULT_ONE_LINE_WORDS;
  const entries = inPhase(call.log, phase);
  const log = entries.map((entry) => entry.text).join('\n');
  const elicited = new Set(inPhase(call.disclosures, phase).map((d) => d.fact));
  const due = key.logging.facts.filter((fact) => elicited.has(fact.fact));
  const findings: Finding[] = [];
  const finding = <R extends keyof FindingParamsByRule>(
    rule: R,
    severity: Finding['severity'],
    params: FindingParamsByRule[R],
    from: FindingSource = source,
  ): Finding => makeFinding('logging', rule, severity, from, params);

  const misleading = (key.logging.ambiguous ?? []).filter((item) =>
    inIncident(scenario, call.log, phase).some((entry) => matches(item.matcher, entry.text)),
  );
  for (const item of misleading)
    findings.push(finding('log-misleading', item.severity, { phrase: item.id }, item.source));
  const unanswered = unansweredQuestions(scenario, call, phase);
  const penalty = Math.min(
    100,
    unanswered.length * UNANSWERED_PENALTY + misleading.length * MISLEADING_PENALTY,
  );
  if (unanswered.length > 0) {
    findings.push(
      finding('questions-unanswered', 'major', { lines: unanswered }, standardSource('questionsOnLog')),
    );
  }

  if (entries.length === 0) {
    return {
      score: 0,
      findings: [finding('log-empty', due.length > 0 ? 'major' : 'moderate', {}), ...findings],
    };
  }
  if (due.length === 0) return { score: 100 - penalty, findings };

  let earned = 0;
  let possible = 0;
  let missedAny = false;
  for (const fact of due) {
    possible += fact.weight;
    const recorded = matches(fact.matcher, log);
    const about = { fact: fact.fact };
    if (!recorded) {
      missedAny = true;
      findings.push(finding('log-fact-missing', fact.severity, about, fact.source));
    }
    if (fact.quote === undefined) {
      if (recorded) earned += fact.weight;
      continue;
    }
    if (recorded) earned += fact.weight * RECORDED_SHARE;
    if (containsQuote(log, fact.quote)) {
      earned += fact.weight * (1 - RECORDED_SHARE);
      findings.push(finding('quote-recorded', 'good-practice', about, fact.source));
    } else {
      missedAny = true;
      findings.push(finding('quote-missing', 'moderate', about, fact.source));
    }
  }
  const words = wordCount(log);
  if (missedAny && words < oneLineWords) findings.push(finding('one-line-log', 'major', { words }));
  if (!missedAny) findings.push(finding('log-complete', 'good-practice', {}));
  return { score: Math.max(0, Math.round((earned / possible) * 100) - penalty), findings };
};

/** The lines of questions colleagues wrote on this call's log that had no answer when the log was closed. */
function unansweredQuestions(scenario: ScenarioDefinition, call: CallContext, phase: string): string[] {
  const closedAt = call.progress.find((p) => p.phase === phase)?.logClosedAt ?? Infinity;
  const asked = inPhase(call.transcript, phase).filter(
    (spoken) => scenario.lines.find((line) => line.id === spoken.line)?.question,
  );
  return asked
    .filter((spoken) => !inPhase(call.replies, phase).some((r) => r.line === spoken.line && r.at <= closedAt))
    .map((spoken) => spoken.line);
}
