/*
 * The reviewers' command line: `bundle pack` and `bundle validate`, run as a real process. Any input
 * gets exit 0 (a valid bundle) or exit 1 with one line naming the file and the reason, never a stack.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'bundle-cli-'));

async function bundle(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/bundle.ts', ...args],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('bundle CLI', { timeout: 30_000 }, () => {
  it('packs attempt files into a bundle that validates', async () => {
    const packed = await bundle(
      'pack',
      'scenarios/ltl41-01/attempts/model.json',
      'scenarios/ltl41-01/attempts/historical.json',
    );
    expect(packed.code).toBe(0);
    const path = file('packed.json', packed.stdout);
    const checked = await bundle('validate', path);
    expect(checked).toMatchObject({ code: 0, stderr: '' });
    expect(checked.stdout).toBe(
      `${path}: valid bundle: 2 trainees, 0 courses, 2 attempts (2 finished), 0 moderations, 0 calibrations\n`,
    );
  });

  const huge = join(dir, 'huge.json');
  writeFileSync(huge, '');
  truncateSync(huge, 65 * 1024 * 1024);

  it.each([
    ['empty', file('empty.json', ''), 'empty: a bundle is a JSON object'],
    ['not JSON', file('text.json', 'hello, supervisor'), 'not valid JSON'],
    [
      'the wrong version',
      file('v9.json', '{"format":"control-room-trainer/bundle","formatVersion":9}'),
      'version 9 is not supported',
    ],
    ['huge', huge, 'too large: bundles are at most 64 MB'],
    [
      'hostile strings',
      file(
        'hostile.json',
        JSON.stringify({
          format: 'control-room-trainer/bundle',
          formatVersion: 1,
          trainees: [],
          courses: [],
          attempts: [],
          moderations: [],
          calibrations: [],
          ['\n\u001b[31m\u202eowned']: 'x'.repeat(100_000),
        }),
      ),
      'Unrecognized key',
    ],
    ['a missing file', join(dir, 'absent.json'), 'cannot read (ENOENT)'],
  ])('refuses %s with one line and exit 1', async (_, path, reason) => {
    const result = await bundle('validate', path);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(reason);
    expect(result.stderr.startsWith(path)).toBe(true);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr).not.toContain('\u202e');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says how to use it when given nothing to do', async () => {
    const result = await bundle();
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^usage: npm run --silent bundle -- pack/);
  });
});
