import type { Rubric } from '../types.ts';
import { scoreExpectations } from './expectations.ts';

/** The National Decision Model, as the behaviours the answer key maps to each of its elements. */
export const scoreNdm: Rubric = ({ key, call }) => scoreExpectations('ndm', key.ndm.expectations, call);
