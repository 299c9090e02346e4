import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUOTED_SOURCE_KINDS } from '../../machines/vocabulary.ts';
import { STANDARD_SOURCES } from '../../src/scoring/findings.ts';
import { formatProblem } from '../../src/validation/problems.ts';
import {
  findQuote,
  MAX_ELISION,
  normaliseForQuote,
  prepareCorpus,
  quoteParts,
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

  // SHA256SUMS was taken from the shared originals when they were copied in: the copies are still those
  // documents, on any clone. Beside a checkout where the originals are present, they must match too.
  it('are byte-for-byte the documents their checksums were taken from', () => {
    const sums = new Map(
      readFileSync(`${root}${SOURCES_FOLDER}/SHA256SUMS`, 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const [sum = '', file = ''] = line.split(/\s+/);
          return [file, sum];
        }),
    );
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect([...sums.keys()].sort()).toEqual(documents.map((d) => d.file).sort());
    const shared = `${root}../shared/sources`;
    for (const { file } of documents) {
      expect(sha256(readFileSync(`${root}${SOURCES_FOLDER}/${file}`)), file).toBe(sums.get(file));
      if (existsSync(`${shared}/${file}`))
        expect(sha256(readFileSync(`${shared}/${file}`)), file).toBe(sums.get(file));
    }
  });
});

/**
 * The parts of the documents that are not the IOPC's findings: the key questions and the action each force
 * took (in the issue and in the learning report), and the Silent Solution campaign article.
 */
function notFindingSections(): string[] {
  const issue = readFileSync(`${root}${SOURCES_FOLDER}/000_4475032bb6394bb2.txt`, 'utf8');
  const report = readFileSync(`${root}${SOURCES_FOLDER}/003_98ec44c602a978d6.txt`, 'utf8');
  const between = (text: string, start: RegExp, end: RegExp): string[] =>
    [...text.matchAll(new RegExp(`${start.source}[\\s\\S]*?(?=${end.source})`, 'g'))].map((m) => m[0]);
  const nextHeading =
    /OUTCOMES FOR|KEY QUESTIONS|ACTION TAKEN|FORCE COMMENTARY|Read the full learning report|CASE STUDY/;
  // In the issue the questions and actions are bulleted ("n" at the start of a line); the narrative of a
  // case can follow them on the same page, so only the bullets count.
  const bullets = (section: string): string[] =>
    [...section.matchAll(/^\s*n\s[\s\S]*?(?=\n\s*\n|$(?![\s\S]))/gm)].map((m) => m[0]);
  const sections = [
    ...between(issue, /KEY QUESTIONS FOR/, nextHeading).flatMap(bullets),
    ...between(issue, /ACTION TAKEN BY THIS POLICE FORCE/, nextHeading).flatMap(bullets),
    ...between(issue, /The Silent Solution is a nationwide system/, /Communicating/),
    ...between(report, /Response to the recommendations/, /Outcomes for officers and staff/),
    ...between(report, /Questions to consider/, /$(?![\s\S])/),
  ];
  expect(sections.length).toBeGreaterThan(25);
  return sections;
}

describe('every scenario as it is now', () => {
  const corpus = prepareCorpus(readSourceDocuments(`${root}${SOURCES_FOLDER}`));
  const scenarioFiles = readdirSync(`${root}scenarios`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`${root}scenarios/${entry.name}/scenario.json`))
    .flatMap((entry) => [`scenarios/${entry.name}/answer-key.json`, `scenarios/${entry.name}/sops.json`])
    .concat('scenarios/sops.json')
    .filter((file) => existsSync(`${root}${file}`));
  const read = (file: string): unknown => JSON.parse(readFileSync(`${root}${file}`, 'utf8'));

  it('finds every quote in the source documents, and every IOPC finding and APP source quotes one', () => {
    expect(scenarioFiles.length).toBeGreaterThan(10);
    expect(
      scenarioFiles.flatMap((file) => quoteProblems(file, read(file), corpus)).map(formatProblem),
    ).toEqual([]);
  });

  it('labels no key question, guidance or force action an IOPC finding', () => {
    const findings = scenarioFiles
      .flatMap((file) => sourcesIn(read(file)).map((placed) => ({ file, ...placed })))
      .filter(({ source }) => source.kind === 'iopc-finding');
    expect(findings.length).toBeGreaterThan(100);
    const notFindings = notFindingSections().map(normaliseForQuote);
    const claims = findings.filter(({ source }) =>
      quoteParts(source.quote ?? '').some((part) => notFindings.some((section) => section.includes(part))),
    );
    expect(claims.map(({ file, path }) => `${file}: ${path}`)).toEqual([]);
  });

  it('reports a changed quote, naming the file, the path of the source and the quote', () => {
    const file = 'scenarios/ltl41-02/answer-key.json';
    const key = read(file) as { grading: { source: { quote: string } } };
    expect(quoteProblems(file, key, corpus)).toEqual([]);
    key.grading.source.quote = key.grading.source.quote.replace('not considered', 'considered');
    expect(quoteProblems(file, key, corpus).map(formatProblem)).toEqual([
      `${file}: grading.source.quote: not found in the source documents (sources/): "${key.grading.source.quote}"`,
    ]);
  });

  it('reports an IOPC finding whose quote was taken away', () => {
    const file = 'scenarios/ltl41-09/answer-key.json';
    const key = read(file) as { ndm: { expectations: { source: { quote?: string } }[] } };
    const at = key.ndm.expectations.findIndex((e) => e.source.quote !== undefined);
    const expectation = key.ndm.expectations[at];
    if (!expectation) throw new Error('no expectation with a quote');
    delete expectation.source.quote;
    expect(quoteProblems(file, key, corpus).map((p) => `${p.file}: ${p.field}`)).toEqual([
      `${file}: ndm.expectations[${at}].source.quote`,
    ]);
  });

  it('finds the quotes of the scoring rules’ standard sources', () => {
    for (const [name, source] of Object.entries(STANDARD_SOURCES)) {
      if ((QUOTED_SOURCE_KINDS as readonly string[]).includes(source.kind))
        expect(source).toHaveProperty('quote');
      if ('quote' in source) expect(findQuote(source.quote, corpus), name).toBeDefined();
    }
  });
});
