/*
 * Every quote the scenarios attribute to the IOPC or to APP is checked against the documents the
 * simulator is built from (sources/ in this repository: the text of each, with its README). A trainee
 * trusts a debrief that says "this is what the IOPC found"; this check is what makes that true.
 *
 * Matching forgives only how the documents were turned into text and how a quote is typed: spacing and
 * line breaks, page-break lines, emphasis marks, the kind of quotation marks and dashes. A quote may leave
 * words out with an ellipsis ("…" or "..."): each part must then be found, in order, close after the one
 * before. Nothing else is forgiven: a changed word is a quote not found.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceRef } from '../../machines/scenario-format.ts';
import { QUOTED_SOURCE_KINDS } from '../../machines/vocabulary.ts';
import type { Problem } from './problems.ts';

/** The folder of source documents, from the repository root. */
export const SOURCES_FOLDER = 'sources';

/** One source document as text: its file name (e.g. `000_4475032bb6394bb2.txt`) and contents. */
export interface SourceDocument {
  file: string;
  text: string;
}

/** The documents with their text normalised once, ready to search. */
export interface SourceCorpus {
  documents: readonly { file: string; normalised: string }[];
}

/** The .txt files in the sources folder, in name order. */
export function readSourceDocuments(folder: string): SourceDocument[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(folder, file), 'utf8') }));
}

/**
 * Lines a page break puts into the text and no sentence contains: the protective marking at the foot of
 * each page of the learning report ("OFFICIAL") and bare page numbers.
 */
const PAGE_BREAK_LINE = /^[ \t\u00a0]*(?:OFFICIAL|\d{1,3})[ \t\u00a0]*$/gm;

/**
 * The text as the check compares it: compatibility forms folded (ligatures, non-breaking spaces),
 * emphasis marks and every kind of quotation mark dropped, every dash made a hyphen, no space either side
 * of a hyphen or a slash (a line may break after either), and all whitespace (line breaks included) one
 * space.
 */
export function normaliseForQuote(text: string): string {
  return text
    .normalize('NFKC')
    .replace(PAGE_BREAK_LINE, ' ')
    .replace(/[\u00ad\u200b-\u200d\ufeff]/g, '')
    .replace(/[*_]/g, '')
    .replace(/[\u2018\u2019\u201a\u201b\u2032'`\u00b4\u201c\u201d\u201e\u201f\u2033"\u00ab\u00bb]/g, '')
    .replace(/[\u2010-\u2015\u2212-]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?([-/]) ?/g, '$1')
    .trim();
}

export function prepareCorpus(documents: readonly SourceDocument[]): SourceCorpus {
  return { documents: documents.map(({ file, text }) => ({ file, normalised: normaliseForQuote(text) })) };
}

/** How far after one part of an elided quote the next may begin, in characters of normalised text. */
export const MAX_ELISION = 3000;

/** The parts of a quote between ellipses, normalised; empty parts (a leading "…") dropped. */
export function quoteParts(quote: string): string[] {
  return quote
    .split(/\u2026|\.\.\./)
    .map(normaliseForQuote)
    .map((part) => part.replace(/^[\s,;:.]+|[\s,;:]+$/g, ''))
    .filter((part) => part.length > 0);
}

/** Where in one normalised document the parts are found in order, or false. */
function partsFoundIn(parts: readonly string[], text: string): boolean {
  const [first, ...rest] = parts;
  if (first === undefined) return false;
  let from = text.indexOf(first);
  while (from !== -1) {
    let end = from + first.length;
    let all = true;
    for (const part of rest) {
      const at = text.indexOf(part, end);
      if (at === -1 || at - end > MAX_ELISION) {
        all = false;
        break;
      }
      end = at + part.length;
    }
    if (all) return true;
    from = text.indexOf(first, from + 1);
  }
  return false;
}

/** The document a quote is found in, or undefined. */
export function findQuote(quote: string, corpus: SourceCorpus): string | undefined {
  const parts = quoteParts(quote);
  if (parts.length === 0) return undefined;
  return corpus.documents.find((document) => partsFoundIn(parts, document.normalised))?.file;
}

/** A source object somewhere in a scenario file, with its JSON path (`ndm.expectations[3].source`). */
export interface PlacedSource {
  path: string;
  source: SourceRef;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSource = (value: unknown): value is SourceRef =>
  isRecord(value) && typeof value['kind'] === 'string' && typeof value['ref'] === 'string';

/** Every `source` object in a parsed scenario file (answer key, procedures), in document order. */
export function sourcesIn(value: unknown, path = ''): PlacedSource[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => sourcesIn(item, `${path}[${i}]`));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = path === '' ? key : `${path}.${key}`;
    if (key === 'source' && isSource(item)) return [{ path: at, source: item }];
    return sourcesIn(item, at);
  });
}

const quoteRequired = (kind: string): boolean => (QUOTED_SOURCE_KINDS as readonly string[]).includes(kind);

/**
 * What is wrong with the quotes in one scenario file: a source of a kind that must quote (an IOPC finding,
 * APP) with no quote, and a quote, of any kind, that is not in the documents: a quote is always the
 * documents' own words (anything else belongs in `ref`). Each problem names the file, the JSON path of the
 * source, and the quote.
 */
export function quoteProblems(file: string, data: unknown, corpus: SourceCorpus): Problem[] {
  return placedSourceProblems(file, sourcesIn(data), corpus);
}

/** The same, for sources already found (the scoring rules' standard sources, say). */
export function placedSourceProblems(
  file: string,
  sources: readonly PlacedSource[],
  corpus: SourceCorpus,
): Problem[] {
  const problems: Problem[] = [];
  for (const { path, source } of sources) {
    const quote = source.quote?.trim() ?? '';
    if (quote === '') {
      if (quoteRequired(source.kind))
        problems.push({
          file,
          field: `${path}.quote`,
          message: `missing: a source of kind "${source.kind}" must quote the words of the document it cites (${SOURCES_FOLDER}/), verbatim`,
        });
      continue;
    }
    if (findQuote(quote, corpus) === undefined)
      problems.push({
        file,
        field: `${path}.quote`,
        message: `not found in the source documents (${SOURCES_FOLDER}/): "${quote}"`,
      });
  }
  return problems;
}
