import type { CallContext } from '../../machines/call-machine.ts';
import type { AnswerKey, ScenarioDefinition } from '../../machines/scenario-format.ts';
import type { Band, ScoringDimension } from '../../machines/vocabulary.ts';
import type { Finding } from './findings.ts';
import type { Unassessed } from './provenance.ts';

export type { Finding } from './findings.ts';

export interface DimensionResult {
  /** 0 to 100. */
  score: number;
  findings: Finding[];
  /** The highest band the call can reach, whatever its total: a failing the IOPC found was repeated. */
  capsBand?: Band;
}

/** Everything a rubric may look at: the scenario, its answer key and the replayed call. */
export interface RubricInput {
  scenario: ScenarioDefinition;
  key: AnswerKey;
  call: CallContext;
  /** What a historical attempt's sources do not report, which is not marked (nothing, if absent). */
  unassessed?: Unassessed;
}

export type Rubric = (input: RubricInput) => DimensionResult;

export interface ScoreReport {
  scenario: string;
  scenarioVersion: number;
  total: number;
  band: Band;
  /** Why the band is lower than the total alone would give, if it is. */
  capped?: 'critical' | 'iopc-failing';
  /**
   * Each dimension's score and weight. A dimension not assessed (a historical attempt whose sources are
   * silent on it) carries why, and weighs 0: it is in neither the total nor the findings.
   */
  dimensions: Record<ScoringDimension, { score: number; weight: number; unassessed?: string }>;
  findings: Finding[];
}
