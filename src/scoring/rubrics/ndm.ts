import type { CallContext } from '../../../machines/call-machine.ts';
import { inPhase, whenMet } from '../../../machines/call-record.ts';
import type { AnswerKey } from '../../../machines/scenario-format.ts';
import { makeFinding, standardSource } from '../findings.ts';
import type { Finding, Rubric } from '../types.ts';
import { tallyExpectations } from './expectations.ts';

/** Points off the NDM mark for each time the trainee talked over the caller, up to a limit. */
export const INTERRUPTION_PENALTY = 4;
const MOST_INTERRUPTION_PENALTY = 40;

/**
 * The National Decision Model, as the behaviours the answer key maps to each of its elements; less the
 * weight of any advice wrong for the call, and points for talking over the caller.
 */
export const scoreNdm: Rubric = ({ key, call, unassessed }) => {
  const tally = tallyExpectations('ndm', key.ndm.expectations, call, unassessed);
  const harmful = harmfulAdviceGiven(key, call);
  const talkedOver = call.interruptions.length;
  const findings = [...tally.findings, ...harmful.findings];
  if (talkedOver > 0) {
    const severity = talkedOver >= 6 ? 'major' : talkedOver >= 3 ? 'moderate' : 'minor';
    findings.push(
      makeFinding('ndm', 'talked-over', severity, standardSource('talkingOver'), { times: talkedOver }),
    );
  }
  const ratio = tally.possible === 0 ? 1 : Math.max(0, tally.earned - harmful.weight) / tally.possible;
  const penalty = Math.min(MOST_INTERRUPTION_PENALTY, talkedOver * INTERRUPTION_PENALTY);
  return {
    score: Math.max(0, Math.round(ratio * 100) - penalty),
    findings,
    ...(tally.capsBand ? { capsBand: tally.capsBand } : {}),
  };
};

/** Advice the key names as wrong for this call, each counted once, unless what excuses it came first. */
function harmfulAdviceGiven(key: AnswerKey, call: CallContext): { weight: number; findings: Finding[] } {
  let weight = 0;
  const findings: Finding[] = [];
  for (const entry of key.ndm.harmful ?? []) {
    const given = inPhase(call.advice, entry.phase).find((a) => a.advice === entry.advice);
    if (!given) continue;
    const excusedAt = entry.unless ? whenMet(call, entry.phase, entry.unless) : null;
    if (excusedAt !== null && excusedAt <= given.at) continue;
    weight += entry.weight;
    findings.push(makeFinding('ndm', 'harmful-advice', entry.severity, entry.source, { harmful: entry.id }));
  }
  return { weight, findings };
}
