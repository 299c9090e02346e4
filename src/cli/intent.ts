/*
 * npm run --silent intent -- "TEXT" [--scenario ID]
 * Prints what the matcher reads in one message: {"topics":[...],"advice":[...]}, with a scenario's own
 * phrasings when one is named.
 */
import { findScenario } from '../../scenarios/catalogue.ts';
import { splitIntents } from '../../machines/intents.ts';
import { readMessage } from '../../machines/read-message.ts';

async function main(args: string[]): Promise<void> {
  const at = args.indexOf('--scenario');
  const scenarioId = at >= 0 ? args[at + 1] : undefined;
  const text = (at < 0 ? args : args.filter((_, i) => i !== at && i !== at + 1)).join(' ');
  if (text.trim() === '') throw new Error('usage: npm run --silent intent -- "TEXT" [--scenario ID]');
  let phrasings;
  if (scenarioId !== undefined) {
    const entry = findScenario(scenarioId);
    if (!entry) throw new Error(`no scenario "${scenarioId}" in this build`);
    phrasings = (await entry.load()).definition.phrasings;
  }
  process.stdout.write(`${JSON.stringify(splitIntents(readMessage(text, phrasings)))}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`intent: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
