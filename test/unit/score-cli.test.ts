/* `npm run --silent score -- FILE`, run as a real process: an attempt file in, its score out as JSON. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const score = async (file: string) => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/score.ts', file], {
    cwd: root,
  });
  return JSON.parse(stdout) as { total: number; findings: { id: string; message: string }[] };
};

it('prints each finding with a stable id beside its words, the same ids every time', async () => {
  const file = 'scenarios/ltl41-02/attempts/historical.json';
  const [first, second] = await Promise.all([score(file), score(file)]);
  expect(first.findings.length).toBeGreaterThan(3);
  expect(second.findings.map((f) => f.id)).toEqual(first.findings.map((f) => f.id));
  expect(first.findings.map((f) => f.id)).toContain('grading:grade-under:expected=immediate:grade=priority');
  for (const finding of first.findings) {
    expect(finding.id).not.toMatch(/\s/);
    expect(finding.message.length).toBeGreaterThan(10);
  }
});
