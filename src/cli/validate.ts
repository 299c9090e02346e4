/*
 * npm run --silent validate
 * Validates every scenario folder, the catalogue and the SOPs, and checks every quote their sources give
 * against the source documents in sources/. Prints one line per problem, naming the file and the field,
 * and exits 1 if there is any.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sopsSchema } from '../../machines/scenario-format.ts';
import { STANDARD_SOURCES } from '../scoring/findings.ts';
import { strings } from '../strings/en-gb.ts';
import {
  catalogueSource,
  GENERATED_CATALOGUE,
  readReleasedVersions,
  readScenarioFolders,
} from '../validation/catalogue-source.ts';
import { formatProblem, schemaProblems, type Problem } from '../validation/problems.ts';
import {
  placedSourceProblems,
  prepareCorpus,
  quoteProblems,
  readSourceDocuments,
  SOURCES_FOLDER,
  type SourceCorpus,
} from '../validation/source-quotes.ts';
import { validateReleasedVersion, validateScenario } from '../validation/validate-scenario.ts';

const root = new URL('../../', import.meta.url).pathname;

function readText(path: string): string | undefined {
  const full = join(root, path);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}

function readJson(path: string, problems: Problem[]): unknown {
  const text = readText(path);
  if (text === undefined) {
    problems.push({ file: path, field: '(file)', message: 'missing' });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.push({ file: path, field: '(file)', message: `not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
}

/** The generated catalogue lists the folders as they are now. */
async function catalogueProblems(): Promise<Problem[]> {
  let expected: string;
  try {
    expected = await catalogueSource(root, readScenarioFolders(root));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [{ file: GENERATED_CATALOGUE, field: '(file)', message: `cannot be written: ${reason}` }];
  }
  return readText(GENERATED_CATALOGUE) === expected
    ? []
    : [{ file: GENERATED_CATALOGUE, field: '(file)', message: 'out of date: run npm run catalogue' }];
}

/**
 * Every earlier version is kept (released/v1 up to the one before the current), so every attempt ever
 * played replays; each is checked as today's code reads it.
 */
function releasedProblems(id: string, voices: ReadonlySet<string>, readProblems: Problem[]): Problem[] {
  const folder = `scenarios/${id}`;
  const current = readJson(`${folder}/scenario.json`, []);
  const kept = readReleasedVersions(root, id);
  const problems: Problem[] = [];
  const currentVersion = (current as { version?: unknown } | undefined)?.version;
  if (typeof currentVersion === 'number') {
    const keptVersions = new Set(kept.map((version) => version.version));
    for (let version = 1; version < currentVersion; version++) {
      if (!keptVersions.has(version))
        problems.push({
          file: `${folder}/released/v${version}`,
          field: '(folder)',
          message: `missing: version ${version} was released, so attempts on it exist (npm run new-version keeps a version as it raises it)`,
        });
    }
    for (const version of kept.filter((version) => version.version >= currentVersion))
      problems.push({
        file: `scenarios/${version.path}`,
        field: '(folder)',
        message: `keeps version ${version.version}, but the current version is ${currentVersion}`,
      });
  }
  for (const version of kept) {
    const path = `scenarios/${version.path}`;
    problems.push(
      ...validateReleasedVersion({
        id,
        version: version.version,
        scenario: readJson(`${path}/scenario.json`, readProblems),
        answerKey: readJson(`${path}/answer-key.json`, readProblems),
        ...(version.hasSops ? { sops: readJson(`${path}/sops.json`, readProblems) } : {}),
        attempts: {
          model: readJson(`${path}/attempts/model.json`, readProblems),
          historical: readJson(`${path}/attempts/historical.json`, readProblems),
        },
        current,
        voices,
      }),
    );
  }
  return problems;
}

/**
 * Every quote a source gives is in the source documents, and every IOPC finding and APP source has one:
 * in each scenario's answer key and procedures (the current version: kept versions are never edited), in
 * the shared procedures, and in the scoring rules' standard sources.
 */
function sourceQuoteProblems(folders: readonly string[]): Problem[] {
  const documents = readSourceDocuments(join(root, SOURCES_FOLDER));
  if (documents.length === 0)
    return [
      {
        file: `${SOURCES_FOLDER}/`,
        field: '(folder)',
        message: 'no source documents: quotes cannot be checked',
      },
    ];
  const corpus: SourceCorpus = prepareCorpus(documents);
  const problems: Problem[] = [];
  const files = [
    ...folders.flatMap((id) => [`scenarios/${id}/answer-key.json`, `scenarios/${id}/sops.json`]),
    'scenarios/sops.json',
  ];
  for (const file of files) {
    if (!existsSync(join(root, file))) continue;
    const data = readJson(file, []);
    if (data !== undefined) problems.push(...quoteProblems(file, data, corpus));
  }
  const standard = Object.entries(STANDARD_SOURCES).map(([name, source]) => ({
    path: `STANDARD_SOURCES.${name}`,
    source: { ...source, ref: strings.sources[name as keyof typeof STANDARD_SOURCES] },
  }));
  problems.push(...placedSourceProblems('src/scoring/findings.ts', standard, corpus));
  return problems;
}

async function main(): Promise<number> {
  const problems: Problem[] = [];
  const folders = readdirSync(join(root, 'scenarios'), { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(root, 'scenarios', entry.name, 'scenario.json')),
    )
    .map((entry) => entry.name);

  const voices = new Set(Object.keys((readJson('audio/recipe/voices.json', problems) ?? {}) as object));
  for (const id of folders) {
    const folder = `scenarios/${id}`;
    const audioDir = join(root, 'audio', id);
    const audioFiles = new Set(existsSync(audioDir) ? readdirSync(audioDir) : []);
    const captions = new Map(
      [...audioFiles]
        .filter((f) => f.endsWith('.vtt'))
        .map((f) => [f.slice(0, -4), readFileSync(join(audioDir, f), 'utf8')]),
    );
    const scenario = readJson(`${folder}/scenario.json`, problems);
    problems.push(
      ...(await validateScenario({
        id,
        scenario,
        answerKey: readJson(`${folder}/answer-key.json`, problems),
        ...(existsSync(join(root, folder, 'sops.json'))
          ? { sops: readJson(`${folder}/sops.json`, problems) }
          : {}),
        briefing: readText(`${folder}/briefing.mdx`),
        debrief: readText(`${folder}/debrief.mdx`),
        attempts: {
          model: readJson(`${folder}/attempts/model.json`, problems),
          historical: readJson(`${folder}/attempts/historical.json`, problems),
        },
        voices,
        audio: {
          files: audioFiles,
          captions,
          manifest: audioFiles.has('manifest.json')
            ? readJson(`audio/${id}/manifest.json`, problems)
            : undefined,
        },
      })),
    );
  }
  for (const id of folders) problems.push(...releasedProblems(id, voices, problems));
  const keptCount = folders.reduce((count, id) => count + readReleasedVersions(root, id).length, 0);
  problems.push(...(await catalogueProblems()));
  const sops = sopsSchema.safeParse(readJson('scenarios/sops.json', problems));
  if (!sops.success) problems.push(...schemaProblems('scenarios/sops.json', sops.error));
  problems.push(...sourceQuoteProblems(folders));

  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  if (problems.length === 0)
    process.stdout.write(
      `${folders.length} scenario(s) valid: ${folders.join(', ')}; ${keptCount} earlier version(s) kept, each replaying\n`,
    );
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`validate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
