import type { Rubric } from '../types.ts';
import { scoreExpectations } from './expectations.ts';

/** The escalations and contacts the answer key requires, and whether they came in time. */
export const scoreEscalation: Rubric = ({ key, call, unassessed }) =>
  scoreExpectations('escalation', key.escalation.expectations, call, unassessed);
