/*
 * What a trainee's report shows, loaded: every finished attempt this build can replay, scored and
 * moderated; those it cannot, with why; and the real case behind each scenario attempted.
 */
import { findScenario, loadScenarioVersion } from '../../scenarios/catalogue.ts';
import type { ScenarioContent, ScenarioMeta } from '../../scenarios/scenario-module.ts';
import type { AttemptEntry } from '../engine/attempt.ts';
import type { AttemptRecord } from '../records/tables.ts';
import { scoreEvents } from '../scoring/score-attempt.ts';
import type { AttemptStore } from '../storage/attempt-store.ts';
import { strings } from '../strings/en-gb.ts';
import type { FindingContext } from '../strings/findings.ts';
import { moderateReport, type ModeratedReport } from '../supervision/moderation.ts';

const p = strings.ui.report;

export interface ReportData {
  name: string;
  /** `assisted`: played with the question and advice menu on. */
  attempts: {
    record: AttemptRecord;
    title: string;
    report: ModeratedReport;
    assisted: boolean;
    context: FindingContext;
  }[];
  /** Finished attempts this build cannot replay; listed with the marks kept when they finished. */
  notReplayable: { record: AttemptRecord; title: string; why: string }[];
  cases: { meta: ScenarioMeta; content: ScenarioContent }[];
}

const startedAssisted = (entries: readonly AttemptEntry[]) =>
  entries.some((entry) => entry.type === 'trainee.start' && entry.assisted === true);

export async function loadReport(store: AttemptStore, traineeId: string): Promise<ReportData> {
  const trainee = (await store.trainees()).find((t) => t.id === traineeId);
  if (!trainee) throw new Error(strings.ui.attemptNotFound);
  const records = (await store.list())
    .filter((a) => a.traineeId === traineeId && a.status === 'finished' && !a.forkedFrom)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const attempts: ReportData['attempts'] = [];
  const notReplayable: ReportData['notReplayable'] = [];
  const cases = new Map<string, ReportData['cases'][number]>();
  for (const record of records) {
    const entry = findScenario(record.scenario);
    if (!entry) {
      notReplayable.push({ record, title: record.scenario, why: p.scenarioGone });
      continue;
    }
    const module = await loadScenarioVersion(record.scenario, record.scenarioVersion);
    if (!module) {
      const why = p.otherVersion(record.scenarioVersion);
      notReplayable.push({ record, title: entry.title, why });
      continue;
    }
    const stored = await store.load(record.id);
    if (!stored) continue;
    const report = moderateReport(scoreEvents(module, stored.entries), await store.moderationsOf(record.id));
    attempts.push({
      record,
      title: entry.title,
      report,
      assisted: startedAssisted(stored.entries),
      context: { scenario: module.definition, key: module.answerKey },
    });
    if (!cases.has(entry.id)) cases.set(entry.id, { meta: entry, content: await entry.loadContent() });
  }
  return { name: trainee.name, attempts, notReplayable, cases: [...cases.values()] };
}
