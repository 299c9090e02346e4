/*
 * Writes scenarios/catalogue.generated.ts from the scenario folders: what the scenario list shows (taken
 * from each scenario.json) and how to load each scenario, so adding a scenario is adding its folder.
 *
 * A file generated ahead rather than a glob at build time, because the catalogue is loaded by Node as well
 * as by the app (the tsx command-line tools, vitest, Playwright), and import.meta.glob exists only under
 * Vite: one file that every runtime reads the same way, with plain dynamic imports the bundler splits
 * into a chunk per file, so the first screen carries the list and no scenario's data. `npm run catalogue`
 * writes it; `npm run validate` and the unit tests refuse one that no longer matches the folders.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import * as z from 'zod';
import { scenarioSchema } from '../../machines/scenario-format.ts';
import type { ScenarioMeta } from '../../scenarios/scenario-module.ts';

export const GENERATED_CATALOGUE = 'scenarios/catalogue.generated.ts';

/** A folder holding a scenario.json, by its path under scenarios/. */
export interface ScenarioFolder {
  path: string;
  scenario: unknown;
  /** The folder has the force's own procedures (sops.json), which override the shared ones. */
  hasSops: boolean;
  /** The earlier versions kept as released, in released/v<N>/, in version order. */
  released: readonly ReleasedVersion[];
}

export interface ReleasedVersion {
  version: number;
  /** Its path under scenarios/: `<id>/released/v<N>`. */
  path: string;
  hasSops: boolean;
}

/** The versions kept in a scenario folder's released/ (folders named v1, v2, …), in version order. */
export function readReleasedVersions(root: string, path: string): ReleasedVersion[] {
  const released = join(root, 'scenarios', path, 'released');
  if (!existsSync(released)) return [];
  return readdirSync(released, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^v[1-9]\d*$/.test(entry.name))
    .map((entry) => ({
      version: Number(entry.name.slice(1)),
      path: `${path}/released/${entry.name}`,
      hasSops: existsSync(join(released, entry.name, 'sops.json')),
    }))
    .sort((a, b) => a.version - b.version);
}

/** Every scenario folder under scenarios/, in name order (which is the order the list shows). */
export function readScenarioFolders(root: string): ScenarioFolder[] {
  const scenarios = join(root, 'scenarios');
  return readdirSync(scenarios, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(scenarios, entry.name, 'scenario.json')))
    .map((entry) => entry.name)
    .sort()
    .map((path) => ({
      path,
      scenario: JSON.parse(readFileSync(join(scenarios, path, 'scenario.json'), 'utf8')),
      hasSops: existsSync(join(scenarios, path, 'sops.json')),
      released: readReleasedVersions(root, path),
    }));
}

// Only what the list shows is read here; the validator checks the rest of the file.
const listedSchema = z.object(
  scenarioSchema.pick({
    id: true,
    version: true,
    title: true,
    summary: true,
    contentNote: true,
    supportTopics: true,
    caseStudy: true,
  }).shape,
);

function metaOf(folder: ScenarioFolder): Record<keyof ScenarioMeta, unknown> {
  const parsed = listedSchema.safeParse(folder.scenario);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `scenarios/${folder.path}/scenario.json: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const { id, version, title, summary, contentNote, supportTopics, caseStudy } = parsed.data;
  return { id, version, caseNumber: caseStudy.number, title, summary, contentNote, supportTopics };
}

const jsonImport = (path: string) => `import(${JSON.stringify(`./${path}`)}, { with: { type: 'json' } })`;

/** The files loadScenario and loadReleasedScenario take, from a folder holding a version's data. */
const dataImports = (path: string, hasSops: boolean) => `scenario: ${jsonImport(`${path}/scenario.json`)},
  answerKey: ${jsonImport(`${path}/answer-key.json`)},
  model: ${jsonImport(`${path}/attempts/model.json`)},
  historical: ${jsonImport(`${path}/attempts/historical.json`)},
  ${hasSops ? `sops: ${jsonImport(`${path}/sops.json`)},` : ''}`;

function entrySource(folder: ScenarioFolder): string {
  const meta = Object.entries(metaOf(folder))
    .map(([key, value]) => `${key}: ${JSON.stringify(value)},`)
    .join('\n');
  const released = folder.released
    .map(
      (kept) => `${kept.version}: () =>
        loadReleasedScenario({
          current: ${jsonImport(`${folder.path}/scenario.json`)},
          ${dataImports(kept.path, kept.hasSops)}
        }),`,
    )
    .join('\n');
  return `{
    ${meta}
    load: () => loadScenario({${dataImports(folder.path, folder.hasSops)}}),
    released: {${released}},
    loadContent: () =>
      loadContent({
        briefing: import(${JSON.stringify(`./${folder.path}/briefing.mdx`)}),
        debrief: import(${JSON.stringify(`./${folder.path}/debrief.mdx`)}),
      }),
  },`;
}

/** The text of scenarios/catalogue.generated.ts for these folders, formatted as the repository formats it. */
export async function catalogueSource(root: string, folders: readonly ScenarioFolder[]): Promise<string> {
  const source = `/*
 * Generated by \`npm run catalogue\` from the scenario folders: do not edit. Why it is generated, and how:
 * src/validation/catalogue-source.ts.
 */
import { loadContent, loadReleasedScenario, loadScenario } from './load-scenario.ts';
import type { CatalogueEntry } from './scenario-module.ts';

export const scenarioFolders: readonly CatalogueEntry[] = [
  ${folders.map(entrySource).join('\n')}
];
`;
  const file = join(root, GENERATED_CATALOGUE);
  return format(source, { ...(await resolveConfig(file)), filepath: file });
}
