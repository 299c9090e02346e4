import type { CallContext } from '../../../machines/call-machine.ts';
import type { ScenarioDefinition } from '../../../machines/scenario-format.ts';
import { strings } from '../../strings/en-gb.ts';
import { inPhase } from '../../../machines/call-record.ts';
import { inIncident } from '../../../machines/incidents.ts';
import { containsQuote, matches, wordCount } from '../../../machines/text.ts';
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
  const finding = (severity: Finding['severity'], message: string, from = source): Finding => ({
    dimension: 'logging',
    severity,
    message,
    source: from,
  });

  const misleading = (key.logging.ambiguous ?? []).filter((item) =>
    inIncident(scenario, call.log, phase).some((entry) => matches(item.matcher, entry.text)),
  );
  for (const item of misleading) findings.push(finding(item.severity, item.message, item.source));
  const unanswered = unansweredQuestions(scenario, call, phase);
  const penalty = Math.min(
    100,
    unanswered.length * UNANSWERED_PENALTY + misleading.length * MISLEADING_PENALTY,
  );
  if (unanswered.length > 0) {
    findings.push(
      finding(
        'major',
        strings.scoring.questionsUnanswered(unanswered.map((line) => `"${line}"`).join(' ')),
        strings.sources.questionsOnLog,
      ),
    );
  }

  if (entries.length === 0) {
    return {
      score: 0,
      findings: [finding(due.length > 0 ? 'major' : 'moderate', strings.scoring.logEmpty), ...findings],
    };
  }
  if (due.length === 0) return { score: 100 - penalty, findings };

  let earned = 0;
  let possible = 0;
  let missedAny = false;
  for (const fact of due) {
    possible += fact.weight;
    const recorded = matches(fact.matcher, log);
    const summary = scenario.facts.find((f) => f.id === fact.fact)?.summary ?? fact.fact;
    if (!recorded) {
      missedAny = true;
      findings.push(finding(fact.severity, strings.scoring.logFactMissing(summary, fact.why), fact.source));
    }
    if (fact.quote === undefined) {
      if (recorded) earned += fact.weight;
      continue;
    }
    if (recorded) earned += fact.weight * RECORDED_SHARE;
    if (containsQuote(log, fact.quote)) {
      earned += fact.weight * (1 - RECORDED_SHARE);
      findings.push(finding('good-practice', strings.scoring.quoteRecorded(fact.quote), fact.source));
    } else {
      missedAny = true;
      findings.push(finding('moderate', strings.scoring.quoteMissing(fact.quote), fact.source));
    }
  }
  const words = wordCount(log);
  if (missedAny && words < oneLineWords) findings.push(finding('major', strings.scoring.oneLineLog(words)));
  if (!missedAny) findings.push(finding('good-practice', strings.scoring.logComplete));
  return { score: Math.max(0, Math.round((earned / possible) * 100) - penalty), findings };
};

/** Questions colleagues wrote on this call's log that had no answer when the log was closed. */
function unansweredQuestions(scenario: ScenarioDefinition, call: CallContext, phase: string): string[] {
  const closedAt = call.progress.find((p) => p.phase === phase)?.logClosedAt ?? Infinity;
  const asked = inPhase(call.transcript, phase).filter(
    (spoken) => scenario.lines.find((line) => line.id === spoken.line)?.question,
  );
  return asked
    .filter((spoken) => !inPhase(call.replies, phase).some((r) => r.line === spoken.line && r.at <= closedAt))
    .map((spoken) => scenario.lines.find((line) => line.id === spoken.line)?.text ?? spoken.line);
}
