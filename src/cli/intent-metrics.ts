/*
 * How well the lexicon reads a table of phrasings (test/fixtures/intents/): each row a message and the
 * topics and advice a call handler meant by it. Precision: of the intents read, how many were meant;
 * recall: of the intents meant, how many were read.
 */
import { splitIntents } from '../../machines/intents.ts';
import { readMessage } from '../../machines/read-message.ts';

export interface PhrasingRow {
  text: string;
  topics: string[];
  advice: string[];
}

export interface ReadingMetrics {
  rows: number;
  precision: number;
  recall: number;
  /** Rows read exactly as meant. */
  exact: number;
  misread: { text: string; meant: string[]; read: string[] }[];
}

const keys = (topics: readonly string[], advice: readonly string[]) => [
  ...topics.map((topic) => `ask:${topic}`),
  ...advice.map((item) => `advise:${item}`),
];

export function readingMetrics(rows: readonly PhrasingRow[]): ReadingMetrics {
  let right = 0;
  let wrong = 0;
  let missed = 0;
  const misread: ReadingMetrics['misread'] = [];
  for (const row of rows) {
    const { topics, advice } = splitIntents(readMessage(row.text));
    const read = keys(topics, advice);
    const meant = keys(row.topics, row.advice);
    const hits = read.filter((key) => meant.includes(key)).length;
    right += hits;
    wrong += read.length - hits;
    missed += meant.length - hits;
    if (hits !== read.length || hits !== meant.length) misread.push({ text: row.text, meant, read });
  }
  return {
    rows: rows.length,
    precision: right + wrong === 0 ? 1 : right / (right + wrong),
    recall: right + missed === 0 ? 1 : right / (right + missed),
    exact: rows.length - misread.length,
    misread,
  };
}
