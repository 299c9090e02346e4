/*
 * npm run catalogue
 * Writes scenarios/catalogue.generated.ts from the scenario folders (src/validation/catalogue-source.ts
 * says why it is generated). Run it after adding a scenario folder or changing what a scenario.json says
 * about itself (id, version, title, summary, content note, support topics, case number).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueSource, GENERATED_CATALOGUE, readScenarioFolders } from '../validation/catalogue-source.ts';

const root = new URL('../../', import.meta.url).pathname;

async function main(): Promise<void> {
  const folders = readScenarioFolders(root);
  writeFileSync(join(root, GENERATED_CATALOGUE), await catalogueSource(root, folders));
  process.stdout.write(`${GENERATED_CATALOGUE}: ${folders.map((folder) => folder.path).join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`catalogue: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
