/*
 * npm run --silent bundle -- pack ATTEMPT_FILE...   writes a bundle of those attempts to stdout
 * npm run --silent bundle -- validate FILE          exit 0 if FILE is a bundle this build can import
 * Anything wrong gets one line on stderr naming the file and the reason, and exit code 1; never a
 * stack trace, whatever the input.
 */
import { readFile, stat } from 'node:fs/promises';
import { parseAttempt, type Attempt } from '../engine/attempt.ts';
import { MAX_BUNDLE_BYTES, oneLine, packAttempts, readBundle, verifyBundle } from '../supervision/bundle.ts';
import { catalogueScenarios } from '../supervision/catalogue-scenarios.ts';

const USAGE = 'usage: npm run --silent bundle -- pack ATTEMPT_FILE... | validate BUNDLE_FILE';

class InputError extends Error {}

async function readText(file: string): Promise<string> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${file}: cannot read (${error.code ?? 'error'})`);
  });
  if (!info.isFile()) throw new InputError(`${file}: not a file`);
  if (info.size > MAX_BUNDLE_BYTES) throw new InputError(`${file}: too large: bundles are at most 64 MB`);
  return readFile(file, 'utf8');
}

async function pack(files: readonly string[]): Promise<void> {
  if (files.length === 0) throw new InputError(USAGE);
  const attempts: Attempt[] = [];
  for (const file of files) {
    const text = await readText(file);
    try {
      attempts.push(parseAttempt(text));
    } catch (error) {
      throw new InputError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const bundle = packAttempts(attempts, new Date().toISOString());
  await verifyBundle(bundle, catalogueScenarios.load);
  process.stdout.write(`${JSON.stringify(bundle, null, 2)}\n`);
}

async function validate(file: string | undefined): Promise<void> {
  if (!file) throw new InputError(USAGE);
  const text = await readText(file);
  try {
    const { bundle, outcomes } = await readBundle(text, catalogueScenarios);
    const finished = [...outcomes.values()].filter((o) => o.finished).length;
    process.stdout.write(
      `${file}: valid bundle: ${bundle.trainees.length} trainees, ${bundle.courses.length} courses, ${bundle.attempts.length} attempts (${finished} finished), ${bundle.moderations.length} moderations, ${bundle.calibrations.length} calibrations\n`,
    );
  } catch (error) {
    throw new InputError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function main([command, ...rest]: string[]): Promise<void> {
  if (command === 'pack') return pack(rest);
  if (command === 'validate' && rest.length <= 1) return validate(rest[0]);
  throw new InputError(USAGE);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${oneLine(error instanceof InputError ? message : `bundle: ${message}`)}\n`);
  process.exitCode = 1;
});
