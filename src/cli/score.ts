/*
 * npm run --silent score -- FILE
 * Scores an attempt file and prints one JSON object; each finding with its stable id and its words. A file that cannot be scored gets a one-line
 * reason on stderr and exit code 1.
 */
import { readFile } from 'node:fs/promises';
import { findScenario, loadScenarioVersion } from '../../scenarios/catalogue.ts';
import { parseAttempt } from '../engine/attempt.ts';
import { scoreAttempt } from '../scoring/score-attempt.ts';
import { renderFinding, sourceOf } from '../strings/findings.ts';

async function main(file: string | undefined): Promise<void> {
  if (!file) throw new Error('usage: npm run --silent score -- ATTEMPT.json');
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${file}: ${error.code ?? error.message}`);
  });
  const attempt = parseAttempt(text);
  if (!findScenario(attempt.scenario))
    throw new Error(`attempt.scenario: no scenario "${attempt.scenario}" in this build`);
  // Scored on the version it was played on: the current one, or an earlier one kept as released.
  const module = await loadScenarioVersion(attempt.scenario, attempt.scenarioVersion);
  if (!module)
    throw new Error(
      `attempt.scenarioVersion: this build has no version ${attempt.scenarioVersion} of ${attempt.scenario}`,
    );
  const report = scoreAttempt(module, attempt);
  const context = { scenario: module.definition, key: module.answerKey };
  const output = {
    scenario: report.scenario,
    scenarioVersion: report.scenarioVersion,
    total: report.total,
    band: report.band,
    ...(report.capped ? { capped: report.capped } : {}),
    dimensions: Object.fromEntries(
      Object.entries(report.dimensions).map(([dimension, { score, weight, unassessed }]) => [
        dimension,
        unassessed ? { notAssessed: unassessed, weight } : { score, weight },
      ]),
    ),
    findings: report.findings.map((finding) => ({
      id: finding.id,
      dimension: finding.dimension,
      severity: finding.severity,
      message: renderFinding(finding, context),
      source: sourceOf(finding.source),
    })),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  const file = process.argv[2] ?? 'score';
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${file}: ${message.replace(/\s+/g, ' ')}\n`);
  process.exitCode = 1;
});
