import { RISK_LEVELS, THRIVE_ELEMENTS } from '../../../machines/vocabulary.ts';
import { currentThrive, inPhase, latest, learnedBy } from '../../../machines/call-record.ts';
import { earlier, inIncident } from '../../../machines/incidents.ts';
import { matches, wordCount } from '../../../machines/text.ts';
import { makeFinding, standardSource, type FindingParamsByRule, type FindingSource } from '../findings.ts';
import type { DimensionResult, Finding, Rubric } from '../types.ts';

const ELEMENTS_POINTS = 70;
const RISK_POINTS = 20;
const REASSESSMENT_POINTS = 10;
/** Within each element: a rationale at all, one long enough to explain, and the key factors named. */
const PRESENT_SHARE = 0.3;
const SUBSTANCE_SHARE = 0.2;
const FACTORS_SHARE = 0.5;
export const DEFAULT_MINIMUM_WORDS = 5;

/**
 * The six THRIVE rationales (present, more than a word or two, naming the scenario's key risk
 * factors), the overall risk level, and re-assessment when new information arrived afterwards.
 */
export const scoreThrive: Rubric = ({ scenario, key, call }): DimensionResult => {
  const { phase, riskLevel, elements, source } = key.thrive;
  const minimumWords = key.thrive.minimumWords ?? DEFAULT_MINIMUM_WORDS;
  const findings: Finding[] = [];
  const finding: ThriveFinding = (rule, severity, params, from = source) =>
    makeFinding('thrive', rule, severity, from, params);
  const thrive = currentThrive(call, phase);

  let points = 0;
  const missing: ThriveElement[] = [];
  const tooShort: ThriveElement[] = [];
  let allFactorsNamed = true;
  for (const element of THRIVE_ELEMENTS) {
    const share = ELEMENTS_POINTS / THRIVE_ELEMENTS.length;
    const entry = thrive.get(element);
    if (!entry) {
      missing.push(element);
      allFactorsNamed = false;
      continue;
    }
    points += share * PRESENT_SHARE;
    if (wordCount(entry.rationale) >= minimumWords) points += share * SUBSTANCE_SHARE;
    else tooShort.push(element);
    const factors = elements[element].keyFactors;
    const named = factors.filter((factor) => matches(factor.matcher, entry.rationale));
    // Credit only for what the trainee had learned by the time they wrote it.
    const unlearned = named.filter(
      (factor) => factor.facts && !factor.facts.some((fact) => learnedBy(call, fact, entry)),
    );
    const missed = factors.filter((factor) => !named.includes(factor) || unlearned.includes(factor));
    points += share * FACTORS_SHARE * ((factors.length - missed.length) / factors.length);
    if (unlearned.length > 0) {
      findings.push(
        finding(
          'thrive-factors-not-learned',
          'moderate',
          { element, factors: unlearned.map((f) => f.id) },
          standardSource('unlearnedFact'),
        ),
      );
    }
    if (missed.length > 0) {
      allFactorsNamed = false;
      findings.push(finding('thrive-factors-missed', 'minor', { element, factors: missed.map((f) => f.id) }));
    }
  }
  if (missing.length > 0) {
    const severity = missing.length === THRIVE_ELEMENTS.length ? 'major' : 'moderate';
    findings.push(finding('thrive-missing', severity, { elements: missing }));
  }
  if (tooShort.length > 0) {
    findings.push(
      finding(
        'thrive-too-short',
        'moderate',
        { elements: tooShort, words: minimumWords },
        standardSource('thriveRationale'),
      ),
    );
  }
  if (allFactorsNamed && tooShort.length === 0)
    findings.push(finding('thrive-complete', 'good-practice', {}));

  const risk = latest(inPhase(call.risks, phase));
  if (!risk) {
    findings.push(finding('risk-missing', 'major', { expected: riskLevel }));
  } else if (risk.level === riskLevel) {
    points += RISK_POINTS;
  } else if (RISK_LEVELS.indexOf(risk.level) < RISK_LEVELS.indexOf(riskLevel)) {
    findings.push(finding('risk-low', 'major', { level: risk.level, expected: riskLevel }));
  } else {
    points += RISK_POINTS / 2;
    findings.push(finding('risk-high', 'minor', { level: risk.level, expected: riskLevel }));
  }

  points += scoreReassessment(scenario, key, call, findings, finding);
  return { score: Math.round(points), findings };
};

/** New information after the first assessment needs a later THRIVE or risk entry to account for it. */
function scoreReassessment(
  scenario: RubricArgs['scenario'],
  key: RubricArgs['key'],
  call: RubricArgs['call'],
  findings: Finding[],
  finding: ThriveFinding,
): number {
  // Across every call about the incident: news on an update call needs an assessment after it.
  const { phase } = key.thrive;
  const order = earlier(scenario);
  const assessments = [
    ...inIncident(scenario, call.thrive, phase),
    ...inIncident(scenario, call.risks, phase),
  ].sort(order);
  const firstAssessment = assessments[0];
  const lastAssessment = assessments.at(-1);
  if (!firstAssessment || !lastAssessment) return 0;
  const watched = new Set(key.thrive.reassessAfter ?? []);
  const arrivedLater = inIncident(scenario, call.disclosures, phase).filter(
    (d) => watched.has(d.fact) && order(d, firstAssessment) > 0,
  );
  if (arrivedLater.length === 0) return REASSESSMENT_POINTS;
  const unaccounted = arrivedLater.filter((d) => order(d, lastAssessment) > 0);
  if (unaccounted.length === 0) {
    findings.push(finding('reassessed', 'good-practice', {}));
    return REASSESSMENT_POINTS;
  }
  findings.push(finding('not-reassessed', 'moderate', { facts: unaccounted.map((d) => d.fact) }));
  return 0;
}

type RubricArgs = Parameters<Rubric>[0];
type ThriveElement = (typeof THRIVE_ELEMENTS)[number];
type ThriveFinding = <R extends keyof FindingParamsByRule>(
  rule: R,
  severity: Finding['severity'],
  params: FindingParamsByRule[R],
  from?: FindingSource,
) => Finding;
