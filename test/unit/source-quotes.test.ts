import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/validation/problems.ts';
import {
  findQuote,
  MAX_ELISION,
  normaliseForQuote,
  prepareCorpus,
  quoteProblems,
  readSourceDocuments,
  SOURCES_FOLDER,
  sourcesIn,
} from '../../src/validation/source-quotes.ts';

const root = new URL('../../', import.meta.url).pathname;

/** A document laid out as the source texts are: lines broken mid-sentence, a page break, curly quotes. */
const report = [
  'In her interview to the IOPC, call handler C stated she did not recall Ms A mentioning',
  'domestic abuse. She could hear loud',
  '',
  'OFFICIAL',
  '',
  'banging at the door which she believed was her ex-husband. Call handler C coded the call as ‘suspicious',
  'circumstances’ which had a response time of 60 minutes – a long time.',
  'Ms A explained that herself and her ex-husband went through “*a bit of a domestic violence case*”.',
].join('\n');
const corpus = prepareCorpus([{ file: 'report.txt', text: report }]);

describe('finding a quote in the source documents', () => {
  it('reads across line breaks and the page-break line, whatever the spacing', () => {
    expect(
      findQuote('She could hear loud banging at the door which she believed was her ex-husband.', corpus),
    ).toBe('report.txt');
    expect(findQuote('she did not   recall Ms A\nmentioning domestic abuse', corpus)).toBe('report.txt');
  });

  it('forgives the kind of quotation mark and dash, and emphasis marks, but not a word', () => {
    expect(findQuote("coded the call as 'suspicious circumstances' which", corpus)).toBe('report.txt');
    expect(findQuote('coded the call as "suspicious circumstances" which', corpus)).toBe('report.txt');
    expect(findQuote('60 minutes - a long time', corpus)).toBe('report.txt');
    expect(findQuote('60 minutes—a long time', corpus)).toBe('report.txt');
    expect(findQuote('went through "a bit of a domestic violence case"', corpus)).toBe('report.txt');
    expect(
      findQuote(
        'coded the call as ‘suspicious circumstances’ which had a response time of 15 minutes',
        corpus,
      ),
    ).toBe(undefined);
    expect(findQuote('She could hear banging at the door', corpus)).toBe(undefined);
  });

  it('takes an ellipsis for words left out: each part in order, close enough', () => {
    expect(findQuote('She could hear loud … which she believed was her ex-husband', corpus)).toBe(
      'report.txt',
    );
    expect(findQuote('She could hear loud...which she believed was her ex-husband', corpus)).toBe(
      'report.txt',
    );
    expect(findQuote('which she believed was her ex-husband … She could hear loud', corpus)).toBe(undefined);
    const far = prepareCorpus([
      { file: 'far.txt', text: `First part here. ${'x '.repeat(MAX_ELISION)} Second part.` },
    ]);
    expect(findQuote('First part here. … Second part.', far)).toBe(undefined);
  });

  it('normalises a document and a quote the same way', () => {
    expect(normaliseForQuote('new/\nfurther information – “now”')).toBe(
      normaliseForQuote('new/further information - now'),
    );
  });
});

describe('the quotes in a scenario file', () => {
  const key = {
    openingCode: { source: { kind: 'iopc-finding', ref: 'case 2', quote: 'She could hear loud banging' } },
    ndm: {
      expectations: [
        { id: 'a', source: { kind: 'app', ref: 'APP: domestic abuse: first response' } },
        { id: 'b', source: { kind: 'trainer-judgement', ref: 'judgement' } },
        { id: 'c', source: { kind: 'iopc-question', ref: 'case 2', quote: 'What steps do you take?' } },
      ],
    },
  };

  it('finds every source with the JSON path to it', () => {
    expect(sourcesIn(key).map((placed) => placed.path)).toEqual([
      'openingCode.source',
      'ndm.expectations[0].source',
      'ndm.expectations[1].source',
      'ndm.expectations[2].source',
    ]);
  });

  it('requires a quote of an IOPC finding and of APP, and finds every quote given, naming file, path and quote', () => {
    const problems = quoteProblems('scenarios/x/answer-key.json', key, corpus).map(formatProblem);
    expect(problems).toEqual([
      'scenarios/x/answer-key.json: ndm.expectations[0].source.quote: missing: a source of kind "app" must quote the words of the document it cites (sources/), verbatim',
      'scenarios/x/answer-key.json: ndm.expectations[2].source.quote: not found in the source documents (sources/): "What steps do you take?"',
    ]);
  });
});

describe('the source documents in the repository', () => {
  const documents = readSourceDocuments(`${root}${SOURCES_FOLDER}`);

  it('are the five documents the README lists', () => {
    const readme = readFileSync(`${root}${SOURCES_FOLDER}/README.md`, 'utf8');
    expect(documents.map((d) => d.file)).toHaveLength(5);
    for (const { file } of documents) expect(readme).toContain(file);
  });

  // Beside a checkout of the project the shared originals may be present; there, the copies must match.
  const shared = `${root}../shared/sources`;
  it.skipIf(!existsSync(shared))('are byte-for-byte copies of the shared originals', () => {
    for (const { file, text } of documents) expect(text).toBe(readFileSync(`${shared}/${file}`, 'utf8'));
  });
});
