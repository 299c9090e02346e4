/* `npm run --silent intent -- "TEXT"`, run as a real process: one message in, its reading out as JSON. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const intent = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/intent.ts', ...args], { cwd: root });

it('prints the topics and advice one message is read as', async () => {
  const { stdout } = await intent('is he still there and has he got anything on him? stay on the line');
  expect(JSON.parse(stdout)).toEqual({ topics: ['suspect-present', 'weapons'], advice: ['stay-on-line'] });
});

it('says how to use it when given nothing, with exit 1', async () => {
  await expect(intent()).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^intent: usage/) });
});
