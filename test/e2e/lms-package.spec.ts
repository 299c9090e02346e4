/*
 * An LMS package works from the folder an LMS unpacks it into. `npm run package` builds a SCORM 1.2
 * course; its zip is served from a deep folder (as Moodle serves a package's content under
 * /pluginfile.php/…/mod_scorm/content/…), and a course scenario's model attempt is played there to its
 * debrief, with its sound and captions: every request must stay inside that folder and find its file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { findScenario } from '../../scenarios/catalogue.ts';
import { unzip } from '../../src/cli/zip.ts';
import { parseAttempt } from '../../src/engine/attempt.ts';
import { scoreAttempt } from '../../src/scoring/score-attempt.ts';
import { strings } from '../../src/strings/en-gb.ts';
import { activate } from './keyboard.ts';
import { actionLines, pauseClockSoon, playAttempt, recordedActions } from './play-attempt.ts';

const FOLDER = '/pluginfile.php/41/mod_scorm/content/3/';
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  xml: 'application/xml',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  vtt: 'text/vtt; charset=utf-8',
};

let server: Server;
let origin = '';
const requested: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const out = mkdtempSync(join(tmpdir(), 'lms-e2e-'));
  await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/package.ts',
      ...['--format', 'scorm12', '--course', 'Sub-folder check', '--scenarios', 'ltl41-04,ltl41-02'],
      ...['--out', out],
    ],
    { cwd: new URL('../../', import.meta.url).pathname },
  );
  const files = new Map(
    unzip(readFileSync(join(out, 'sub-folder-check-scorm12.zip'))).map((entry) => [entry.name, entry.data]),
  );
  rmSync(out, { recursive: true, force: true });
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    requested.push(path);
    const data = path.startsWith(FOLDER) ? files.get(path.slice(FOLDER.length)) : undefined;
    if (!data) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.replace(/.*\./, '')] ?? 'application/octet-stream',
      'content-length': data.length,
    });
    response.end(data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
});

test.afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

test('a SCORM package plays a course scenario from a sub-folder, sound and captions included', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const entry = findScenario('ltl41-04');
  if (!entry) throw new Error('no ltl41-04');
  const scenario = await entry.load();
  const model = parseAttempt(scenario.referenceAttempts.model);
  const expected = scoreAttempt(scenario, model);
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`failed ${request.url()}`));

  await page.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
  await page.goto(`${origin}${FOLDER}index.html`);
  await activate(page, page.getByRole('link', { name: strings.ui.startScenario(entry.title) }));
  await expect(page.getByRole('heading', { name: strings.ui.mdx.contentNote })).toBeVisible();
  await pauseClockSoon(page);
  await playAttempt(page, scenario, model.events);
  await page.clock.resume();
  await expect(page.getByRole('heading', { name: strings.ui.debrief.heading(entry.title) })).toBeVisible();
  // Recorded as the file has it, action for action, so the debrief must give the file's score.
  expect(await recordedActions(page)).toEqual(actionLines(model.events));
  await expect(page.locator('.score')).toContainText(strings.ui.debrief.total(expected.total));

  const played = await page.evaluate(() => (window.__controlRoomSound?.played ?? []).map((p) => p.cue));
  expect(played.filter((cue) => cue !== 'ringing').length).toBeGreaterThan(0);
  expect(requested.some((path) => path.endsWith('.vtt'))).toBe(true);
  expect(requested.some((path) => /\.(ogg|mp3)$/.test(path))).toBe(true);

  // A package is a course: its supervisor screens are refused, in an LMS or not (lms-scorm.spec.ts).
  await page.goto(`${origin}${FOLDER}index.html#/supervise`);
  await expect(page.getByText(strings.ui.lms.notInCourse)).toBeVisible();

  expect(requested.filter((path) => !path.startsWith(FOLDER))).toEqual([]);
  expect(failed).toEqual([]);
});
