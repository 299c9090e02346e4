/*
 * What the catalogue loads from a scenario folder: its data, the machine built from it, and its reference
 * attempts. Node-safe (no MDX, no audio), so the validator, the scorer and the benchmark load scenarios the
 * same way the app does. The briefing and debrief (MDX) are loaded separately by the app.
 */
import type { MDXContent } from 'mdx/types';
import type { CallMachine } from '../machines/call-machine.ts';
import type { AnswerKey, ScenarioDefinition, Sops } from '../machines/scenario-format.ts';
import type { SupportTopic } from '../machines/vocabulary.ts';

export interface ScenarioModule {
  definition: ScenarioDefinition;
  answerKey: AnswerKey;
  machine: CallMachine;
  /** The force's procedures by opening code: the shared scenarios/sops.json, overridden by the scenario's own. */
  sops: Sops;
  /**
   * Lines heard as captions only, having no recording of their words: none in the current version; in a
   * kept earlier one, those the current version's recordings no longer say.
   */
  unrecorded: ReadonlySet<string>;
  /** Raw attempt files, parsed by the engine: best practice and what the real staff did. */
  referenceAttempts: { model: unknown; historical: unknown };
}

export interface ScenarioContent {
  Briefing: MDXContent;
  Debrief: MDXContent;
}

/** What the scenario list shows before anything is loaded, from the scenario's scenario.json. */
export interface ScenarioMeta {
  id: string;
  version: number;
  /** The case study's number in the issue (caseStudy.number). */
  caseNumber: number;
  title: string;
  summary: string;
  /** Shown before anything else: the subjects the scenario deals with. */
  contentNote: string;
  /**
   * Whom the debrief's <Signposting /> lists, besides support for police staff (always listed); a report
   * covering several scenarios lists those of the scenarios it covers.
   */
  supportTopics: readonly [SupportTopic, ...SupportTopic[]];
}

export interface CatalogueEntry extends ScenarioMeta {
  /** The current version. */
  load: () => Promise<ScenarioModule>;
  /**
   * Every earlier version, kept as released so attempts played on it replay as on the day
   * (scenarios/<id>/released/v<N>/), by version number.
   */
  released: Readonly<Record<number, () => Promise<ScenarioModule>>>;
  loadContent: () => Promise<ScenarioContent>;
}
