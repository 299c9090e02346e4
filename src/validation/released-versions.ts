/*
 * Raising a scenario's version keeps the version it replaces: its data, answer key, reference attempts
 * and procedures are copied, byte for byte, to scenarios/<id>/released/v<N>/, so every attempt played on
 * it still replays (machines/released-scenario.ts reads them with today's code). `npm run new-version`
 * does this; `npm run validate` refuses a scenario whose earlier versions are not all kept.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a version is made of, under its folder. */
export const VERSION_FILES = [
  'scenario.json',
  'answer-key.json',
  'attempts/model.json',
  'attempts/historical.json',
  'sops.json',
] as const;

/** Replaces the one whole-number value of a top-level field in a formatted JSON file, or throws. */
function raiseField(file: string, field: string, from: number): void {
  const text = readFileSync(file, 'utf8');
  const pattern = new RegExp(`^  "${field}": ${from},$`, 'm');
  if (!pattern.test(text)) throw new Error(`${file}: no top-level "${field}": ${from}`);
  writeFileSync(file, text.replace(pattern, `  "${field}": ${from + 1},`));
}

/**
 * Keeps the current version of scenarios/<id> in released/v<N>/ and raises the scenario and its reference
 * attempts to N + 1, ready to be changed. Returns the version kept. Refuses to overwrite a kept version.
 */
export function keepAndRaiseVersion(root: string, id: string): number {
  const folder = join(root, 'scenarios', id);
  const scenarioFile = join(folder, 'scenario.json');
  if (!existsSync(scenarioFile)) throw new Error(`scenarios/${id}/scenario.json: missing`);
  const version = (JSON.parse(readFileSync(scenarioFile, 'utf8')) as { version?: unknown }).version;
  if (typeof version !== 'number') throw new Error(`scenarios/${id}/scenario.json: version: not a number`);
  const kept = join(folder, 'released', `v${version}`);
  if (existsSync(kept)) throw new Error(`scenarios/${id}/released/v${version}: already kept`);
  mkdirSync(join(kept, 'attempts'), { recursive: true });
  for (const file of VERSION_FILES) {
    if (existsSync(join(folder, file))) copyFileSync(join(folder, file), join(kept, file));
  }
  raiseField(scenarioFile, 'version', version);
  for (const attempt of ['model', 'historical'])
    raiseField(join(folder, 'attempts', `${attempt}.json`), 'scenarioVersion', version);
  return version;
}
