/*
 * npm run new-version -- <scenario id>
 * Before changing a scenario in a way that would replay old attempts differently: keeps its current
 * version in released/v<N>/ (src/validation/released-versions.ts says why) and raises it to N + 1, then
 * rewrites the scenario list.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueSource, GENERATED_CATALOGUE, readScenarioFolders } from '../validation/catalogue-source.ts';
import { keepAndRaiseVersion } from '../validation/released-versions.ts';

const root = new URL('../../', import.meta.url).pathname;

async function main(id: string | undefined): Promise<void> {
  if (!id) throw new Error('usage: npm run new-version -- <scenario id>');
  const kept = keepAndRaiseVersion(root, id);
  writeFileSync(join(root, GENERATED_CATALOGUE), await catalogueSource(root, readScenarioFolders(root)));
  process.stdout.write(
    `${id}: version ${kept} kept in scenarios/${id}/released/v${kept}; the scenario is now version ${kept + 1}\n`,
  );
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`new-version: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
